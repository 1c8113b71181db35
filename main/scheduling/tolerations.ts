/**
 * Taints and tolerations as the API's helpers match them (k8s.io/api/core/v1
 * Toleration.ToleratesTaint, k8s.io/component-helpers GetMatchingTolerations), and the
 * NoExecute taint manager's arithmetic (pkg/controller/tainteviction getMinTolerationTime):
 * what the taints view and the taint preview need. Pure.
 */
import type { NodeTaint, TaintEffect } from '../../shared/contract/scheduling';
import { asArray, asRecord, type KubeObject } from '../../shared/kube/object-types';

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface TaintLike {
  key: string;
  value?: string;
  effect: string;
}

/** Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: TaintLike): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsOf(spec: unknown): Toleration[] {
  return asArray<Toleration>(asRecord(spec)['tolerations']).filter(
    (t) => typeof t === 'object' && t !== null,
  );
}

const EFFECTS: readonly string[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function taintsOf(node: KubeObject): NodeTaint[] {
  return asArray<Record<string, unknown>>(asRecord(node.spec)['taints'])
    .filter((t) => typeof t?.['key'] === 'string' && EFFECTS.includes(String(t['effect'])))
    .map((t) => ({
      key: String(t['key']),
      value: typeof t['value'] === 'string' ? t['value'] : '',
      effect: t['effect'] as TaintEffect,
      ...(typeof t['timeAdded'] === 'string' ? { timeAdded: t['timeAdded'] } : {}),
    }));
}

/**
 * When the taint manager evicts a pod from a node with these NoExecute taints: null when
 * never (every taint tolerated forever), 0 at once (a taint not tolerated, or a toleration
 * of 0 s or less), else the smallest tolerationSeconds of the tolerations used.
 */
export function evictionDelaySeconds(
  tolerations: readonly Toleration[],
  noExecuteTaints: readonly TaintLike[],
): number | null {
  if (noExecuteTaints.length === 0) return null;
  const used: Toleration[] = [];
  for (const taint of noExecuteTaints) {
    const match = tolerations.find((t) => toleratesTaint(t, taint));
    if (!match) return 0;
    used.push(match);
  }
  let min = Number.POSITIVE_INFINITY;
  for (const t of used) {
    if (typeof t.tolerationSeconds !== 'number') continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return Number.isFinite(min) ? min : null;
}
