/**
 * PodTopologySpread's DoNotSchedule side (kube-scheduler v1.33
 * plugins/podtopologyspread/filtering.go): per constraint, the matching pods per domain
 * (topology value) over the nodes that have every constraint's key and pass the
 * constraint's inclusion policies (nodeAffinityPolicy Honor and nodeTaintsPolicy Ignore by
 * default), pods being deleted or in other namespaces not counted; a node fails when
 *   matching pods in its domain + (1 if the pod matches its own selector) − the global
 *   minimum (0 when fewer domains than minDomains) > maxSkew,
 * or when it lacks the key ("missing required label"). A selector of {} counts no pods
 * (countPodsMatchSelector returns 0 for an empty selector), as the scheduler does.
 * The default profile's system default constraints are ScheduleAnyway only, so a pod
 * without DoNotSchedule constraints is skipped.
 */
import { firstUntoleratedTaint } from './model';
import { matchesRequiredNodeAffinity, type Rejection } from './node-filters';
import type { PodToFit } from './pod-to-fit';
import { selectorIsEmpty, selectorMatches } from './selectors';
import { labelValue } from './selectors';
import type { Snapshot, NodeEntry } from './snapshot';

export const REASON_SPREAD = "node(s) didn't match pod topology spread constraints";
export const REASON_SPREAD_MISSING_LABEL = `${REASON_SPREAD} (missing required label)`;

export interface SpreadState {
  /** Per constraint: domain -> matching pods. */
  counts: Map<string, number>[];
  /** Per constraint: the minimum used for the skew. */
  minimum: number[];
}

const MAX_INT32 = 2147483647;

export function spreadState(pod: PodToFit, snapshot: Snapshot): SpreadState | null {
  const constraints = pod.spread;
  if (constraints.length === 0) return null;
  const counts = constraints.map(() => new Map<string, number>());
  for (const node of snapshot.nodes) {
    let hasAll = true;
    for (const c of constraints)
      if (labelValue(node.labels, c.topologyKey) === undefined) hasAll = false;
    if (!hasAll) continue;
    let affinityMatch: boolean | undefined;
    let tolerated: boolean | undefined;
    constraints.forEach((c, i) => {
      if (c.honorNodeAffinity && !(affinityMatch ??= matchesRequiredNodeAffinity(pod, node)))
        return;
      if (
        c.honorTaints &&
        !(tolerated ??= firstUntoleratedTaint(node.taints, pod.tolerations) === undefined)
      )
        return;
      const value = labelValue(node.labels, c.topologyKey)!;
      let n = 0;
      if (!selectorIsEmpty(c.selector))
        for (const p of node.pods)
          if (!p.deleting && p.namespace === pod.namespace && selectorMatches(c.selector, p.labels))
            n++;
      counts[i]!.set(value, (counts[i]!.get(value) ?? 0) + n);
    });
  }
  const minimum = constraints.map((c, i) => {
    const domains = counts[i]!;
    if (domains.size < c.minDomains) return 0;
    let min = MAX_INT32;
    for (const v of domains.values()) if (v < min) min = v;
    return min;
  });
  return { counts, minimum };
}

export function topologySpread(
  pod: PodToFit,
  state: SpreadState,
  node: NodeEntry,
): Rejection | null {
  for (let i = 0; i < pod.spread.length; i++) {
    const c = pod.spread[i]!;
    const value = labelValue(node.labels, c.topologyKey);
    if (value === undefined) return { reasons: [REASON_SPREAD_MISSING_LABEL], unresolvable: true };
    const self = selectorMatches(c.selector, pod.labels) ? 1 : 0;
    const skew = (state.counts[i]!.get(value) ?? 0) + self - state.minimum[i]!;
    if (skew > c.maxSkew) return { reasons: [REASON_SPREAD], unresolvable: false };
  }
  return null;
}

/** The skew this node would have per constraint (for the matrix's explanation). */
export function skews(pod: PodToFit, state: SpreadState, node: NodeEntry): (number | null)[] {
  return pod.spread.map((c, i) => {
    const value = labelValue(node.labels, c.topologyKey);
    if (value === undefined) return null;
    const self = selectorMatches(c.selector, pod.labels) ? 1 : 0;
    return (state.counts[i]!.get(value) ?? 0) + self - state.minimum[i]!;
  });
}
