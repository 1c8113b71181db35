import type { LogLine } from '../../../shared/contract/logs';
import { stripAnsi } from './ansi';

/**
 * One retained row of the viewer: a line from a source, or a marker where lines were
 * skipped. `seq` grows forever (the ring's sequence), so it keys rows across trims.
 */
export interface LogEntry {
  seq: number;
  /** The source id from the stream; -1 for a marker. */
  source: number;
  time: string;
  /** As received, ANSI escapes included. */
  text: string;
  /** The text without escapes: what filters, search and downloads see. Same string when none. */
  plain: string;
  /** Set on markers: how many lines the engine dropped here. */
  skipped?: number;
  /** Set on a line longer than the engine keeps (64 KiB): the bytes cut from its end. */
  cut?: number;
}

export function lineEntry(seq: number, [source, time, text, cut]: LogLine): LogEntry {
  const entry: LogEntry = { seq, source, time, text, plain: stripAnsi(text) };
  if (cut) entry.cut = cut;
  return entry;
}

export function markerEntry(seq: number, skipped: number): LogEntry {
  return { seq, source: -1, time: '', text: '', plain: '', skipped };
}
