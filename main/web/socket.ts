/**
 * Browser mode's message half: one accepted WebSocket at /rpc served by the dispatcher.
 * server.ts does HTTP and the upgrade (who may connect); this file does what arrives once
 * connected. Frames are handed over as bytes, so the size limit, binary frames, UTF-8 and
 * JSON are refused with typed errors by the same code as on the MessagePort
 * (main/rpc/frame.ts) instead of closing the socket and every stream on it.
 */
import type { ServerOptions, RawData, WebSocket } from 'ws';
import { serveConnection, type ConnectionOptions } from '../rpc/dispatcher';
import type { Handlers } from '../rpc/handler-types';
import { MAX_MESSAGE_BYTES } from '../../shared/contract/wire';
import { logger } from '../platform/logger';

const log = logger('web');

/**
 * The largest frame ws reads at all. Frames up to MAX_MESSAGE_BYTES are messages; larger
 * ones up to this are read only to answer `TooLarge` under their id (shared/contract/wire.ts).
 * Beyond it ws closes the socket with 1009 (Message Too Big): it buffers a whole frame
 * before anyone sees it, so this, not MAX_MESSAGE_BYTES, bounds what one frame costs.
 */
export const MAX_FRAME_BYTES = 16 * MAX_MESSAGE_BYTES;

/**
 * Flow control (credits, see shared/contract/wire.ts) keeps what main sends within a few
 * stream windows. A socket with this much unsent is a client acknowledging what it never
 * read; it is closed rather than allowed to grow main's memory.
 */
const MAX_BUFFERED_BYTES = 256 * 1024 * 1024;

/**
 * Options for the WebSocketServer. UTF-8 is checked by the dispatcher (a typed `Invalid`
 * for that frame) rather than by ws, which would close the socket with 1007.
 */
export const SOCKET_OPTIONS: ServerOptions = {
  maxPayload: MAX_FRAME_BYTES,
  skipUTF8Validation: true,
};

export function serveSocket(
  ws: WebSocket,
  handlers: Handlers,
  options: ConnectionOptions = {},
): void {
  const connection = serveConnection(
    handlers,
    (message) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        log.warn('closed a WebSocket that stopped reading');
        ws.terminate();
        return;
      }
      ws.send(JSON.stringify(message));
    },
    options,
  );
  ws.on('message', (data: RawData, isBinary: boolean) => {
    connection.receiveFrame(bytesOf(data), isBinary);
  });
  ws.on('close', () => connection.close());
  ws.on('error', (error) => {
    log.warn(`WebSocket error: ${error.message}`);
    connection.close();
  });
}

/** ws hands a message as one Buffer, an ArrayBuffer or fragments, by its binaryType. */
function bytesOf(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
