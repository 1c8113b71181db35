/**
 * Which links leave the app for the user's browser (shell.openExternal). The renderer shows
 * text a cluster wrote, so a link it asks to open is hostile until proven otherwise.
 *
 * Policy: https only, to a named or public host, without credentials, at most
 * MAX_EXTERNAL_URL_CHARS long. Why not http: a plaintext page can be rewritten on the way,
 * and an http link to 127.0.0.1/localhost would let a page fire GET requests at the
 * user's local services (kubectl proxy, port-forwards, dev servers) from the user's own
 * browser, with its cookies. Loopback is refused for https too, for the same reason.
 * Everything else (javascript:, file:, data:, blob:, app:, mailto:, custom handlers such as
 * vscode: or ms-settings:) is refused: each can run code or reach local files.
 * Limit: private (RFC 1918) addresses are not refused; a link to a corporate https host
 * is a normal thing for a dashboard to open.
 */

/** Longer URLs are refused: no real link needs more, and the browser's command line does. */
export const MAX_EXTERNAL_URL_CHARS = 2048;

export type LinkDecision = { open: true; url: string } | { open: false; reason: string };

const refuse = (reason: string): LinkDecision => ({ open: false, reason });

/** True for names and addresses that reach this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^127\.\d+\.\d+\.\d+$/.test(host) || host === '0.0.0.0') return true;
  // IPv6 loopback and unspecified, and IPv4-mapped loopback (::ffff:127.x, written in hex).
  if (host === '::1' || host === '::' || /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(host)) return true;
  return false;
}

export function externalLinkDecision(raw: string): LinkDecision {
  if (raw.length > MAX_EXTERNAL_URL_CHARS)
    return refuse(`longer than ${MAX_EXTERNAL_URL_CHARS} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('not a URL');
  }
  if (url.protocol !== 'https:') return refuse(`${url.protocol} links are never opened`);
  if (url.username || url.password) return refuse('the link carries credentials');
  if (!url.hostname) return refuse('no host');
  if (isLoopbackHost(url.hostname)) return refuse('the link points at this machine');
  return { open: true, url: url.href };
}

/** Whether a port-forward of this app listens on exactly this IP literal and port now. */
export type ForwardListening = (ip: string, port: number) => boolean;

/**
 * The one exception to "never this machine": the Port-forwards view's "Open in browser".
 * Opened only when all of these hold: http or https; no credentials; the host is an IP
 * literal on loopback (127.0.0.0/8 or [::1]) with its port; the path is "/" with no query
 * or fragment; and `listening` says a forward of this app listens on exactly that address
 * and port at this moment. So a page cannot use it to fire requests at kubectl proxy, a dev
 * server or any other local service: only at the forwards the user started, at their root.
 * The URL opened is rebuilt from the scheme, address and port alone.
 */
export function forwardLinkDecision(raw: string, listening: ForwardListening): LinkDecision {
  if (raw.length > MAX_EXTERNAL_URL_CHARS)
    return refuse(`longer than ${MAX_EXTERNAL_URL_CHARS} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return refuse(`${url.protocol} links are never opened`);
  if (url.username || url.password) return refuse('the link carries credentials');
  const ip = url.hostname.replace(/^\[|\]$/g, '');
  const loopbackIp = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip) || ip === '::1';
  if (!loopbackIp) return refuse('not a loopback address');
  if (url.pathname !== '/' || url.search || url.hash)
    return refuse('a forward opens at its root only');
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  if (!listening(ip, port)) return refuse('no port-forward of Pilothouse listens there');
  return { open: true, url: `${url.protocol}//${url.host}/` };
}
