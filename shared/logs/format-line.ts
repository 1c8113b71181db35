/**
 * The plain-text form of a log line, the same in the viewer's download and the CLI's
 * output: `namespace/pod[container] time text` (time only when asked for).
 */
import type { LogSource } from '../contract/logs';

/** `namespace/pod[container]`: kail's and stern's way of naming where a line came from. */
export function sourceLabel(source: Pick<LogSource, 'namespace' | 'pod' | 'container'>): string {
  return `${source.namespace}/${source.pod}[${source.container}]`;
}

/** One line of text, without its trailing newline. */
export function formatLine(
  source: Pick<LogSource, 'namespace' | 'pod' | 'container'> | undefined,
  time: string | undefined,
  text: string,
): string {
  const label = source ? sourceLabel(source) : '?';
  return time ? `${label} ${time} ${text}` : `${label} ${text}`;
}

/**
 * What follows a line longer than MAX_LINE_BYTES, kept up to that: how much of it was
 * dropped. '' for a whole line.
 */
export function cutMarker(cut: number | undefined): string {
  return cut ? ` … [cut ${cut.toLocaleString('en-US')} bytes]` : '';
}

/** The marker written where lines were dropped, so a saved log never hides a gap. */
export function skippedLine(count: number): string {
  return `--- ${count.toLocaleString('en-US')} ${count === 1 ? 'line' : 'lines'} skipped ---`;
}
