/**
 * Local addresses for a whole-namespace forward (kubefwd's idea, without root): each
 * Service gets its own loopback address, so every Service can listen on its own ports
 * (several on port 80 at once). Linux routes all of 127.0.0.0/8 to lo, so 127.1.x.y binds
 * without any setup; macOS has only 127.0.0.1 unless aliases were added, which we detect
 * by binding 127.1.0.1 once, and then fall back to distinct free ports on 127.0.0.1.
 *
 * The address of a Service is derived from its namespace and name (FNV-1a over
 * 127.1.0.1-127.1.255.254), not from the order Services were listed: hosts-file lines a
 * user pasted stay right across runs and when Services come and go. Two keys that hash
 * alike take the next free address (in a process; a collision can move one across runs).
 */
import net from 'node:net';

/** The address probed to learn whether 127.0.0.0/8 beyond 127.0.0.1 is bindable. */
export const ALIAS_PROBE_ADDRESS = '127.1.0.1';
/** Where a namespace's Services live when aliases are missing. */
export const LOOPBACK = '127.0.0.1';
/** 127.1.x.y with x in 0-255 and y in 1-254 (no .0, no .255 to avoid surprising anyone). */
const HOSTS_PER_BLOCK = 254;
const ALIAS_SLOTS = 256 * HOSTS_PER_BLOCK;

/** Binds ALIAS_PROBE_ADDRESS on a free port and closes it: true when that works. */
export function probeLoopbackAliases(address = ALIAS_PROBE_ADDRESS): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: address, port: 0, exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

let aliasesKnown: Promise<boolean> | undefined;
/** {@link probeLoopbackAliases}, asked once per process. */
export function loopbackAliasesWork(): Promise<boolean> {
  aliasesKnown ??= probeLoopbackAliases();
  return aliasesKnown;
}

/** 32-bit FNV-1a over the UTF-16 code units of `text`. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function aliasAddress(slot: number): string {
  const x = Math.floor(slot / HOSTS_PER_BLOCK);
  const y = 1 + (slot % HOSTS_PER_BLOCK);
  return `127.1.${x}.${y}`;
}

/**
 * Hands each key (`namespace/name` of a Service) its loopback address, stable for the
 * key, distinct from every other key holding one. With `aliases` false every key gets
 * 127.0.0.1 (its ports must then differ: see {@link localPortCandidates}).
 */
export class LoopbackAllocator {
  private readonly byKey = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(readonly aliases: boolean) {}

  addressFor(key: string): string {
    const held = this.byKey.get(key);
    if (held) return held;
    if (!this.aliases) {
      this.byKey.set(key, LOOPBACK);
      return LOOPBACK;
    }
    if (this.taken.size >= ALIAS_SLOTS) throw new Error('no loopback address left in 127.1.0.0/16');
    let slot = fnv1a(key) % ALIAS_SLOTS;
    while (this.taken.has(aliasAddress(slot))) slot = (slot + 1) % ALIAS_SLOTS;
    const address = aliasAddress(slot);
    this.taken.add(address);
    this.byKey.set(key, address);
    return address;
  }

  release(key: string): void {
    const address = this.byKey.get(key);
    if (address === undefined) return;
    this.byKey.delete(key);
    if (this.aliases) this.taken.delete(address);
  }
}

/**
 * The local ports to try, in order, for a Service port: its own number first (so
 * `web:80` is `127.1.x.y:80`), then any free port (0). The second is used when the first
 * is taken (127.0.0.1 shared by every Service, or another program) or needs privileges
 * (ports below 1024 for a non-root user on Linux: EACCES).
 */
export function localPortCandidates(servicePort: number): number[] {
  return [servicePort, 0];
}
