/**
 * The viewer's live filters: include/exclude regular expressions (stern's semantics: a
 * line must match one include, if any are given, and no exclude) and hidden sources.
 * Markers always pass: a gap in the log is never filtered away. Expressions are RE2
 * (linear time, shared/logs/line-pattern.ts): a link's pattern cannot freeze the viewer.
 */
import { compileLinePattern } from '../../../shared/logs/line-pattern';
import type { LogEntry } from './log-entry';

export interface ViewFilters {
  include: readonly string[];
  exclude: readonly string[];
  /** Source ids whose lines are hidden. */
  hidden: ReadonlySet<number>;
}

export const noFilters: ViewFilters = { include: [], exclude: [], hidden: new Set() };

export type LinePredicate = (entry: LogEntry) => boolean;

/** Throws LinePatternError for an invalid expression (the filter bar validates before). */
export function compileFilters(filters: ViewFilters): LinePredicate {
  const include = filters.include.map(compileLinePattern);
  const exclude = filters.exclude.map(compileLinePattern);
  const { hidden } = filters;
  if (include.length === 0 && exclude.length === 0 && hidden.size === 0) return () => true;
  return (entry) => {
    if (entry.skipped !== undefined) return true;
    if (hidden.has(entry.source)) return false;
    if (include.length > 0 && !include.some((re) => re.test(entry.plain))) return false;
    return !exclude.some((re) => re.test(entry.plain));
  };
}

export function sameFilters(a: ViewFilters, b: ViewFilters): boolean {
  const same = (x: readonly string[], y: readonly string[]) =>
    x.length === y.length && x.every((v, i) => v === y[i]);
  return (
    same(a.include, b.include) &&
    same(a.exclude, b.exclude) &&
    a.hidden.size === b.hidden.size &&
    [...a.hidden].every((id) => b.hidden.has(id))
  );
}
