import { describe, expect, it } from 'vitest';
import { ansiChunks, paletteColor, stripAnsi } from './ansi';

describe('ansi', () => {
  it('leaves plain text as one chunk', () => {
    expect(ansiChunks('GET / 200')).toEqual([{ text: 'GET / 200' }]);
    expect(stripAnsi('GET / 200')).toBe('GET / 200');
  });

  it('maps the 16 colours to classes and the rest to rgb', () => {
    expect(
      ansiChunks('a \u001b[31mred\u001b[0m \u001b[1;38;5;196mhot\u001b[0m \u001b[38;2;1;2;3mtc'),
    ).toEqual([
      { text: 'a ' },
      { text: 'red', fg: 'ansi-red' },
      { text: ' ' },
      { text: 'hot', fg: 'rgb(255, 0, 0)', bold: true },
      { text: ' ' },
      { text: 'tc', fg: 'rgb(1, 2, 3)' },
    ]);
  });

  it('keeps backgrounds and decorations', () => {
    expect(ansiChunks('\u001b[4;42mok\u001b[0m')).toEqual([
      { text: 'ok', bg: 'ansi-green', underline: true },
    ]);
  });

  it('strips escapes, including ones that are not colours', () => {
    expect(stripAnsi('a\u001b[31mb\u001b[0mc\u001b[2Kd')).toBe('abcd');
  });

  it.each([
    [1, 'ansi-red'],
    [9, 'ansi-bright-red'],
    [16, 'rgb(0, 0, 0)'],
    [231, 'rgb(255, 255, 255)'],
    [232, 'rgb(8, 8, 8)'],
    [255, 'rgb(238, 238, 238)'],
  ])('palette %i → %s', (n, css) => expect(paletteColor(n)).toBe(css));

  it('hands markup and non-colour sequences through as plain text (React renders text)', () => {
    const hostile = [
      '<img src=x onerror=alert(1)>',
      '\u001b]52;c;aGk=\u0007after',
      '\u001b]8;;javascript:alert(1)\u001b\\link',
      '\u001bP+q544e\u001b\\',
    ];
    for (const text of hostile) {
      const chunks = ansiChunks(text);
      // Only text and colour fields: nothing that could become an attribute or a tag.
      for (const chunk of chunks)
        for (const key of Object.keys(chunk))
          expect(['text', 'fg', 'bg', 'bold', 'dim', 'italic', 'underline']).toContain(key);
      expect(chunks.map((c) => c.text).join('')).toContain(text.slice(-5));
    }
  });
});
