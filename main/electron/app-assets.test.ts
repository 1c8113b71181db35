import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  appContentSecurityPolicy,
  assetPathOf,
  devContentSecurityPolicy,
  MAX_ASSET_URL_CHARS,
  mimeTypeOf,
  readAsset,
} from './app-assets';

// A renderer folder with a secret next to it, and links pointing out of it.
let base: string;
let root: string;
beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'pilothouse-app-assets-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Pilothouse</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'export {};');
  writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'blob.xyz'), 'opaque');
  writeFileSync(path.join(base, 'secret.txt'), 'CANARY-SECRET');
  writeFileSync(path.join(base, 'renderer-evil.html'), 'CANARY-SIBLING');
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  symlinkSync(base, path.join(root, 'up'));
  symlinkSync(path.join(root, 'index.html'), path.join(root, 'assets', 'inside.html'));
});

const get = (url: string, method = 'GET') => readAsset(root, url, method);
const text = (body: Uint8Array | undefined) => Buffer.from(body ?? []).toString('utf8');

describe('app:// assets', () => {
  it('serves index.html at / and by name, with the CSP and safety headers', async () => {
    for (const url of ['app://pilothouse/', 'app://pilothouse/index.html']) {
      const answer = await get(url);
      expect(answer.status).toBe(200);
      expect(text(answer.body)).toContain('<title>Pilothouse</title>');
      expect(answer.headers).toMatchObject({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': appContentSecurityPolicy(),
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
    }
  });

  it('gives scripts and styles their MIME types, unknown files opaque bytes', async () => {
    expect((await get('app://pilothouse/assets/index-abc.js')).headers['Content-Type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get('app://pilothouse/assets/index-abc.css')).headers['Content-Type']).toBe(
      'text/css; charset=utf-8',
    );
    expect((await get('app://pilothouse/assets/blob.xyz')).headers['Content-Type']).toBe(
      'application/octet-stream',
    );
    expect(mimeTypeOf('a/B.WOFF2')).toBe('font/woff2');
    expect(mimeTypeOf('x.svg')).toBe('image/svg+xml');
  });

  it('answers HEAD without a body', async () => {
    const answer = await get('app://pilothouse/index.html', 'HEAD');
    expect(answer.status).toBe(200);
    expect(answer.body).toBeUndefined();
    expect(answer.headers['Content-Length']).toBe(
      String('<!doctype html><title>Pilothouse</title>'.length),
    );
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])('refuses %s with 405', async (method) => {
    expect((await get('app://pilothouse/index.html', method)).status).toBe(405);
  });

  // Every one of these must end in a 4xx and never show a file outside the folder.
  it.each([
    ['a dot-dot path', 'app://pilothouse/../secret.txt'],
    ['encoded dot-dots', 'app://pilothouse/%2e%2e/secret.txt'],
    ['an encoded slash', 'app://pilothouse/..%2fsecret.txt'],
    ['an encoded slash, twice', 'app://pilothouse/assets/..%2f..%2fsecret.txt'],
    ['a backslash', 'app://pilothouse/..%5csecret.txt'],
    ['a NUL byte', 'app://pilothouse/index.html%00.js'],
    ['bad percent-encoding', 'app://pilothouse/%E0%A4%A'],
    ['a lone percent', 'app://pilothouse/%'],
    ['an absolute path', 'app://pilothouse/%2Fetc%2Fpasswd'],
    ['a double-encoded dot-dot', 'app://pilothouse/%252e%252e/secret.txt'],
    ['a sibling folder with the same prefix', 'app://pilothouse/..%2frenderer-evil.html'],
    ['a symlink to a file outside', 'app://pilothouse/assets/link.txt'],
    ['a symlink to a folder outside', 'app://pilothouse/up/secret.txt'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///index.html'],
    ['a folder', 'app://pilothouse/assets'],
    ['a missing file', 'app://pilothouse/nope.js'],
    ['not a URL', 'app:'],
    ['an overlong URL', `app://pilothouse/${'a'.repeat(MAX_ASSET_URL_CHARS)}`],
  ])('refuses %s', async (_name, url) => {
    const answer = await get(url);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body).toBeUndefined();
    expect(answer.headers['Content-Security-Policy']).toBe(appContentSecurityPolicy());
  });

  it('follows a symlink that stays inside the folder', async () => {
    const answer = await get('app://pilothouse/assets/inside.html');
    expect(answer.status).toBe(200);
  });

  it('maps paths by text before touching the disk', () => {
    expect(assetPathOf('/r', 'app://pilothouse/a/b.js')).toEqual({ ok: true, file: '/r/a/b.js' });
    expect(assetPathOf('/r', 'app://pilothouse/a/../../x')).toEqual({ ok: true, file: '/r/x' });
    expect(assetPathOf('/r', 'app://pilothouse/%2e%2e%2fx').ok).toBe(false);
  });
});

describe('renderer CSP', () => {
  it('gives the packaged page no network, no inline or remote scripts, no frames', () => {
    const policy = appContentSecurityPolicy();
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("connect-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
  });

  it('in development, adds only what hot reload needs', () => {
    const policy = devContentSecurityPolicy('http://localhost:5173');
    expect(policy).toContain("script-src 'self' 'unsafe-inline'");
    expect(policy).toContain("connect-src 'self' ws://localhost:5173");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
  });
});
