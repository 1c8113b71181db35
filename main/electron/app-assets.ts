/**
 * What app:// serves: the built renderer's files, nothing else. Plain Node (no Electron)
 * so a unit test drives it with hostile URLs; main/electron/app-scheme.ts wraps it in
 * protocol.handle.
 *
 * A request maps to a file only when its host is APP_HOST, its method GET or HEAD, and its
 * decoded path stays inside the renderer folder after symlinks are resolved (so `..`,
 * `%2e%2e`, `..%2f`, `%5c`, NUL bytes and links out of the folder all end in 4xx). Every
 * answer carries the app's CSP, nosniff and no-referrer; MIME types come from a fixed
 * table by extension, never from the file's content.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { contentSecurityPolicy } from '../platform/csp';
import { APP_HOST, APP_SCHEME } from './navigation-policy';

/** Longer request URLs are refused: the renderer's own files have short names. */
export const MAX_ASSET_URL_CHARS = 4096;

const TEXT = '; charset=utf-8';
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': `text/html${TEXT}`,
  '.js': `text/javascript${TEXT}`,
  '.mjs': `text/javascript${TEXT}`,
  '.css': `text/css${TEXT}`,
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': `text/plain${TEXT}`,
  '.wasm': 'application/wasm',
};
/** Unknown extensions are served as opaque bytes; with nosniff nothing executes them. */
export const FALLBACK_MIME_TYPE = 'application/octet-stream';

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? FALLBACK_MIME_TYPE;
}

/** The policy of the packaged renderer: no network at all (the contract is a MessagePort). */
export function appContentSecurityPolicy(): string {
  return contentSecurityPolicy({ connect: ["'none'"] });
}

/**
 * The policy in development (electron-vite's dev server): the same directives, except that
 * scripts may be inline (the React refresh preamble) and the page may connect back to its
 * dev server (hot reload over WebSocket). Never used by a packaged app.
 */
export function devContentSecurityPolicy(devOrigin: string): string {
  const ws = devOrigin.replace(/^http/, 'ws');
  return contentSecurityPolicy({ connect: ["'self'", ws] })
    .split('; ')
    .map((d) => (d.startsWith('script-src ') ? `${d} 'unsafe-inline'` : d))
    .join('; ');
}

/** Headers every app:// answer carries, file or error. */
export function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': appContentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

export type AssetPath = { ok: true; file: string } | { ok: false; status: number; reason: string };

/** Maps a request URL to a path under root, by text only (the file system is not asked). */
export function assetPathOf(root: string, requestUrl: string): AssetPath {
  const bad = (status: number, reason: string): AssetPath => ({ ok: false, status, reason });
  if (requestUrl.length > MAX_ASSET_URL_CHARS) return bad(414, 'URL too long');
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return bad(400, 'not a URL');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST)
    return bad(404, 'not the app origin');
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return bad(400, 'malformed percent-encoding');
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return bad(400, 'forbidden character');
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  if (!isInside(root, file)) return bad(403, 'outside the renderer folder');
  return { ok: true, file };
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(path.resolve(root), file);
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  );
}

export interface AssetResponse {
  status: number;
  headers: Record<string, string>;
  /** Undefined for HEAD and errors. */
  body: Uint8Array<ArrayBuffer> | undefined;
}

/** Answers one app:// request from the files under root. Never throws. */
export async function readAsset(
  root: string,
  requestUrl: string,
  method: string,
): Promise<AssetResponse> {
  const error = (status: number): AssetResponse => ({
    status,
    headers: { ...baseHeaders(), 'Content-Type': `text/plain${TEXT}` },
    body: undefined,
  });
  if (method !== 'GET' && method !== 'HEAD') return error(405);
  const mapped = assetPathOf(root, requestUrl);
  if (!mapped.ok) return error(mapped.status);
  try {
    // Symlinks are followed, then checked again: a link out of the folder is refused.
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(mapped.file)]);
    if (!isInside(realRoot, realFile)) return error(403);
    const stat = await fs.stat(realFile);
    if (!stat.isFile()) return error(404);
    const headers = {
      ...baseHeaders(),
      'Content-Type': mimeTypeOf(mapped.file),
      'Content-Length': String(stat.size),
    };
    if (method === 'HEAD') return { status: 200, headers, body: undefined };
    return { status: 200, headers, body: new Uint8Array(await fs.readFile(realFile)) };
  } catch {
    return error(404);
  }
}
