import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestOf, secureContextFor } from './secure-contexts';

// A real private key (what tls parses on every connection without a shared context).
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const key = privateKey.export({ type: 'pkcs8', format: 'pem' });

describe('secureContextFor', () => {
  it('gives the same material the same context, and other material another', () => {
    const a = secureContextFor({ key });
    expect(a).toBeDefined();
    expect(secureContextFor({ key: `${key}` })).toBe(a); // equal content, another string
    const { privateKey: other } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const b = secureContextFor({ key: other.export({ type: 'pkcs8', format: 'pem' }) });
    expect(b).toBeDefined();
    expect(b).not.toBe(a);
  });

  it('leaves material that does not parse to tls.connect, which reports it as before', () => {
    expect(secureContextFor({ cert: 'not a certificate', key: 'not a key' })).toBeUndefined();
  });

  it('keeps a bounded number, dropping the least recently used', () => {
    const first = secureContextFor({ key });
    for (let i = 0; i < 20; i++) secureContextFor({ ca: `not a CA ${i}` });
    // Pushed out by 20 newer ones: a new context for the same material.
    expect(secureContextFor({ key })).not.toBe(first);
  });
});

describe('digestOf', () => {
  it('tells values apart by type and length, not only by bytes', () => {
    expect(digestOf(['ab', 'c'])).not.toBe(digestOf(['a', 'bc']));
    expect(digestOf([Buffer.from('a')])).not.toBe(digestOf(['a']));
    expect(digestOf([undefined])).not.toBe(digestOf(['']));
    expect(digestOf([Buffer.from('x')])).toBe(digestOf([Buffer.from('x')]));
  });
});
