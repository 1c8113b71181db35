import { describe, expect, it } from 'vitest';
import { findMatches, markChunks } from './highlight';

describe('findMatches', () => {
  it('finds every occurrence, ignoring case', () => {
    expect(findMatches('Error: error ERROR', 'error')).toEqual([
      [0, 5],
      [7, 12],
      [13, 18],
    ]);
  });
  it('does not overlap and finds nothing for an empty needle', () => {
    expect(findMatches('aaaa', 'aa')).toEqual([
      [0, 2],
      [2, 4],
    ]);
    expect(findMatches('abc', '')).toEqual([]);
  });
});

describe('markChunks', () => {
  it('returns the chunks untouched without matches', () => {
    const chunks = [{ text: 'abc' }];
    expect(markChunks(chunks, [])).toBe(chunks);
  });
  it('cuts one chunk around a match', () => {
    expect(markChunks([{ text: 'GET /healthz 200' }], [[5, 12]])).toEqual([
      { text: 'GET /' },
      { text: 'healthz', mark: true },
      { text: ' 200' },
    ]);
  });
  it('keeps styles and marks a match that spans chunks in both', () => {
    expect(
      markChunks(
        [{ text: 'ab' }, { text: 'cd', fg: 'ansi-red' }],
        [
          [1, 3],
          [3, 4],
        ],
      ),
    ).toEqual([
      { text: 'a' },
      { text: 'b', mark: true },
      { text: 'c', fg: 'ansi-red', mark: true },
      { text: 'd', fg: 'ansi-red', mark: true },
    ]);
  });
});
