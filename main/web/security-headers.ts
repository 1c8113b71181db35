/**
 * The headers every browser-mode response carries: pages, assets, refusals, redirects,
 * the 400s for malformed requests and the WebSocket handshake. A response without them is
 * a page a hostile site could frame, sniff as script or leak through the Referer, so they
 * are set in one place and written before any other header.
 */
import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { contentSecurityPolicy } from '../platform/csp';

/** Header name/value pairs, lower-case names as Node reports them. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': contentSecurityPolicy({ connect: ["'self'"] }),
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Sets the security headers on a response before anything else is written. */
export function applySecurityHeaders(response: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
}

/** The same headers as `Name: value` lines, for the WebSocket 101 response. */
export function securityHeaderLines(): string[] {
  return Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}`);
}

/**
 * A complete HTTP/1.1 response as bytes, for a socket that has no ServerResponse (a request
 * line the parser refused, a refused upgrade). Always closes the connection.
 */
export function rawResponse(status: number, body: string): string {
  const text = Buffer.from(body, 'utf8');
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    ...securityHeaderLines(),
    'cache-control: no-store',
    'content-type: text/plain; charset=utf-8',
    `content-length: ${text.length}`,
    'connection: close',
    '',
    body,
  ].join('\r\n');
}
