/**
 * One TLS SecureContext per set of TLS material (CA, client certificate and key), reused by
 * every connection made with it. Given `ca`/`cert`/`key` and no `secureContext`, Node's
 * tls.connect builds a new context for each connection: it parses the CA bundle, the
 * certificate and the private key every time, 15–40 ms of main-thread CPU on a 2-core
 * machine. A burst of new log streams (each one connection) then held the services
 * process's event loop for 240 ms (the hostile-logs spec's profile); a port-forward paid it
 * for every local connection.
 *
 * Material that does not parse gets no context here: tls.connect then fails on it as it
 * always did, with its own message, at the moment a connection is made.
 */
import { createHash, type Hash } from 'node:crypto';
import tls from 'node:tls';

export type TlsMaterial = Pick<
  tls.SecureContextOptions,
  'ca' | 'cert' | 'key' | 'pfx' | 'passphrase'
>;

/** Contexts kept: a handful of clusters and users, with room for rotated certificates. */
const MAX_CONTEXTS = 16;
const contexts = new Map<string, tls.SecureContext>();

export function secureContextFor(material: TlsMaterial): tls.SecureContext | undefined {
  const key = digestOf([
    material.ca,
    material.cert,
    material.key,
    material.pfx,
    material.passphrase,
  ]);
  const known = contexts.get(key);
  if (known) {
    // Least recently used goes first: move this one to the end.
    contexts.delete(key);
    contexts.set(key, known);
    return known;
  }
  let context: tls.SecureContext;
  try {
    context = tls.createSecureContext(material);
  } catch {
    return undefined;
  }
  contexts.set(key, context);
  if (contexts.size > MAX_CONTEXTS) contexts.delete(contexts.keys().next().value!);
  return context;
}

/** A digest of values (buffers, strings, arrays, objects), so that no two different ones collide. */
export function digestOf(parts: readonly unknown[]): string {
  const hash = createHash('sha256');
  for (const part of parts) feed(hash, part);
  return hash.digest('base64');
}

/** Hashes a value with its type and length. */
function feed(hash: Hash, value: unknown): void {
  if (value === undefined || value === null) hash.update('u;');
  else if (Buffer.isBuffer(value)) hash.update(`b${value.length};`).update(value);
  else if (typeof value === 'string') hash.update(`s${Buffer.byteLength(value)};`).update(value);
  else if (Array.isArray(value)) {
    hash.update(`a${value.length};`);
    for (const item of value) feed(hash, item);
  } else if (typeof value === 'object') {
    // { pem, passphrase } (KeyObject) or { buf, passphrase } (PxfObject)
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    hash.update(`o${entries.length};`);
    for (const [name, item] of entries) {
      feed(hash, name);
      feed(hash, item);
    }
  } else hash.update(`p${String(value)};`);
}
