/**
 * The one guard over every web contents and session the app ever creates (windows,
 * devtools, anything a future feature adds): installed once on app 'web-contents-created',
 * so no window can forget it. It denies every permission and device, refuses downloads,
 * stops navigation and redirects away from our origin, turns window.open into "open in
 * the user's browser" when the link policy allows (at most one a second, never a window;
 * http to loopback only for a listening port-forward of this app: allowForwardLinks),
 * and refuses webviews. The decisions are the pure policies next to it.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import { externalLinkDecision, forwardLinkDecision, type ForwardListening } from './link-policy';
import { navigationDecision, type NavigationKind } from './navigation-policy';
import { externalOpenLimiter } from './open-limit';
import { logger } from '../platform/logger';

const log = logger('guard');
const hardened = new WeakSet<Session>();
const mayOpenExternal = externalOpenLimiter();

/** Denies every permission request and check, every device and every download. */
export function hardenSession(session: Session): void {
  if (hardened.has(session)) return;
  hardened.add(session);
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn(`denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  if (process.platform !== 'darwin')
    session.setBluetoothPairingHandler((_details, callback) => callback({ confirmed: false }));
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('will-download', (event, item) => {
    log.warn(`refused a download of ${item.getURL().slice(0, 200)}`);
    event.preventDefault();
  });
}

/** Set by the host once the forwards engine runs; until then no forward listens. */
let forwardListening: ForwardListening = () => false;

/** Lets "Open in browser" reach the app's own port-forwards (link-policy.ts says how narrowly). */
export function allowForwardLinks(listening: ForwardListening): void {
  forwardListening = listening;
}

function openExternally(url: string, why: string): void {
  const external = externalLinkDecision(url);
  // Only a new window (the view's Open link, target=_blank) may open a forward.
  const forward = why === 'window.open' ? forwardLinkDecision(url, forwardListening) : undefined;
  const decision = !external.open && forward?.open ? forward : external;
  if (!decision.open) {
    log.warn(`not opening ${url.slice(0, 200)} (${why}): ${decision.reason}`);
    return;
  }
  if (!mayOpenExternal()) {
    log.warn(`not opening ${decision.url.slice(0, 200)} (${why}): too many links at once`);
    return;
  }
  shell.openExternal(decision.url).catch((error: unknown) => {
    log.warn(`could not open ${decision.url.slice(0, 200)}: ${String(error)}`);
  });
}

function guardNavigation(
  event: { url: string; preventDefault(): void },
  ownOrigin: string,
  kind: NavigationKind,
): void {
  const decision = navigationDecision(event.url, ownOrigin, kind);
  if (decision.action === 'allow') return;
  event.preventDefault();
  if (decision.action === 'open-external') openExternally(decision.url, 'navigation');
  else log.warn(`blocked navigation to ${event.url.slice(0, 200)}: ${decision.reason}`);
}

export function guardWebContents(contents: WebContents, ownOrigin: string): void {
  hardenSession(contents.session);
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url, 'window.open');
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => guardNavigation(event, ownOrigin, 'main-frame'));
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) guardNavigation(event, ownOrigin, 'subframe');
  });
  contents.on('will-redirect', (event) => guardNavigation(event, ownOrigin, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    log.warn('refused a webview');
    event.preventDefault();
  });
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}

/** Call once, before any window exists. */
export function installWebContentsGuard(ownOrigin: string): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, ownOrigin));
}
