/**
 * InterPodAffinity's PreFilter state and Filter (kube-scheduler v1.33
 * plugins/interpodaffinity/filtering.go), per topology pair (key, value):
 * - existing pods' required anti-affinity: every term of a bound pod that matches the
 *   incoming pod (namespaceSelector read against the incoming pod's namespace labels)
 *   counts on the bound pod's node's (topologyKey, value);
 * - the incoming pod's required affinity: bound pods matching ALL its terms count on their
 *   node's pair for every term; a node passes when every term's pair has a count, or
 *   (the first pod of a group) no pair has any count and the pod matches all its own terms;
 * - the incoming pod's required anti-affinity: bound pods matching a term count per term.
 * The incoming pod's namespaceSelector terms become the list of namespaces they select
 * (mergeAffinityTermNamespacesIfNotEmpty); an empty selector ({}) selects every namespace.
 */
import { affinityTermMatches, type AffinityTerm } from './model';
import type { Rejection } from './node-filters';
import type { PodToFit } from './pod-to-fit';
import { NOTHING, selectorIsEmpty, selectorMatches } from './selectors';
import { labelValue } from './selectors';
import type { NodeEntry, Snapshot } from './snapshot';

export const REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const REASON_EXISTING_ANTI_AFFINITY =
  "node(s) didn't satisfy existing pods anti-affinity rules";

export interface InterPodAffinityState {
  existingAnti: Map<string, Map<string, number>>;
  affinity: Map<string, Map<string, number>>;
  affinityTotal: number;
  anti: Map<string, Map<string, number>>;
  required: AffinityTerm[];
  requiredAnti: AffinityTerm[];
  /** The pod matches all its own required affinity terms (first pod of a group). */
  selfMatchesAll: boolean;
}

function bump(m: Map<string, Map<string, number>>, key: string, value: string, by: number): void {
  let inner = m.get(key);
  if (!inner) m.set(key, (inner = new Map()));
  inner.set(value, (inner.get(value) ?? 0) + by);
}

/** The incoming pod's term with its namespaceSelector resolved to namespace names. */
export function resolveNamespaces(term: AffinityTerm, snapshot: Snapshot): AffinityTerm {
  if (selectorIsEmpty(term.namespaceSelector) || term.namespaceSelector.requirements === null)
    return term;
  const namespaces = new Set(term.namespaces);
  for (const [name, labels] of snapshot.namespaceLabels ?? [])
    if (selectorMatches(term.namespaceSelector, labels)) namespaces.add(name);
  return { ...term, namespaces, namespaceSelector: NOTHING };
}

/** The state, or null for the PreFilter's Skip (nothing to check for this pod). */
export function interPodAffinityState(
  pod: PodToFit,
  snapshot: Snapshot,
): InterPodAffinityState | null {
  const required = pod.affinity.required.map((t) => resolveNamespaces(t, snapshot));
  const requiredAnti = pod.affinity.requiredAnti.map((t) => resolveNamespaces(t, snapshot));
  const nsLabels = snapshot.namespaceLabels?.get(pod.namespace);

  const existingAnti = new Map<string, Map<string, number>>();
  for (const node of snapshot.nodesWithRequiredAnti)
    for (const existing of node.podsWithRequiredAnti)
      for (const term of existing.requiredAnti) {
        if (!affinityTermMatches(term, pod.namespace, pod.labels, nsLabels)) continue;
        const value = labelValue(node.labels, term.topologyKey);
        if (value !== undefined) bump(existingAnti, term.topologyKey, value, 1);
      }

  const affinity = new Map<string, Map<string, number>>();
  const anti = new Map<string, Map<string, number>>();
  let affinityTotal = 0;
  if (required.length > 0 || requiredAnti.length > 0) {
    for (const node of snapshot.nodes)
      for (const existing of node.pods) {
        if (
          required.length > 0 &&
          required.every((t) =>
            affinityTermMatches(t, existing.namespace, existing.labels, undefined),
          )
        )
          for (const t of required) {
            const value = labelValue(node.labels, t.topologyKey);
            if (value !== undefined) {
              bump(affinity, t.topologyKey, value, 1);
              affinityTotal++;
            }
          }
        for (const t of requiredAnti) {
          if (!affinityTermMatches(t, existing.namespace, existing.labels, undefined)) continue;
          const value = labelValue(node.labels, t.topologyKey);
          if (value !== undefined) bump(anti, t.topologyKey, value, 1);
        }
      }
  }
  if (existingAnti.size === 0 && required.length === 0 && requiredAnti.length === 0) return null;
  const selfMatchesAll =
    required.length > 0 &&
    required.every((t) => affinityTermMatches(t, pod.namespace, pod.labels, undefined));
  return { existingAnti, affinity, affinityTotal, anti, required, requiredAnti, selfMatchesAll };
}

const count = (m: Map<string, Map<string, number>>, key: string, value: string): number =>
  m.get(key)?.get(value) ?? 0;

export function interPodAffinity(state: InterPodAffinityState, node: NodeEntry): Rejection | null {
  // satisfyPodAffinity
  let podsExist = true;
  for (const t of state.required) {
    const value = labelValue(node.labels, t.topologyKey);
    if (value === undefined) return { reasons: [REASON_AFFINITY], unresolvable: true };
    if (count(state.affinity, t.topologyKey, value) <= 0) podsExist = false;
  }
  if (!podsExist && !(state.affinityTotal === 0 && state.selfMatchesAll))
    return { reasons: [REASON_AFFINITY], unresolvable: true };
  // satisfyPodAntiAffinity
  if (state.anti.size > 0)
    for (const t of state.requiredAnti) {
      const value = labelValue(node.labels, t.topologyKey);
      if (value !== undefined && count(state.anti, t.topologyKey, value) > 0)
        return { reasons: [REASON_ANTI_AFFINITY], unresolvable: false };
    }
  // satisfyExistingPodsAntiAffinity: any of the node's label pairs
  if (state.existingAnti.size > 0)
    for (const key in node.labels)
      if (count(state.existingAnti, key, labelValue(node.labels, key)!) > 0)
        return { reasons: [REASON_EXISTING_ANTI_AFFINITY], unresolvable: false };
  return null;
}
