/**
 * A kubeconfig's `server` may carry credentials in its URL (`https://user:password@host`).
 * They must never leave main: not in the contexts listing, not in an error message, not
 * in a log line. Main splits them off once, where the client config is built (the request
 * URL is then credential-free, so no HTTP library can echo them in an error), and every
 * URL shown anywhere goes through {@link redactServer}.
 */

export interface ServerCredentials {
  /** The URL without its user information. */
  server: string;
  username?: string;
  password?: string;
}

/** Matches `scheme://userinfo@` at the start of a URL (userinfo has no '/', '?' or '#'). */
const USERINFO = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^/?#@]*@)+/;

/** Splits `https://user:password@host:6443/path` into the URL and its decoded credentials. */
export function splitServerCredentials(server: string): ServerCredentials {
  const match = USERINFO.exec(server);
  if (!match) return { server };
  const userinfo = match[0].slice(match[1]!.length, -1);
  const rest = server.slice(match[0].length);
  const colon = userinfo.indexOf(':');
  const out: ServerCredentials = { server: `${match[1]!}${rest}` };
  const username = decode(colon === -1 ? userinfo : userinfo.slice(0, colon));
  if (username) out.username = username;
  if (colon !== -1) out.password = decode(userinfo.slice(colon + 1));
  return out;
}

/** The URL as it may be shown: without user information. */
export function redactServer(server: string): string {
  return splitServerCredentials(server).server;
}

/**
 * Removes `user:password@` from every URL inside a message (an error text that quotes a
 * URL, whatever library wrote it). A last line of defence: the URLs main builds are
 * already credential-free.
 */
export function redactUrlsIn(text: string): string {
  return text.replace(/\b([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)(?:[^\s/?#@]*@)+/g, '$1');
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    // A malformed escape: the bytes as written are still the user's intent.
    return part;
  }
}
