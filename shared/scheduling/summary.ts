/**
 * kube-scheduler's FitError text (framework/types.go FitError.Error), the line a Pending
 * pod's FailedScheduling event starts with: "0/N nodes are available: " then either the
 * PreFilter rejection's message, or "<count> <reason>" for every reason of every rejected
 * node, sorted as strings (so "10 Insufficient cpu" sorts before "2 ..."), joined with
 * ", ", ending with ".". The event adds " preemption: ..." after it; that part is not ours.
 * With some node feasible the scheduler writes nothing; the engine uses the same shape with
 * the feasible count so the line reads the same way ("2/6 nodes are available: ...").
 */
export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';

export function summaryLine(
  total: number,
  feasible: number,
  rejected: readonly (readonly string[])[],
  preFilterMessage?: string,
): string {
  if (total === 0) return NO_NODES_MESSAGE;
  const head = `${feasible}/${total} nodes are available`;
  if (preFilterMessage !== undefined) return `${head}: ${preFilterMessage}.`;
  const histogram = new Map<string, number>();
  for (const reasons of rejected)
    for (const r of reasons) histogram.set(r, (histogram.get(r) ?? 0) + 1);
  // FitError with nothing to list ends at the colon, as the scheduler's text does.
  if (histogram.size === 0) return feasible === 0 ? `${head}:` : `${head}.`;
  const parts = [...histogram].map(([reason, n]) => `${n} ${reason}`);
  parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `${head}: ${parts.join(', ')}.`;
}
