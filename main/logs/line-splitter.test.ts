import { describe, expect, it } from 'vitest';
import { capUtf8, LineSplitter, MAX_LINE_BYTES, splitLines, utf8Boundary } from './line-splitter';

const bytes = (s: string) => Buffer.from(s, 'utf8');

function splitAll(chunks: (string | Uint8Array)[], max?: number) {
  const splitter = new LineSplitter(max);
  const out = chunks.flatMap((c) => splitter.push(typeof c === 'string' ? bytes(c) : c));
  return [...out, ...splitter.end()];
}

describe('LineSplitter', () => {
  it('splits on newlines across chunk borders and drops the CR of a CRLF', () => {
    expect(splitAll(['a\nb', 'c\r', '\nd\r\n', '\n', 'tail'])).toEqual([
      { text: 'a', cut: 0 },
      { text: 'bc', cut: 0 },
      { text: 'd', cut: 0 },
      { text: '', cut: 0 },
      { text: 'tail', cut: 0 },
    ]);
  });

  it('keeps a lone CR in the text (only the viewer or the CLI decides how to show it)', () => {
    expect(splitAll(['progress 10%\rprogress 20%\n'])).toEqual([
      { text: 'progress 10%\rprogress 20%', cut: 0 },
    ]);
  });

  it('keeps maxBytes of a long line and counts the rest, then goes on with the next', () => {
    const lines = splitAll(['x'.repeat(10), 'y'.repeat(10), '\nnext\n'], 8);
    expect(lines).toEqual([
      { text: 'xxxxxxxx', cut: 12 },
      { text: 'next', cut: 0 },
    ]);
  });

  it('a cut line ending in a CRLF does not count the CR as cut', () => {
    expect(splitAll(['abcdefghij\r\n'], 8)).toEqual([{ text: 'abcdefgh', cut: 2 }]);
  });

  it('never ends a cut line inside a UTF-8 character', () => {
    // "é" is 2 bytes, "€" 3, "😀" 4: cut in the middle of each.
    for (const ch of ['é', '€', '😀']) {
      const line = 'abcdef' + ch.repeat(4) + '\n';
      for (let max = 6; max < 6 + bytes(ch).length; max++) {
        const [first] = splitAll([line], Math.max(max, 4));
        const keptBytes = bytes(first!.text).length;
        expect(first!.text).not.toContain('\uFFFD');
        expect(keptBytes + first!.cut).toBe(bytes(line).length - 1);
      }
    }
  });

  it('a 10 MB line without a newline never holds more than maxBytes', () => {
    const splitter = new LineSplitter();
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    for (let i = 0; i < 160; i++) expect(splitter.push(chunk)).toEqual([]);
    const [line] = splitter.end();
    expect(line!.text.length).toBe(MAX_LINE_BYTES);
    expect(line!.cut).toBe(160 * 64 * 1024 - MAX_LINE_BYTES);
  });

  it('splitLines reads an async stream of chunks', async () => {
    async function* source() {
      yield bytes('one\ntw');
      yield bytes('o\nthree');
    }
    const lines: string[] = [];
    for await (const line of splitLines(source())) lines.push(line.text);
    expect(lines).toEqual(['one', 'two', 'three']);
  });
});

describe('utf8Boundary and capUtf8', () => {
  it('leaves whole characters whole and drops a broken one', () => {
    const b = bytes('a€');
    expect(utf8Boundary(b, 4)).toBe(4);
    expect(utf8Boundary(b, 3)).toBe(1);
    expect(utf8Boundary(b, 2)).toBe(1);
    expect(utf8Boundary(b, 1)).toBe(1);
  });

  it('caps text by UTF-8 bytes', () => {
    expect(capUtf8('short', 10)).toEqual({ text: 'short', cut: 0 });
    expect(capUtf8('€€€€', 10)).toEqual({ text: '€€€', cut: 3 });
    expect(capUtf8('abcdefghijkl', 10)).toEqual({ text: 'abcdefghij', cut: 2 });
  });
});
