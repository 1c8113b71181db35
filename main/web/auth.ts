/**
 * The guard in front of browser mode. Without it any web page the user visits could
 * script requests to 127.0.0.1 and reach their clusters. Every HTTP request and the
 * WebSocket upgrade must (1) name our own host (defeats DNS rebinding), (2) carry no
 * foreign Origin (`Origin: null`, sent by sandboxed frames and file: pages, is foreign) and
 * no Sec-Fetch-Site other than same-origin or none, and (3) present this run's session
 * secret in a cookie.
 *
 * How the browser gets the secret: the printed (and xdg-open'ed) URL carries a one-time
 * START CODE. The first GET of `/?code=<code>` spends it and answers with the session
 * secret in an HttpOnly SameSite=Strict cookie named after the port (two runs on two ports
 * never share or overwrite each other's cookie: cookies ignore ports), then redirects to
 * `/` so the code leaves the address bar. Any later use of the code is refused, so the
 * code left in shell history, `ps` output or xdg-open's command line opens nothing.
 * The secret itself never appears in a URL, a command line or a log.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The cookie holding this run's session secret; its name carries the port. */
export function sessionCookieName(port: number): string {
  return `pilothouse_session_${port}`;
}

export type Verdict =
  /** Let the request through. */
  | { kind: 'allow' }
  /** The start code was good: set this cookie and redirect to `/`. */
  | { kind: 'trade'; setCookie: string }
  /** Already in session and the URL still has a code: redirect to `/` without it. */
  | { kind: 'strip' }
  | { kind: 'refuse'; status: 400 | 401 | 403; reason: string; message: string };

export interface Guard {
  /** This run's one-time start code, for the URL printed at startup. */
  readonly startCode: string;
  /**
   * Judges one request. `path` and `query` are the parsed target (request-target.ts);
   * `upgrade` is true for the WebSocket handshake, which needs an Origin and never trades.
   */
  check(
    request: IncomingMessage,
    target: { path: string; query: URLSearchParams },
    options: { upgrade: boolean },
  ): Verdict;
}

const SECRET_BYTES = 32;

const MESSAGES = {
  noHost: 'Bad request: exactly one Host header is needed.',
  foreign: 'Forbidden: Pilothouse answers only its own pages on 127.0.0.1.',
  noSession:
    'Pilothouse needs the link it printed when it started (http://127.0.0.1:<port>/?code=...). ' +
    'If you already opened it, use that tab; otherwise restart Pilothouse for a new link.',
  spent:
    'This Pilothouse start link was already used, and it works only once. ' +
    'Use the browser tab where Pilothouse is already open, or restart Pilothouse for a new link.',
  wrongCode:
    'This start link is not from the Pilothouse running on this port (it may be from an ' +
    'earlier run). Restart Pilothouse for a new link, or use the tab that is already open.',
} as const;

export function createGuard(port: () => number): Guard {
  const startCode = randomBytes(SECRET_BYTES).toString('base64url');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  let codeSpent = false;

  const hosts = () => [`127.0.0.1:${port()}`, `localhost:${port()}`];
  const origins = () => hosts().map((h) => `http://${h}`);
  const refuse = (status: 400 | 401 | 403, reason: string, message: string): Verdict => ({
    kind: 'refuse',
    status,
    reason,
    message,
  });

  return {
    startCode,
    check(request, target, { upgrade }) {
      const host = request.headers.host;
      if (!host) return refuse(400, 'no Host', MESSAGES.noHost);
      // Node keeps the first of two Host headers; a proxy might use the second.
      if ((request.headersDistinct.host?.length ?? 0) > 1)
        return refuse(400, 'two Host headers', MESSAGES.noHost);
      if (!hosts().includes(host)) return refuse(403, 'unknown Host', MESSAGES.foreign);
      const origin = request.headers.origin;
      if (origin !== undefined ? !origins().includes(origin) : upgrade)
        return refuse(403, 'foreign or missing Origin', MESSAGES.foreign);
      // Browsers say where a request comes from. A page on another port of 127.0.0.1 is
      // "same-site" (sites ignore ports), so the SameSite cookie alone would let its
      // <img>/<script> tags in; only our own pages and typed or opened URLs ("none") pass.
      const fetchSite = request.headers['sec-fetch-site'];
      if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')
        return refuse(403, 'Sec-Fetch-Site not same-origin', MESSAGES.foreign);

      const inSession = cookieValues(request.headers.cookie, sessionCookieName(port())).some(
        (value) => equalSecrets(value, secret),
      );
      const code = upgrade || target.path !== '/' ? null : target.query.get('code');
      if (code !== null) {
        if (inSession) return { kind: 'strip' };
        if (request.method !== 'GET')
          return refuse(401, 'start code not on GET', MESSAGES.noSession);
        if (!equalSecrets(code, startCode))
          return refuse(403, 'wrong start code', MESSAGES.wrongCode);
        if (codeSpent) return refuse(403, 'start code used twice', MESSAGES.spent);
        codeSpent = true;
        return {
          kind: 'trade',
          setCookie: `${sessionCookieName(port())}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
        };
      }
      if (!inSession) return refuse(401, 'no session', MESSAGES.noSession);
      return { kind: 'allow' };
    },
  };
}

function equalSecrets(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Every value of the named cookie (a browser may send one name twice, for two paths). */
function cookieValues(header: string | undefined, name: string): string[] {
  const values: string[] = [];
  for (const part of (header ?? '').split(';')) {
    const equals = part.indexOf('=');
    if (equals !== -1 && part.slice(0, equals).trim() === name)
      values.push(part.slice(equals + 1).trim());
  }
  return values;
}
