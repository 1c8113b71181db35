// Browser mode's message half over a real WebSocket on 127.0.0.1 (ws on both ends, the
// server with SOCKET_OPTIONS and serveSocket as server.ts uses them; no HTTP guard, which
// server.ts tests cover): refusals are typed replies and a stream on the same socket goes
// on; only a frame over MAX_FRAME_BYTES closes the socket, with 1009.
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serveSocket, SOCKET_OPTIONS, MAX_FRAME_BYTES } from './socket';
import type { Handlers, StreamSink } from '../rpc/handler-types';
import { MAX_MESSAGE_BYTES, type ServerMessage } from '../../shared/contract/wire';

let server: WebSocketServer | undefined;
afterEach(async () => {
  for (const client of server?.clients ?? []) client.terminate();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A stream that emits a tick every 20 ms until cancelled, and app.info. */
const handlers = {
  'app.info': async () => ({ version: 'test', mode: 'web' }),
  'kubeconfig.watch': (_i: unknown, sink: StreamSink<unknown>, signal: AbortSignal) => {
    let n = 0;
    const timer = setInterval(() => sink.emit({ tick: n++ }), 20);
    signal.addEventListener('abort', () => clearInterval(timer));
  },
} as unknown as Handlers;

async function connect() {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0, ...SOCKET_OPTIONS });
  server.on('connection', (ws) => serveSocket(ws, handlers));
  await new Promise((resolve) => server?.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const socket = new WebSocket(`ws://127.0.0.1:${port}`, { maxPayload: 0 });
  const received: ServerMessage[] = [];
  socket.on('message', (data: Buffer) => received.push(JSON.parse(data.toString())));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const ticks = () => received.filter((m) => m.t === 'batch' && m.id === 1).length;
  return { socket, received, ticks };
}

describe('serveSocket', () => {
  it('answers bad frames with typed errors while a stream on the same socket goes on', async () => {
    const { socket, received, ticks } = await connect();
    socket.send(JSON.stringify({ t: 'sub', id: 1, channel: 'kubeconfig.watch', input: {} }));
    await vi.waitFor(() => expect(ticks()).toBeGreaterThan(0));
    const big = { t: 'call', id: 2, channel: 'app.info', input: 'x'.repeat(MAX_MESSAGE_BYTES) };
    socket.send(JSON.stringify(big));
    socket.send(Buffer.from('{"t":"call"}'), { binary: true });
    socket.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false }); // not UTF-8, as text
    socket.send('not json');
    socket.send(JSON.stringify({ t: 'call', id: 3, channel: 'app.info', input: {} }));
    await vi.waitFor(() => expect(received.some((m) => m.id === 3)).toBe(true));
    const errors = received.filter((m) => m.t === 'error');
    expect(errors).toEqual([
      { t: 'error', id: 2, error: { code: 'TooLarge', message: expect.any(String) } },
      {
        t: 'error',
        id: null,
        error: { code: 'Invalid', message: expect.stringContaining('binary') },
      },
      { t: 'error', id: null, error: { code: 'Invalid', message: 'frame is not UTF-8 text' } },
      { t: 'error', id: null, error: { code: 'Invalid', message: 'frame is not JSON' } },
    ]);
    expect(received.find((m) => m.id === 3)).toMatchObject({ t: 'result', value: { mode: 'web' } });
    const before = ticks();
    await vi.waitFor(() => expect(ticks()).toBeGreaterThan(before));
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });

  it(`closes with 1009 only for a frame over MAX_FRAME_BYTES (${MAX_FRAME_BYTES} bytes)`, async () => {
    const { socket } = await connect();
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send('x'.repeat(MAX_FRAME_BYTES + 1));
    expect(await closed).toBe(1009);
  });
});
