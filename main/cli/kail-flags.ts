/**
 * kail's long flags (--deploy web --ns team-a --since 10m) turned into the query syntax
 * the engine reads, so both spellings go through one parser and fail the same way.
 */
import { selectorKinds, type SelectorKind } from '../../shared/logs/query';

/** Flag name → query key. Every selector kind, under kail's names and ours. */
export const selectorFlags: Record<string, string> = Object.fromEntries(
  (Object.keys(selectorKinds) as SelectorKind[]).flatMap((kind) =>
    selectorKinds[kind].filter((n) => n.length > 1).map((n) => [n, n]),
  ),
);

export interface FlagValues {
  selectors: Record<string, string[]>;
  since?: string;
  tail?: string;
  include: string[];
  exclude: string[];
  previous?: boolean;
  init?: boolean;
  timestamps?: boolean;
}

/** Quotes a value that holds spaces or parentheses, with a quote it does not contain. */
function token(key: string, value: string): string {
  if (!/[\s()'"]/.test(value)) return `${key}:${value}`;
  const quote = value.includes('"') ? "'" : '"';
  return `${key}:${quote}${value}${quote}`;
}

export function flagsToQuery(positional: string[], flags: FlagValues): string {
  const parts = [...positional];
  for (const [key, values] of Object.entries(flags.selectors))
    for (const value of values) parts.push(token(key, value));
  if (flags.since) parts.push(token('since', flags.since));
  if (flags.tail !== undefined) parts.push(token('tail', flags.tail));
  for (const value of flags.include) parts.push(token('include', value));
  for (const value of flags.exclude) parts.push(token('exclude', value));
  if (flags.previous) parts.push('previous');
  if (flags.init) parts.push('init');
  if (flags.timestamps) parts.push('timestamps');
  return parts.join(' ');
}
