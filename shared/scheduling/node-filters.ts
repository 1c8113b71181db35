/**
 * The filters that look at one node and its own pods only, with kube-scheduler v1.33's
 * reason strings and codes (UnschedulableAndUnresolvable = preemption cannot help):
 * NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit.
 * Each returns null when the node passes.
 */
import { firstUntoleratedTaint, tolerationsTolerate } from './model';
import type { PodToFit } from './pod-to-fit';
import { nodeTermsMatch, selectorMatches } from './selectors';
import { portConflicts, type NodeEntry } from './snapshot';

export interface Rejection {
  reasons: string[];
  unresolvable: boolean;
}

export const REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const REASON_NODE_NAME = "node(s) didn't match the requested node name";
export const REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
export const REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";
export const REASON_TOO_MANY_PODS = 'Too many pods';

const UNSCHEDULABLE_TAINT = {
  key: 'node.kubernetes.io/unschedulable',
  value: '',
  effect: 'NoSchedule',
};

export const untoleratedTaintReason = (key: string, value: string): string =>
  `node(s) had untolerated taint {${key}: ${value}}`;

export function nodeUnschedulable(pod: PodToFit, node: NodeEntry): Rejection | null {
  if (!node.unschedulable || tolerationsTolerate(pod.tolerations, UNSCHEDULABLE_TAINT)) return null;
  return { reasons: [REASON_UNSCHEDULABLE], unresolvable: true };
}

export function nodeName(pod: PodToFit, node: NodeEntry): Rejection | null {
  if (pod.nodeName === '' || pod.nodeName === node.name) return null;
  return { reasons: [REASON_NODE_NAME], unresolvable: true };
}

export function taintToleration(pod: PodToFit, node: NodeEntry): Rejection | null {
  const taint = firstUntoleratedTaint(node.taints, pod.tolerations);
  if (!taint) return null;
  return { reasons: [untoleratedTaintReason(taint.key, taint.value)], unresolvable: true };
}

/** RequiredNodeAffinity.Match: nodeSelector AND (any required term). */
export function matchesRequiredNodeAffinity(pod: PodToFit, node: NodeEntry): boolean {
  if (pod.nodeSelector && !selectorMatches(pod.nodeSelector, node.labels)) return false;
  if (pod.requiredTerms && !nodeTermsMatch(pod.requiredTerms, node.name, node.labels)) return false;
  return true;
}

export function nodeAffinity(pod: PodToFit, node: NodeEntry): Rejection | null {
  return matchesRequiredNodeAffinity(pod, node)
    ? null
    : { reasons: [REASON_NODE_AFFINITY], unresolvable: true };
}

export function nodePorts(pod: PodToFit, node: NodeEntry): Rejection | null {
  for (const p of pod.hostPorts)
    if (portConflicts(node.usedPorts, p.hostIP, p.protocol, p.port))
      return { reasons: [REASON_NODE_PORTS], unresolvable: false };
  return null;
}

const FIXED_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'] as const;

/**
 * fitsRequest: the pod count first, then cpu, memory, ephemeral-storage, then scalar
 * resources (extended, hugepages; in name order: Go walks a map, the summary sorts anyway).
 */
export function nodeResourcesFit(pod: PodToFit, node: NodeEntry): Rejection | null {
  const reasons: string[] = [];
  if (node.pods.length + 1 > (node.allocatable.get('pods') ?? 0))
    reasons.push(REASON_TOO_MANY_PODS);
  let any = false;
  for (const [name] of pod.requests) if (name !== 'pods') any = true;
  if (any) {
    for (const name of FIXED_RESOURCES) {
      const want = pod.requests.get(name) ?? 0;
      if (want > 0 && want > (node.allocatable.get(name) ?? 0) - (node.requested.get(name) ?? 0))
        reasons.push(`Insufficient ${name}`);
    }
    const scalars = [...pod.requests.keys()]
      .filter((n) => n !== 'pods' && n !== 'cpu' && n !== 'memory' && n !== 'ephemeral-storage')
      .sort();
    for (const name of scalars) {
      const want = pod.requests.get(name)!;
      if (want === 0) continue;
      if (want > (node.allocatable.get(name) ?? 0) - (node.requested.get(name) ?? 0))
        reasons.push(`Insufficient ${name}`);
    }
  }
  return reasons.length === 0 ? null : { reasons, unresolvable: false };
}
