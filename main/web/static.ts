/**
 * Serves the built renderer: only regular files below the build folder. The path arrives
 * already decoded and checked by request-target.ts (no `..`, no control characters); the
 * resolved file is checked to be below the root all the same. The security headers are
 * set by the server before this runs (security-headers.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** `decodedPath` comes from parseRequestTarget: starts with `/`, already percent-decoded. */
export async function serveStatic(
  root: string,
  decodedPath: string,
  response: ServerResponse,
): Promise<void> {
  const base = path.resolve(root);
  const relative = decodedPath === '/' ? '/index.html' : decodedPath;
  const file = path.resolve(base, `.${relative}`);
  if (!file.startsWith(base + path.sep)) return notFound(response);
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return notFound(response);
  }
  const ext = path.extname(file);
  response.writeHead(200, {
    'content-type': types[ext] ?? 'application/octet-stream',
    // Hashed assets never change; the page itself must always be fresh.
    'cache-control': ext === '.html' ? 'no-store' : 'private, max-age=31536000, immutable',
  });
  response.end(body);
}

function notFound(response: ServerResponse): void {
  response.writeHead(404, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end('not found');
}
