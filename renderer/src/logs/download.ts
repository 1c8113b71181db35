/**
 * Saves every retained line (filters ignored: the file is the record, the screen is the
 * view) as `namespace/pod[container] time text`, with markers where lines were skipped
 * and a first line when the buffer had already let older lines go.
 */
import { cutMarker, formatLine, skippedLine } from '../../../shared/logs/format-line';
import type { LogStore } from './log-store';

export function retainedText(store: LogStore): string {
  const parts: string[] = [];
  const { dropped, capacity } = store.get();
  if (dropped > 0)
    parts.push(
      `--- ${dropped.toLocaleString('en-US')} older lines were dropped (the buffer keeps ${capacity.toLocaleString('en-US')}) ---`,
    );
  for (const entry of store.retained()) {
    parts.push(
      entry.skipped !== undefined
        ? skippedLine(entry.skipped)
        : formatLine(store.source(entry.source), entry.time, entry.plain) + cutMarker(entry.cut),
    );
  }
  return parts.length > 0 ? `${parts.join('\n')}\n` : '';
}

/** A file name that sorts by time and says where the lines came from. */
export function downloadName(context: string, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `pilothouse-logs-${context.replace(/[^\w.-]+/g, '_')}-${stamp}.log`;
}

export function saveText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The click has started the download; the URL only needs to outlive this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
