import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bindLocal } from './local-listener';

const open: net.Server[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A loopback port some other program holds. */
async function takenPort(): Promise<number> {
  const other = net.createServer();
  open.push(other);
  await new Promise<void>((resolve) => other.listen({ host: '127.0.0.1', port: 0 }, resolve));
  return (other.address() as net.AddressInfo).port;
}

describe('bindLocal', () => {
  it('takes the port asked for when it is free', async () => {
    const free = await takenPort();
    await new Promise((r) => open.pop()!.close(r));
    const bound = await bindLocal('127.0.0.1', free, free);
    expect(bound).toMatchObject({ ok: true, port: free });
    if (bound.ok) open.push(bound.server);
  });

  it('says a chosen port is in use, and listens on nothing', async () => {
    const port = await takenPort();
    const bound = await bindLocal('127.0.0.1', port, port);
    expect(bound).toEqual({
      ok: false,
      reason: `local port ${port} is in use`,
      text: `Failed: local port ${port} is in use`,
    });
  });

  it("falls back to a free port for 'same-or-free', never for 'same'", async () => {
    const port = await takenPort();
    const fallback = await bindLocal('127.0.0.1', port, 'same-or-free');
    expect(fallback.ok && fallback.port).not.toBe(port);
    expect(fallback.ok && fallback.port).toBeGreaterThan(0);
    if (fallback.ok) open.push(fallback.server);
    expect(await bindLocal('127.0.0.1', port, 'same')).toMatchObject({ ok: false });
  });

  it('names an address that is not on this machine', async () => {
    // 192.0.2.0/24 is TEST-NET-1: never a local interface. Nothing is dialled.
    const bound = await bindLocal('192.0.2.1', 0, 0);
    expect(bound).toMatchObject({
      ok: false,
      reason: 'address 192.0.2.1 is not on this machine',
    });
  });
});
