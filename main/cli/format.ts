/**
 * How the CLI prints a log line: `namespace/pod[container] text`, like kail, with a
 * stable color per pod on a terminal, or one JSON object per line for scripts. The text is
 * the workload's: unless `raw`, it goes through terminalSafe (colour passes, every other
 * control is shown escaped) and JSON through jsonSafe. A line cut at MAX_LINE_BYTES ends
 * with "… [cut N bytes]" (JSON: a "cut" field).
 */
import type { LogLine, LogSource } from '../../shared/contract/logs';
import { cutMarker, formatLine as plainLine, sourceLabel } from '../../shared/logs/format-line';
import { jsonSafe, terminalSafe, type ColourPolicy } from './terminal-text';

/** Bright, distinguishable ANSI foreground colors (no black, white or dim). */
const palette = [31, 32, 33, 34, 35, 36, 91, 92, 93, 94, 95, 96];

function colorOf(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return palette[Math.abs(hash) % palette.length]!;
}

export interface FormatOptions {
  output: 'text' | 'json';
  /** Colour the source prefix (a terminal, NO_COLOR unset). */
  color: boolean;
  timestamps: boolean;
  /** Print the text as it came, controls and all (--raw). Default false. */
  raw?: boolean;
  /** The workload's own colour sequences: kept (default) or stripped (NO_COLOR). */
  workloadColour?: Exclude<ColourPolicy, 'escape'>;
}

export function formatLine(line: LogLine, source: LogSource, options: FormatOptions): string {
  const [, time, received, cut] = line;
  if (options.output === 'json') {
    const json = JSON.stringify({
      namespace: source.namespace,
      pod: source.pod,
      container: source.container,
      time,
      line: received,
      ...(cut ? { cut } : {}),
    });
    return options.raw ? json : jsonSafe(json);
  }
  const text =
    (options.raw ? received : terminalSafe(received, options.workloadColour ?? 'keep')) +
    cutMarker(cut);
  const shownTime = options.timestamps ? time : undefined;
  if (!options.color) return plainLine(source, shownTime, text);
  const prefix = sourceLabel(source);
  const stamp = shownTime ? `${shownTime} ` : '';
  const color = colorOf(`${source.namespace}/${source.pod}`);
  return `\x1b[${color}m${prefix}\x1b[0m ${stamp ? `\x1b[2m${stamp}\x1b[0m` : ''}${text}`;
}

/** The explicit marker for lines dropped because the output could not keep up. */
export function formatSkipped(count: number, output: 'text' | 'json'): string {
  return output === 'json'
    ? JSON.stringify({ skipped: count })
    : `… ${count} lines skipped (output too slow; raise --buffer to keep more)`;
}
