/**
 * Splits a container's log stream into lines with a bound: a workload decides how long its
 * lines are, and one that writes 10 MB without a newline must not make main hold 10 MB
 * (or a 10 MB string, or a 10 MB regular-expression test). Each line keeps at most
 * `maxBytes` bytes; the bytes past that are dropped as they arrive, only counted, until
 * the next newline. The kept part is cut at a UTF-8 character boundary (the bytes of a
 * split character count as cut too), so a cut line never ends in a broken character.
 *
 * Lines end at "\n"; a "\r" right before it (CRLF) is dropped. A lone "\r" stays in the
 * text (readline treated it as a line end; a kubelet never does): viewers show it as text,
 * the CLI shows it escaped.
 */

/** The longest line main keeps: the rest of a longer line is dropped and counted. */
export const MAX_LINE_BYTES = 64 * 1024;

export interface SplitLine {
  text: string;
  /** Bytes dropped from the end of this line (0: the line is whole). */
  cut: number;
}

const LF = 0x0a;
const CR = 0x0d;

export class LineSplitter {
  private readonly buffer: Buffer;
  private length = 0;
  private cut = 0;
  /** The last byte seen of the current line, kept or dropped (to spot a CRLF). */
  private last = -1;

  constructor(readonly maxBytes: number = MAX_LINE_BYTES) {
    if (!Number.isInteger(maxBytes) || maxBytes < 4) throw new RangeError('maxBytes must be ≥ 4');
    this.buffer = Buffer.allocUnsafe(maxBytes);
  }

  /** Feeds one chunk; returns the lines it completed. */
  push(chunk: Uint8Array): SplitLine[] {
    const lines: SplitLine[] = [];
    let at = 0;
    while (at < chunk.length) {
      const newline = chunk.indexOf(LF, at);
      const end = newline < 0 ? chunk.length : newline;
      const take = Math.min(end - at, this.maxBytes - this.length);
      if (take > 0) {
        this.buffer.set(chunk.subarray(at, at + take), this.length);
        this.length += take;
      }
      this.cut += end - at - take;
      if (end > at) this.last = chunk[end - 1]!;
      if (newline < 0) break;
      lines.push(this.take());
      at = newline + 1;
    }
    return lines;
  }

  /** The stream ended: the unfinished line, if any. */
  end(): SplitLine[] {
    return this.length > 0 || this.cut > 0 ? [this.take()] : [];
  }

  private take(): SplitLine {
    let length = this.length;
    let cut = this.cut;
    if (this.last === CR) {
      // CRLF: the "\r" is the end of line, not text (kept or already dropped).
      if (cut > 0) cut--;
      else length--;
    }
    if (cut > 0) {
      const whole = utf8Boundary(this.buffer, length);
      cut += length - whole;
      length = whole;
    }
    const line = { text: this.buffer.toString('utf8', 0, length), cut };
    this.length = 0;
    this.cut = 0;
    this.last = -1;
    return line;
  }
}

/**
 * The largest length ≤ `length` that does not end inside a UTF-8 character: a trailing
 * lead byte whose continuation bytes were cut away is left out with them.
 */
export function utf8Boundary(bytes: Uint8Array, length: number): number {
  let start = length - 1;
  // At most three continuation bytes (10xxxxxx) follow a lead byte.
  while (start > 0 && start >= length - 3 && (bytes[start]! & 0xc0) === 0x80) start--;
  if (start < 0) return length;
  const lead = bytes[start]!;
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return start + size > length ? start : length;
}

/**
 * Cuts text to at most `maxBytes` of UTF-8 at a character boundary: the text part of a
 * line whose timestamp prefix the splitter's bound also covered.
 */
export function capUtf8(text: string, maxBytes: number): SplitLine {
  // Three bytes per UTF-16 unit at most: short text needs no encoding to know it fits.
  if (text.length * 3 <= maxBytes) return { text, cut: 0 };
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return { text, cut: 0 };
  const keep = utf8Boundary(bytes, maxBytes);
  return { text: bytes.toString('utf8', 0, keep), cut: bytes.length - keep };
}

/** Lines of a byte stream, each at most `maxBytes`; see LineSplitter. */
export async function* splitLines(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number = MAX_LINE_BYTES,
): AsyncGenerator<SplitLine> {
  const splitter = new LineSplitter(maxBytes);
  for await (const chunk of chunks) yield* splitter.push(chunk);
  yield* splitter.end();
}
