// The Electron transport's flow control, in a unit test: the real dispatcher on one end of
// a MessageChannel (through the same adapter ipc.ts uses) and the real shared client on
// the other, wired the way the preload wires its port.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, it } from 'vitest';
import type { ServerMessage } from '../../shared/contract/wire';
import type { MessagePipe } from '../../shared/contract/client';
import { stalledRendererScenario } from '../rpc/flow-harness';
import { servePort, type MainPort } from './serve-port';

const opened: MessagePort[] = [];
afterEach(() => {
  for (const port of opened.splice(0)) port.close();
});

/** Node's port as Electron's MessagePortMain looks: 'message' listeners get `{ data }`. */
function asMainPort(port: MessagePort): MainPort {
  return {
    postMessage: (message) => port.postMessage(message),
    on: (event: 'message' | 'close', listener: (message: { data: unknown }) => void) =>
      event === 'message'
        ? port.on('message', (data: unknown) => listener({ data }))
        : port.on('close', () => (listener as () => void)()),
    start: () => port.start(),
  };
}

describe('flow control over a MessagePort', () => {
  it(
    'holds a stream back at one window while the renderer stalls, then delivers all',
    { timeout: 60_000 },
    async () => {
      await stalledRendererScenario(async (handlers) => {
        const { port1, port2 } = new MessageChannel();
        opened.push(port1, port2);
        servePort(handlers, asMainPort(port1));
        // As in preload.ts.
        const pipe: MessagePipe = {
          send: (message) => port2.postMessage(message),
          onMessage: (receive) => {
            port2.on('message', (message: ServerMessage) => receive(message));
          },
          onClose: () => undefined,
        };
        return pipe;
      });
    },
  );
});
