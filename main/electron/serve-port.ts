/**
 * The main-process end of the Electron transport, apart from Electron itself so a unit
 * test can run it over Node's MessageChannel. Thin on purpose: flow control is the
 * dispatcher's and the client's (credits, shared/contract/wire.ts), the same as over the
 * WebSocket. A port carries structured clones, not bytes: the dispatcher estimates each
 * message's size and refuses binary ones (main/rpc/frame.ts), so the wire's rules (sizes,
 * ids, limits; shared/contract/wire.ts) are the same on both transports.
 */
import { serveConnection, type Connection, type ConnectionOptions } from '../rpc/dispatcher';
import type { Handlers } from '../rpc/handler-types';

/** What Electron's MessagePortMain offers that the transport uses. */
export interface MainPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
}

export function servePort(
  handlers: Handlers,
  port: MainPort,
  options: ConnectionOptions = {},
): Connection {
  const connection = serveConnection(handlers, (message) => port.postMessage(message), options);
  port.on('message', (message) => connection.receive(message.data));
  port.on('close', () => connection.close());
  port.start();
  return connection;
}
