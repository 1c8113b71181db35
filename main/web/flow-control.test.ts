// Browser mode's flow control over a real WebSocket on 127.0.0.1: startWebServer's own
// socket adapter with the real dispatcher, and the real shared client, wired the way
// renderer/src/data/connect.ts wires its socket.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, it } from 'vitest';
import type { MessagePipe } from '../../shared/contract/client';
import type { ServerMessage } from '../../shared/contract/wire';
import { stalledRendererScenario } from '../rpc/flow-harness';
import { startWebServer, type WebServer } from './server';
import { tradeStartCode } from './web-harness';

let server: WebServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('flow control over the WebSocket', () => {
  it(
    'holds a stream back at one window while the renderer stalls, then delivers all',
    { timeout: 60_000 },
    async () => {
      await stalledRendererScenario(async (handlers) => {
        const rendererDir = mkdtempSync(join(tmpdir(), 'pilothouse-renderer-'));
        const web = await startWebServer({ port: 0, rendererDir, handlers });
        server = web;
        const { cookie } = await tradeStartCode(web.url);
        const socket = new WebSocket(`ws://127.0.0.1:${web.port}/rpc`, {
          headers: { origin: web.origin, cookie },
        });
        await new Promise((resolve, reject) => {
          socket.once('open', resolve);
          socket.once('error', reject);
        });
        const pipe: MessagePipe = {
          send: (message) => socket.send(JSON.stringify(message)),
          onMessage: (receive) =>
            socket.on('message', (data: WebSocket.RawData) =>
              receive(JSON.parse(data.toString()) as ServerMessage),
            ),
          onClose: (closed) => socket.on('close', () => closed('closed')),
        };
        return pipe;
      });
    },
  );
});
