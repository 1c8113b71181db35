/**
 * Makes a workload's log text safe to print on a terminal. A line is the workload's to
 * write, and a terminal obeys what it prints: OSC 52 writes the user's clipboard, OSC 0/2
 * retitle the window, CSI moves the cursor or clears the screen (a line can overwrite the
 * ones before it, or hide itself), DCS/APC talk to the terminal itself, BEL rings, a CR or
 * a backspace overprints. So every control character is shown as a visible escape
 * (ESC as `\x1b`, BEL as `\x07`, CSI as `\x9b`, a right-to-left override as `\u202e`), and
 * only colour and style (SGR, `ESC [ … m`) may pass, closed with a reset at the end of the
 * line so it cannot bleed into the next line's prefix. Tabs pass.
 *
 * Once its ESC is escaped, the rest of a sequence is printable text, so the reader sees
 * e.g. `\x1b]52;c;aGk=\x07` literally and the terminal does nothing. `--raw` bypasses all of
 * this (bytes as they came), for a reader who pipes into a tool of their own.
 */

/** What to do with SGR colour sequences: pass them, drop them (NO_COLOR), or show them. */
export type ColourPolicy = 'keep' | 'strip' | 'escape';

/** Longest SGR parameter list passed (`38;2;255;255;255;48;2;…` is ~40). */
const MAX_SGR_PARAMS_CHARS = 64;
const ESC = 0x1b;
const RESET = '\x1b[0m';

/** The visible form of one unsafe character. */
export function visibleEscape(code: number): string {
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The length of an SGR sequence starting at `at` (an ESC), or 0 if there is none. */
function sgrLength(text: string, at: number): number {
  if (text.charCodeAt(at + 1) !== 0x5b /* [ */) return 0;
  let i = at + 2;
  const limit = Math.min(text.length, i + MAX_SGR_PARAMS_CHARS + 1);
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === 0x6d /* m */) return i + 1 - at;
    // Digits and the separators ; and : only: anything else is another command.
    if (!((c >= 0x30 && c <= 0x39) || c === 0x3b || c === 0x3a)) return 0;
    i++;
  }
  return 0;
}

/** The text with every control escaped and SGR handled per `colour`. */
export function terminalSafe(text: string, colour: ColourPolicy): string {
  let out = '';
  let from = 0;
  let coloured = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isUnsafe(code)) continue;
    out += text.slice(from, i);
    const sgr = code === ESC && colour !== 'escape' ? sgrLength(text, i) : 0;
    if (sgr > 0) {
      if (colour === 'keep') {
        out += text.slice(i, i + sgr);
        coloured = true;
      }
      i += sgr - 1;
    } else {
      out += visibleEscape(code);
    }
    from = i + 1;
  }
  if (from === 0) return text;
  out += text.slice(from);
  return coloured ? out + RESET : out;
}

/**
 * Every character a terminal may act on: C0 but tab, DEL, C1, the line and paragraph
 * separators, and the bidirectional embeddings, overrides and isolates.
 */
function isUnsafe(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09) ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/**
 * JSON output: JSON.stringify already escapes C0, quotes and backslashes; this escapes
 * what it leaves raw (DEL, C1, separators, bidi controls), still valid JSON.
 */
export function jsonSafe(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
