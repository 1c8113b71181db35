/**
 * The guard in front of browser mode. Without it any web page the user visits could
 * script requests to 127.0.0.1 and reach their clusters. Every HTTP request and the
 * WebSocket upgrade must (1) name our own host (defeats DNS rebinding), (2) carry no
 * foreign Origin, and (3) present this run's secret token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'pilothouse_token';
export const TOKEN_HEADER = 'x-pilothouse-token';

export type Verdict =
  { ok: true; tokenFromQuery: boolean } | { ok: false; status: 401 | 403; reason: string };

export interface Guard {
  check(request: IncomingMessage, options: { requireOrigin: boolean }): Verdict;
  origin(): string;
}

export function createGuard(token: string, port: () => number): Guard {
  const expected = Buffer.from(token);
  const hosts = () => [`127.0.0.1:${port()}`, `localhost:${port()}`];
  const origins = () => hosts().map((h) => `http://${h}`);

  const matches = (candidate: string | undefined) => {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  return {
    origin: () => `http://127.0.0.1:${port()}`,
    check(request, { requireOrigin }) {
      if (!hosts().includes(request.headers.host ?? '')) {
        return { ok: false, status: 403, reason: 'unknown Host' };
      }
      const origin = request.headers.origin;
      if (origin !== undefined ? !origins().includes(origin) : requireOrigin) {
        return { ok: false, status: 403, reason: 'foreign or missing Origin' };
      }
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const fromQuery = url.searchParams.get('token') ?? undefined;
      if (matches(fromQuery)) return { ok: true, tokenFromQuery: true };
      const header = request.headers[TOKEN_HEADER];
      if (matches(typeof header === 'string' ? header : undefined))
        return { ok: true, tokenFromQuery: false };
      if (matches(readCookie(request.headers.cookie, TOKEN_COOKIE)))
        return { ok: true, tokenFromQuery: false };
      return { ok: false, status: 401, reason: 'missing or wrong token' };
    },
  };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
