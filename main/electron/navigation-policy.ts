/**
 * Where a web contents may go. The app's own origin (app://pilothouse, or the dev server in
 * development) is the only place any frame may navigate or be redirected to; a main-frame
 * navigation elsewhere is stopped and, if the link policy allows, handed to the user's
 * browser. Redirects and subframes never open anything: they are not a user's click.
 * Pure (no Electron) so it is unit-tested.
 */
import { externalLinkDecision } from './link-policy';

/** The renderer's scheme and host: app://pilothouse/index.html. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'pilothouse';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * scheme://host[:port], lowercased, or undefined for URLs without a host. Node's URL
 * gives `origin === 'null'` for schemes it does not know (app:), so it is built by hand.
 */
export function originOf(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (!url.host) return undefined;
  return `${url.protocol}//${url.host}`.toLowerCase();
}

export function isOwnPage(raw: string, ownOrigin: string): boolean {
  const origin = originOf(raw);
  return origin !== undefined && origin === ownOrigin.toLowerCase();
}

/** What started the navigation: the main frame, a subframe, or a server redirect. */
export type NavigationKind = 'main-frame' | 'subframe' | 'redirect';
export type NavigationDecision =
  | { action: 'allow' }
  | { action: 'open-external'; url: string }
  | { action: 'block'; reason: string };

export function navigationDecision(
  raw: string,
  ownOrigin: string,
  kind: NavigationKind,
): NavigationDecision {
  if (isOwnPage(raw, ownOrigin)) return { action: 'allow' };
  if (kind !== 'main-frame') return { action: 'block', reason: `a ${kind} left the app` };
  const link = externalLinkDecision(raw);
  return link.open
    ? { action: 'open-external', url: link.url }
    : { action: 'block', reason: link.reason };
}
