/**
 * The one Content-Security-Policy of the app, for the Electron window and browser mode.
 * No inline or remote scripts, no eval, no frames, no plugins; connections only to
 * Pilothouse itself. Inline style attributes are allowed because React sets `style`.
 */
export function contentSecurityPolicy(options: { connect: string[] }): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${options.connect.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
