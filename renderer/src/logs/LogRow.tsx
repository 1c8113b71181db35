import { memo, type CSSProperties, type Ref } from 'react';
import type { LogSource } from '../../../shared/contract/logs';
import { cutMarker, sourceLabel } from '../../../shared/logs/format-line';
import { ansiChunks } from './ansi';
import { findMatches, markChunks, type Segment } from './highlight';
import { prettyJson } from './json-line';
import type { LogEntry } from './log-entry';
import { shortTime, sourcePrefix } from './row-format';
import { sourceHue } from './source-color';

export interface RowOptions {
  timestamps: boolean;
  wrap: boolean;
  /** Pretty-print JSON lines. */
  json: boolean;
  /** Sources span several namespaces: prefixes name theirs. */
  namespaces: boolean;
}

/**
 * One line of the list: time, coloured source prefix, and the text with its ANSI colours
 * and search matches. Memoised: a new batch re-renders only rows whose props changed.
 */
export const LogRow = memo(function LogRow(props: {
  entry: LogEntry;
  source: LogSource | undefined;
  options: RowOptions;
  /** Lower-cased search text, '' for none. */
  needle: string;
  current: boolean;
  index: number;
  ref?: Ref<HTMLDivElement> | undefined;
}) {
  const { entry, source, options } = props;
  if (entry.skipped !== undefined) {
    return (
      <div ref={props.ref} data-index={props.index} className="log-row log-marker">
        ⋯ {entry.skipped.toLocaleString('en-US')} {entry.skipped === 1 ? 'line' : 'lines'} skipped ⋯
      </div>
    );
  }
  const pretty = options.json ? prettyJson(entry.plain) : undefined;
  const chunks = pretty !== undefined ? [{ text: pretty }] : ansiChunks(entry.text);
  const segments = props.needle
    ? markChunks(chunks, findMatches(pretty ?? entry.plain, props.needle))
    : chunks;
  const label = source ? sourceLabel(source) : 'unknown source';
  return (
    <div
      ref={props.ref}
      data-index={props.index}
      className={`log-row${props.current ? ' current-match' : ''}${pretty !== undefined ? ' log-json' : ''}`}
    >
      {options.timestamps && (
        <span className="log-time" title={entry.time}>
          {shortTime(entry.time)}{' '}
        </span>
      )}
      <span
        className="log-source"
        title={label}
        style={{ '--hue': sourceHue(label) } as CSSProperties}
      >
        {sourcePrefix(source, options.namespaces)}
      </span>{' '}
      <span className="log-text">{segments.map(renderSegment)}</span>
      {entry.cut !== undefined && (
        <span className="log-cut" title="The line was longer than 64 KiB: the rest was dropped">
          {cutMarker(entry.cut)}
        </span>
      )}
    </div>
  );
});

function renderSegment(segment: Segment, i: number) {
  const classes: string[] = [];
  const style: CSSProperties = {};
  if (segment.fg?.startsWith('ansi-')) classes.push(`${segment.fg}-fg`);
  else if (segment.fg) style.color = segment.fg;
  if (segment.bg?.startsWith('ansi-')) classes.push(`${segment.bg}-bg`);
  else if (segment.bg) style.backgroundColor = segment.bg;
  if (segment.bold) classes.push('ansi-bold');
  if (segment.dim) classes.push('ansi-dim');
  if (segment.italic) classes.push('ansi-italic');
  if (segment.underline) classes.push('ansi-underline');
  const className = classes.length > 0 ? classes.join(' ') : undefined;
  const plain = !className && !segment.fg && !segment.bg;
  if (segment.mark)
    return (
      <mark key={i} className={className} style={style}>
        {segment.text}
      </mark>
    );
  if (plain) return segment.text;
  return (
    <span key={i} className={className} style={style}>
      {segment.text}
    </span>
  );
}
