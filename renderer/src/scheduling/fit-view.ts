/**
 * What the Scheduling tab draws, made from the engine's FitResult: a matrix (nodes as
 * rows, the scheduler's filters as columns, in its order), the summary line, the notes
 * where the engine cannot judge, and the preference scores of feasible nodes. Pure, so
 * unit tests read it.
 */
import type { FitResult } from '../../../shared/scheduling/types';

/** One collator for every sort: `localeCompare` with a locale builds one per call (slow at 5,000 rows). */
const byName = new Intl.Collator('en', { numeric: true });

/**
 * pass / fail as the scheduler decides; `not-run`: an earlier filter already failed the
 * node (the scheduler stops there), with what this one would say; `skipped`: nothing to
 * check for this pod (the plugin's PreFilter skipped it).
 */
export type Verdict = 'pass' | 'fail' | 'not-run' | 'skipped';

export interface MatrixCell {
  verdict: Verdict;
  /** The scheduler's reason string for a failure, or why it could not judge. */
  reason: string;
}

export interface PreferenceScore {
  /** The term, as text ("PreferNoSchedule taints", "weight 50: zone In pilot-1a"). */
  term: string;
  score: number;
}

export interface MatrixRow {
  node: string;
  fits: boolean;
  /** One per filter, in `FitMatrixModel.filters` order. */
  cells: MatrixCell[];
  scores: PreferenceScore[];
}

export interface FitMatrixModel {
  /** kube-scheduler's filter plugins, in its order (NodeUnschedulable, NodeName, …). */
  filters: string[];
  rows: MatrixRow[];
  /** "0/6 nodes are available: …", or the count of nodes that fit. */
  summary: string;
  feasible: string[];
  /** What the engine cannot judge (volumes, DRA, another scheduler…). */
  notes: string[];
}

/** The icon and word of a verdict: never colour alone. */
export const verdictMark: Record<Verdict, { icon: string; word: string }> = {
  pass: { icon: '✓', word: 'passes' },
  fail: { icon: '✗', word: 'fails' },
  'not-run': { icon: '·', word: 'not reached' },
  skipped: { icon: '–', word: 'nothing to check' },
};

/** One cell's text: the scheduler's reasons, or what a filter not reached would say. */
function cellOf(f: FitResult['nodes'][number]['filters'][number]): MatrixCell {
  const reasons = f.reasons.join(', ');
  if (f.outcome === 'not-run')
    return {
      verdict: 'not-run',
      reason: f.wouldFail ? `not reached; would also fail${reasons ? `: ${reasons}` : ''}` : '',
    };
  return { verdict: f.outcome, reason: f.outcome === 'fail' ? reasons : '' };
}

/** The engine's answer as the matrix draws it. */
export function matrixOf(result: FitResult): FitMatrixModel {
  const filters = result.nodes[0]?.filters.map((f) => f.filter) ?? [];
  const notes = result.cannotJudge.map((n) => n.message);
  if (result.preFilter)
    notes.unshift(
      `${result.preFilter.plugin} rejects the pod before any node is looked at: ${result.preFilter.message}`,
    );
  return {
    filters,
    summary: result.summary,
    feasible: result.feasible,
    notes,
    rows: result.nodes.map((n) => ({
      node: n.name,
      fits: n.fits,
      cells: filters.map((name) => {
        const f = n.filters.find((x) => x.filter === name);
        return f ? cellOf(f) : { verdict: 'skipped', reason: '' };
      }),
      scores: (result.preferences[n.name] ?? []).map((p) => ({
        term: `${p.plugin}: ${p.term}`,
        score: p.score,
      })),
    })),
  };
}

/** Rows sorted for reading: nodes that fit first, then by name. */
export function orderedRows(rows: readonly MatrixRow[]): MatrixRow[] {
  return [...rows].sort(
    (a, b) => Number(b.fits) - Number(a.fits) || byName.compare(a.node, b.node),
  );
}

/** The preference terms any feasible node has a score for, in first-seen order. */
export function preferenceTerms(rows: readonly MatrixRow[]): string[] {
  const terms = new Set<string>();
  for (const row of rows) if (row.fits) for (const s of row.scores) terms.add(s.term);
  return [...terms];
}

/** How many nodes fail each filter: the header's count, so a column's weight shows at once. */
export function failCounts(model: FitMatrixModel): number[] {
  return model.filters.map(
    (_f, i) => model.rows.filter((r) => r.cells[i]?.verdict === 'fail').length,
  );
}

/** The model with only the filters that fail at least one node (a narrow panel's view). */
export function failingFilters(model: FitMatrixModel): FitMatrixModel {
  const counts = failCounts(model);
  const keep = model.filters.map((_f, i) => counts[i]! > 0);
  return {
    ...model,
    filters: model.filters.filter((_f, i) => keep[i]),
    rows: model.rows.map((r) => ({ ...r, cells: r.cells.filter((_c, i) => keep[i]) })),
  };
}

/**
 * A reason as a matrix cell shows it: without the "node(s) " every scheduler reason of a
 * node filter starts with (the row already names the node). The full text stays the cell's
 * tooltip and accessible name.
 */
export function cellText(reason: string): string {
  return reason.replace(/(^|, )node\(s\) /g, '$1');
}
