/**
 * The fit engine's entry point (stub while the filters land): every node fits.
 */
import type { FitInput, FitResult } from './types';
import { FILTER_ORDER } from './types';

export function fitPod(input: FitInput): FitResult {
  const names = input.nodes.map((n) => n.metadata?.name ?? '');
  return {
    summary: `${names.length}/${names.length} nodes are available.`,
    feasible: names,
    nodes: names.map((name) => ({
      name,
      fits: true,
      reasons: [],
      filters: FILTER_ORDER.map((filter) => ({ filter, outcome: 'pass' as const, reasons: [] })),
    })),
    cannotJudge: [],
    preferences: {},
  };
}
