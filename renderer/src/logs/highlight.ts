/**
 * Search highlighting: where a needle occurs in a line's visible text, and the line's
 * styled chunks cut at those places so each match can be wrapped in a <mark>.
 */
import type { AnsiChunk } from './ansi';

export type Range = [start: number, end: number];

/** Case-insensitive, non-overlapping occurrences of `needle` (already lower-cased). */
export function findMatches(text: string, needle: string): Range[] {
  if (!needle) return [];
  const hay = text.toLowerCase();
  const ranges: Range[] = [];
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length))
    ranges.push([at, at + needle.length]);
  return ranges;
}

export interface Segment extends AnsiChunk {
  /** Inside a search match. */
  mark?: boolean;
}

/**
 * Cuts chunks at the match boundaries. A match that spans two styled chunks is marked in
 * both pieces, so it still reads as one highlight.
 */
export function markChunks(chunks: AnsiChunk[], ranges: Range[]): Segment[] {
  if (ranges.length === 0) return chunks;
  const out: Segment[] = [];
  let offset = 0;
  let r = 0;
  for (const chunk of chunks) {
    const end = offset + chunk.text.length;
    let at = offset;
    while (at < end) {
      while (r < ranges.length && ranges[r]![1] <= at) r++;
      const range = ranges[r];
      if (!range || range[0] >= end) {
        out.push({ ...chunk, text: chunk.text.slice(at - offset) });
        at = end;
      } else if (range[0] > at) {
        out.push({ ...chunk, text: chunk.text.slice(at - offset, range[0] - offset) });
        at = range[0];
      } else {
        const stop = Math.min(range[1], end);
        out.push({ ...chunk, text: chunk.text.slice(at - offset, stop - offset), mark: true });
        at = stop;
      }
    }
    offset = end;
  }
  return out;
}
