import net from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  aliasAddress,
  fnv1a,
  localPortCandidates,
  LoopbackAllocator,
  LOOPBACK,
  probeLoopbackAliases,
} from './loopback-addresses';

describe('LoopbackAllocator', () => {
  it('gives each Service its own 127.1.x.y, the same one every run', () => {
    const a = new LoopbackAllocator(true);
    const web = a.addressFor('team-a/web');
    const api = a.addressFor('team-a/api');
    expect(web).toMatch(/^127\.1\.(\d{1,3})\.(\d{1,3})$/);
    expect(api).not.toBe(web);
    expect(a.addressFor('team-a/web')).toBe(web);
    // A fresh allocator (the next run), with Services met in another order: same addresses.
    const b = new LoopbackAllocator(true);
    expect(b.addressFor('team-a/api')).toBe(api);
    expect(b.addressFor('team-a/web')).toBe(web);
  });

  it('never hands one address to two keys, and reuses a released one', () => {
    const a = new LoopbackAllocator(true);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(a.addressFor(`ns/svc-${i}`));
    expect(seen.size).toBe(2000);
    for (const address of seen) {
      const [, , x, y] = address.split('.').map(Number);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(255);
      expect(y).toBeGreaterThanOrEqual(1);
      expect(y).toBeLessThanOrEqual(254);
    }
    const first = a.addressFor('ns/svc-0');
    a.release('ns/svc-0');
    expect(a.addressFor('ns/svc-0')).toBe(first);
  });

  it('takes the next slot on a hash collision', () => {
    // Find two keys in the same slot.
    const slots = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const key = `k${i}`;
      const slot = fnv1a(key) % (256 * 254);
      const other = slots.get(slot);
      if (other) pair = [other, key];
      slots.set(slot, key);
    }
    const a = new LoopbackAllocator(true);
    const slot = fnv1a(pair[0]) % (256 * 254);
    expect(a.addressFor(pair[0])).toBe(aliasAddress(slot));
    expect(a.addressFor(pair[1])).toBe(aliasAddress((slot + 1) % (256 * 254)));
  });

  it('puts everyone on 127.0.0.1 without aliases (ports then differ)', () => {
    const a = new LoopbackAllocator(false);
    expect(a.addressFor('team-a/web')).toBe(LOOPBACK);
    expect(a.addressFor('team-a/api')).toBe(LOOPBACK);
    expect(localPortCandidates(80)).toEqual([80, 0]);
  });

  it('maps slots to 127.1.x.y without .0 or .255 hosts', () => {
    expect(aliasAddress(0)).toBe('127.1.0.1');
    expect(aliasAddress(253)).toBe('127.1.0.254');
    expect(aliasAddress(254)).toBe('127.1.1.1');
    expect(aliasAddress(256 * 254 - 1)).toBe('127.1.255.254');
  });
});

describe('probeLoopbackAliases', () => {
  it('binds 127.1.0.1 on this machine (Linux routes 127.0.0.0/8 to lo)', async () => {
    const works = await probeLoopbackAliases();
    if (process.platform === 'linux') expect(works).toBe(true);
  });

  it('says false for an address that is not local', async () => {
    // TEST-NET-1 (RFC 5737) is never a local address.
    expect(await probeLoopbackAliases('192.0.2.1')).toBe(false);
  });

  it('lets two Services listen on port 0 of distinct aliases at once', async () => {
    if (process.platform !== 'linux') return;
    const listen = (host: string) =>
      new Promise<net.Server>((resolve, reject) => {
        const s = net.createServer();
        s.once('error', reject);
        s.listen({ host, port: 0 }, () => resolve(s));
      });
    const a = await listen('127.1.0.7');
    const port = (a.address() as net.AddressInfo).port;
    const b = await new Promise<net.Server>((resolve, reject) => {
      const s = net.createServer();
      s.once('error', reject);
      s.listen({ host: '127.1.0.8', port }, () => resolve(s));
    });
    expect((b.address() as net.AddressInfo).port).toBe(port);
    await Promise.all([a, b].map((s) => new Promise((r) => s.close(r))));
  });
});
