/**
 * ANSI colours in log text, turned into plain data the row renders as styled spans (never
 * HTML). Parsing is done by anser; this file maps its output to what our CSS can theme:
 * the 16 standard colours become classes (readable in light and dark), 256-colour and
 * true-colour codes become explicit rgb().
 */
import Anser from 'anser';

export interface AnsiChunk {
  text: string;
  /** A CSS class (`ansi-red`) or an explicit colour (`rgb(1, 2, 3)`). */
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

const ESC = '\u001b';

/** Cheap test first: most log lines carry no escape at all. */
export function hasAnsi(text: string): boolean {
  return text.includes(ESC);
}

/** The text as a reader sees it: what filters, search and downloads work on. */
export function stripAnsi(text: string): string {
  return hasAnsi(text) ? Anser.ansiToText(text) : text;
}

const base = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

/** xterm's 256-colour palette: 16 named, a 6×6×6 cube, then 24 greys. */
export function paletteColor(n: number): string {
  if (n < 8) return `ansi-${base[n]}`;
  if (n < 16) return `ansi-bright-${base[n - 8]}`;
  if (n < 232) {
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    const i = n - 16;
    return `rgb(${level(Math.floor(i / 36))}, ${level(Math.floor(i / 6) % 6)}, ${level(i % 6)})`;
  }
  const grey = 8 + (n - 232) * 10;
  return `rgb(${grey}, ${grey}, ${grey})`;
}

function color(cls: string | null, truecolor: string | null): string | undefined {
  if (!cls) return undefined;
  if (cls === 'ansi-truecolor') return truecolor ? `rgb(${truecolor})` : undefined;
  const palette = /^ansi-palette-(\d+)$/.exec(cls);
  return palette ? paletteColor(Number(palette[1])) : cls;
}

/** The text split where its style changes; a line without escapes is one unstyled chunk. */
export function ansiChunks(text: string): AnsiChunk[] {
  if (!hasAnsi(text)) return [{ text }];
  const chunks: AnsiChunk[] = [];
  for (const entry of Anser.ansiToJson(text, {
    json: true,
    use_classes: true,
    remove_empty: true,
  })) {
    // anser's typings say string; at run time "no colour" is null.
    const fg = color(entry.fg as string | null, entry.fg_truecolor as string | null);
    const bg = color(entry.bg as string | null, entry.bg_truecolor as string | null);
    const d = new Set(entry.decorations);
    const chunk: AnsiChunk = { text: entry.content };
    if (fg) chunk.fg = fg;
    if (bg) chunk.bg = bg;
    if (d.has('bold')) chunk.bold = true;
    if (d.has('dim')) chunk.dim = true;
    if (d.has('italic')) chunk.italic = true;
    if (d.has('underline')) chunk.underline = true;
    chunks.push(chunk);
  }
  return chunks.length > 0 ? chunks : [{ text: '' }];
}
