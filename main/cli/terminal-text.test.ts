import { describe, expect, it } from 'vitest';
import { jsonSafe, terminalSafe, visibleEscape } from './terminal-text';

const ESC = '\x1b';

/** Sequences a hostile workload may print, each with what a terminal would do with it. */
const corpus: [name: string, text: string][] = [
  ['OSC 52 clipboard write (BEL)', `${ESC}]52;c;cm0gLXJmIH4K${'\x07'}`],
  ['OSC 52 clipboard write (ST)', `${ESC}]52;c;cm0gLXJmIH4K${ESC}\\`],
  ['OSC 0 window title', `${ESC}]0;you have been pwned${'\x07'}`],
  ['OSC 8 hyperlink', `${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\`],
  ['CSI cursor up + erase line', `${ESC}[1A${ESC}[2K fake previous line`],
  ['CSI clear screen + home', `${ESC}[2J${ESC}[H`],
  ['CSI cursor position', `${ESC}[10;20H`],
  ['CSI private mode (alt screen)', `${ESC}[?1049h`],
  ['CSI device status report', `${ESC}[6n`],
  ['CSI with intermediate byte', `${ESC}[0 q`],
  ['DCS (terminal query)', `${ESC}P+q544e${ESC}\\`],
  ['APC', `${ESC}_Gf=100;payload${ESC}\\`],
  ['PM and SOS', `${ESC}^private${ESC}\\${ESC}Xstring${ESC}\\`],
  ['ESC c (full reset)', `${ESC}c`],
  ['ESC 7/8 save and restore cursor', `${ESC}7over${ESC}8`],
  ['C1 CSI (U+009B)', '\u009b2J'],
  ['C1 OSC (U+009D)', '\u009d52;c;aGk=\u009c'],
  ['C1 NEL, IND, RI', '\u0085\u0084\u008d'],
  ['BEL', 'ding\x07'],
  ['backspace overprint', 'password\b\b\b\b\b\b\b\bxxxxxxxx'],
  ['carriage return overprint', 'rm -rf / \rls -l    '],
  ['vertical tab and form feed', 'a\x0bb\x0cc'],
  ['NUL', 'a\x00b'],
  ['DEL', 'a\x7fb'],
  ['SGR that is really a mode set', `${ESC}[?25l`],
  ['unterminated CSI', `${ESC}[123`],
  ['lone ESC at the end', `text${ESC}`],
  ['right-to-left override', 'file\u202etxt.exe'],
  ['bidi isolate', 'a\u2067b\u2069c'],
  ['line separator', 'a\u2028b'],
  ['SGR with an overlong parameter list', `${ESC}[${'1;'.repeat(100)}m`],
];

/** True if a terminal would act on something in `out`: any control but tab and SGR. */
function hasLiveControl(out: string): boolean {
  const withoutSgr = out.replace(new RegExp(`${ESC}\\[[0-9;:]{0,64}m`, 'g'), '');
  for (const ch of withoutSgr) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 0x09) || (c >= 0x7f && c <= 0x9f)) return true;
    if (c === 0x2028 || c === 0x2029 || (c >= 0x202a && c <= 0x202e)) return true;
    if (c >= 0x2066 && c <= 0x2069) return true;
  }
  return false;
}

describe('terminalSafe', () => {
  it.each(corpus)('%s: nothing a terminal acts on is left, and it stays visible', (_, text) => {
    for (const policy of ['keep', 'strip', 'escape'] as const) {
      const out = terminalSafe(text, policy);
      expect(hasLiveControl(out), JSON.stringify(out)).toBe(false);
      // Visible: every control became a \x or \u escape, nothing was silently dropped.
      expect(out.length).toBeGreaterThanOrEqual(text.length);
    }
  });

  it('shows an OSC 52 clipboard write literally', () => {
    expect(terminalSafe(`${ESC}]52;c;aGk=\x07`, 'keep')).toBe('\\x1b]52;c;aGk=\\x07');
    expect(terminalSafe('\u009b2J', 'keep')).toBe('\\x9b2J');
    expect(terminalSafe('a\u202eb', 'keep')).toBe('a\\u202eb');
  });

  it('passes colour (SGR) and closes it at the end of the line', () => {
    const red = `${ESC}[31mERROR${ESC}[0m disk full`;
    expect(terminalSafe(red, 'keep')).toBe(`${red}${ESC}[0m`);
    const truecolor = `${ESC}[38;2;255;0;0mred${ESC}[m`;
    expect(terminalSafe(truecolor, 'keep')).toBe(`${truecolor}${ESC}[0m`);
    expect(terminalSafe(`${ESC}[4:3mcurly`, 'keep')).toBe(`${ESC}[4:3mcurly${ESC}[0m`);
  });

  it('strips colour for NO_COLOR and escapes it where no colour may pass', () => {
    const red = `${ESC}[31mERROR${ESC}[0m disk full`;
    expect(terminalSafe(red, 'strip')).toBe('ERROR disk full');
    expect(terminalSafe(red, 'escape')).toBe('\\x1b[31mERROR\\x1b[0m disk full');
  });

  it('keeps colour but escapes a cursor move hidden between colours', () => {
    expect(terminalSafe(`${ESC}[32mok${ESC}[1A${ESC}[2Kgone`, 'keep')).toBe(
      `${ESC}[32mok\\x1b[1A\\x1b[2Kgone${ESC}[0m`,
    );
  });

  it('returns plain text unchanged, tabs, quotes and Unicode included', () => {
    for (const text of ['GET / 200', 'a\tb', '{"msg":"héllo 😀 日本"}', '']) {
      expect(terminalSafe(text, 'keep')).toBe(text);
    }
  });

  it('scales linearly: a 64 KiB line of escapes is handled in one pass', () => {
    const text = `${ESC}[`.repeat(32 * 1024);
    const out = terminalSafe(text, 'keep');
    expect(out).toBe('\\x1b['.repeat(32 * 1024));
  });

  it('visibleEscape names the character', () => {
    expect(visibleEscape(0x1b)).toBe('\\x1b');
    expect(visibleEscape(0x0d)).toBe('\\x0d');
    expect(visibleEscape(0x2066)).toBe('\\u2066');
  });
});

describe('jsonSafe', () => {
  it('escapes what JSON.stringify leaves raw and stays valid JSON', () => {
    const text = `a\u009b2J\u007f\u202e${ESC}]52;c;x\x07`;
    const json = jsonSafe(JSON.stringify({ line: text }));
    expect(hasLiveControl(json)).toBe(false);
    expect(JSON.parse(json)).toEqual({ line: text });
  });
});
