/**
 * Reads the target of an HTTP request line ("/assets/index-abc.js?x=1") without ever
 * throwing. Any web page can make the user's browser send us a request (an <img> tag needs
 * no token), so the target is hostile input: `new URL("//", base)` throws, and so does
 * `decodeURIComponent("%E0%A4%A")`. Here a malformed target is a value, answered with 400.
 *
 * Browser mode serves only the files of the built renderer (names such as
 * `assets/index-Bx3f.js`), so the accepted paths are narrow on purpose: origin-form only,
 * no empty, `.` or `..` segment, no control character or backslash once decoded, at most
 * MAX_TARGET_BYTES long. The query is parsed leniently (URLSearchParams never throws).
 */

/** Longer targets are refused: no file of the renderer has a name anywhere near this. */
export const MAX_TARGET_BYTES = 2048;

export type Target =
  { ok: true; path: string; query: URLSearchParams } | { ok: false; reason: string };

// C0 controls, DEL, and the backslash that Windows path APIs treat as a separator.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f\\]/;

export function parseRequestTarget(raw: string | undefined): Target {
  if (raw === undefined || raw === '') return { ok: false, reason: 'no request target' };
  if (raw.length > MAX_TARGET_BYTES) return { ok: false, reason: 'request target too long' };
  if (!raw.startsWith('/')) return { ok: false, reason: 'request target is not a path' };
  const question = raw.indexOf('?');
  const rawPath = question === -1 ? raw : raw.slice(0, question);
  const rawQuery = question === -1 ? '' : raw.slice(question + 1);

  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, reason: 'malformed percent-encoding in the path' };
  }
  if (FORBIDDEN_CHARS.test(path)) return { ok: false, reason: 'control character in the path' };
  if (path !== '/') {
    const segments = path.slice(1).split('/');
    if (segments.some((s) => s === '' || s === '.' || s === '..'))
      return { ok: false, reason: 'empty, "." or ".." segment in the path' };
  }
  return { ok: true, path, query: new URLSearchParams(rawQuery) };
}
