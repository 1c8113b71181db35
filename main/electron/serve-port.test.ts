// The Electron transport's flow control, in a unit test: the real dispatcher on one end of
// a MessageChannel (through the same adapter ipc.ts uses) and the real shared client on
// the other, wired the way the preload wires its port.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_MESSAGE_BYTES, type ServerMessage } from '../../shared/contract/wire';
import type { Handlers } from '../rpc/handler-types';
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

describe('the wire rules over a MessagePort', () => {
  it('refuses binary, oversized, duplicate and unknown messages with typed errors', async () => {
    const { port1, port2 } = new MessageChannel();
    opened.push(port1, port2);
    const handlers = {
      'app.info': async () => ({ version: 'test', mode: 'electron' }),
    } as unknown as Handlers;
    servePort(handlers, asMainPort(port1));
    const received: ServerMessage[] = [];
    port2.on('message', (message: ServerMessage) => received.push(message));
    port2.postMessage(new Uint8Array([1, 2, 3]));
    port2.postMessage({
      t: 'call',
      id: 1,
      channel: 'app.info',
      input: 'x'.repeat(MAX_MESSAGE_BYTES),
    });
    port2.postMessage({ t: 'call', id: 1, channel: 'app.info', input: {} }); // refused: used
    port2.postMessage({ t: 'call', id: 2, channel: 'no.such', input: {} });
    port2.postMessage({ t: 'cancel', id: 77 });
    port2.postMessage({ t: 'call', id: 3, channel: 'app.info', input: {} });
    await vi.waitFor(() => expect(received).toHaveLength(6));
    expect(received).toEqual([
      {
        t: 'error',
        id: null,
        error: { code: 'Invalid', message: expect.stringContaining('binary') },
      },
      { t: 'error', id: 1, error: { code: 'TooLarge', message: expect.any(String) } },
      { t: 'error', id: 1, error: { code: 'DuplicateId', message: expect.any(String) } },
      { t: 'error', id: 2, error: { code: 'NotFound', message: expect.any(String) } },
      { t: 'error', id: 77, error: { code: 'NotFound', message: expect.any(String) } },
      { t: 'result', id: 3, value: { version: 'test', mode: 'electron' } },
    ]);
  });
});
