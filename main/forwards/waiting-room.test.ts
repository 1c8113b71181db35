import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_PENDING, PENDING_MAX_MS, WaitingRoom } from './waiting-room';

const cleanup: (() => void)[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const c of cleanup.splice(0)) c();
});

/** `n` accepted server-side sockets on loopback, as a forward's listener hands them over. */
async function accepted(n: number): Promise<net.Socket[]> {
  const sockets: net.Socket[] = [];
  const server = net.createServer({ pauseOnConnect: true }, (s) => sockets.push(s));
  await new Promise<void>((r) => server.listen({ host: '127.0.0.1', port: 0 }, r));
  const { port } = server.address() as net.AddressInfo;
  const clients = [...Array(n)].map(() => net.connect({ host: '127.0.0.1', port }));
  for (const c of clients) c.on('error', () => undefined);
  cleanup.push(() => {
    for (const c of clients) c.destroy();
    for (const s of sockets) s.destroy();
    server.close();
  });
  await vi.waitFor(() => expect(sockets).toHaveLength(n));
  return sockets;
}

describe('WaitingRoom', () => {
  it('hands held connections over in order, with their attempts', async () => {
    const [a, b] = await accepted(2);
    const room = new WaitingRoom(() => undefined);
    room.hold(a!, 0);
    room.hold(b!, 2);
    expect(room.release()).toEqual([
      { socket: a, attempts: 0 },
      { socket: b, attempts: 2 },
    ]);
    expect(room.size).toBe(0);
  });

  it('closes a connection that waited too long, and says why', async () => {
    const [a] = await accepted(1);
    vi.useFakeTimers();
    const said: string[] = [];
    const room = new WaitingRoom((text) => said.push(text));
    room.hold(a!, 0);
    vi.advanceTimersByTime(PENDING_MAX_MS);
    expect(a!.destroyed).toBe(true);
    expect(room.size).toBe(0);
    expect(said).toEqual(['no ready pod within 10 s: connection closed']);
  });

  it(`turns the ${MAX_PENDING + 1}th waiting connection away`, async () => {
    const sockets = await accepted(MAX_PENDING + 1);
    const said: string[] = [];
    const room = new WaitingRoom((text) => said.push(text));
    for (const s of sockets) room.hold(s, 0);
    expect(room.size).toBe(MAX_PENDING);
    expect(sockets.at(-1)!.destroyed).toBe(true);
    expect(said).toEqual([`more than ${MAX_PENDING} connections waiting for a pod: closed`]);
    room.closeAll();
    expect(sockets.every((s) => s.destroyed)).toBe(true);
  });

  it('forgets a connection its client closed', async () => {
    const [a] = await accepted(1);
    const room = new WaitingRoom(() => undefined);
    room.hold(a!, 0);
    a!.destroy();
    await vi.waitFor(() => expect(room.size).toBe(0));
    expect(room.release()).toEqual([]);
  });
});
