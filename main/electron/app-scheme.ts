/**
 * The app:// scheme the renderer loads from (not file://, where every local file is
 * same-origin and no response can carry a header). Registered as standard and secure
 * before the app is ready, so the page has a real origin (app://pilothouse), CSP 'self'
 * means exactly the renderer's files, and web APIs treat it like https. What it serves is
 * decided by main/electron/app-assets.ts.
 */
import { protocol, type Session } from 'electron';
import { readAsset, devContentSecurityPolicy } from './app-assets';
import { APP_SCHEME, originOf } from './navigation-policy';
import { logger } from '../platform/logger';

const log = logger('app-scheme');

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, codeCache: true } },
  ]);
}

/** Serves app:// from the built renderer folder for the default session. */
export function serveAppScheme(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await readAsset(rendererRoot, request.url, request.method);
    if (answer.status !== 200)
      log.warn(`refused ${request.method} ${request.url.slice(0, 200)}: ${answer.status}`);
    return new Response(answer.body ?? null, {
      status: answer.status,
      headers: answer.headers,
    });
  });
}

/**
 * Development only: the page comes from electron-vite's dev server, so its answers get the
 * development CSP here (the same directives, plus what hot reload needs).
 */
export function applyDevServerCsp(session: Session, devServer: string): void {
  const origin = originOf(devServer);
  if (!origin) throw new Error(`ELECTRON_RENDERER_URL is not a URL: ${devServer}`);
  const policy = devContentSecurityPolicy(origin);
  session.webRequest.onHeadersReceived({ urls: [`${origin}/*`] }, (details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers))
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
}
