/**
 * The fit engine: for every node, would kube-scheduler v1.33's default profile accept the
 * pod, and if not, why — its PreFilter and Filter plugins in the profile's order, each node
 * rejected by its FIRST failing filter (the scheduler stops there; the matrix still shows
 * what the later filters would say, as not-run cells), and the FitError line built from
 * those first failures. Pure: no Node, no DOM; one snapshot index per input.
 * Limits: see types.ts and cannot-judge.ts (volumes, DRA, nominated pods, extenders).
 */
import { asArray, asRecord, asString, type KubeObject } from '../kube/object-types';
import { cannotJudge } from './cannot-judge';
import { interPodAffinity, interPodAffinityState } from './inter-pod-affinity';
import {
  nodeAffinity,
  nodeName,
  nodePorts,
  nodeResourcesFit,
  nodeUnschedulable,
  taintToleration,
  type Rejection,
} from './node-filters';
import { readPodToFit, type PodToFit } from './pod-to-fit';
import { preferencesFor, preferenceState } from './preferences';
import { buildSnapshot, withoutPod, type NodeEntry, type Snapshot } from './snapshot';
import { summaryLine } from './summary';
import { spreadState, topologySpread } from './topology-spread';
import {
  FILTER_ORDER,
  type FilterName,
  type FilterResult,
  type FitInput,
  type FitResult,
  type NodeFit,
  type PreFilterRejection,
  type PreferenceScore,
} from './types';

export const REASON_AFFINITY_CONFLICT = 'pod affinity terms conflict';
export const DEFAULT_NAMESPACE = 'default';

/**
 * NodeAffinity's PreFilter: the node names its required terms pin with matchFields
 * metadata.name In (a term without one lets every node through); undefined = all nodes.
 */
function pinnedNodeNames(pod: PodToFit): Set<string> | undefined {
  if (!pod.requiredTermsRaw || pod.requiredTermsRaw.length === 0) return undefined;
  let union: Set<string> | undefined;
  for (const raw of pod.requiredTermsRaw) {
    let names: Set<string> | undefined;
    for (const f of asArray(asRecord(raw).matchFields)) {
      const r = asRecord(f);
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const values = new Set(asArray(r.values).filter((v): v is string => typeof v === 'string'));
      names = names ? new Set([...names].filter((n) => values.has(n))) : values;
    }
    if (!names) return undefined;
    union = union ? new Set([...union, ...names]) : names;
  }
  return union;
}

type FilterFn = (node: NodeEntry) => Rejection | null;

/** Judges one pod against a snapshot that does not hold the pod itself. */
export function fitOnSnapshot(snapshot: Snapshot, pod: PodToFit): FitResult {
  const notes = cannotJudge(pod, snapshot);
  // PreFilter, in the profile's order: NodeAffinity, NodePorts, NodeResourcesFit, (volume
  // plugins), PodTopologySpread, InterPodAffinity. null = Skip.
  const rawSelector = asRecord(pod.object.spec).nodeSelector;
  const affinitySkipped =
    pod.requiredTerms === undefined && (rawSelector === undefined || rawSelector === null);
  const pinned = affinitySkipped ? undefined : pinnedNodeNames(pod);
  let preFilter: PreFilterRejection | undefined;
  if (pinned && pinned.size === 0)
    preFilter = { plugin: 'NodeAffinity', message: REASON_AFFINITY_CONFLICT, unresolvable: true };
  const spread = spreadState(pod, snapshot);
  const ipa = interPodAffinityState(pod, snapshot);
  const skipped: Record<FilterName, boolean> = {
    NodeUnschedulable: false,
    NodeName: false,
    TaintToleration: false,
    NodeAffinity: affinitySkipped,
    NodePorts: pod.hostPorts.length === 0,
    NodeResourcesFit: false,
    PodTopologySpread: spread === null,
    InterPodAffinity: ipa === null,
  };
  const run: Record<FilterName, FilterFn> = {
    NodeUnschedulable: (n) => nodeUnschedulable(pod, n),
    NodeName: (n) => nodeName(pod, n),
    TaintToleration: (n) => taintToleration(pod, n),
    NodeAffinity: (n) => nodeAffinity(pod, n),
    NodePorts: (n) => nodePorts(pod, n),
    NodeResourcesFit: (n) => nodeResourcesFit(pod, n),
    PodTopologySpread: (n) => (spread ? topologySpread(pod, spread, n) : null),
    InterPodAffinity: (n) => (ipa ? interPodAffinity(ipa, n) : null),
  };
  const pinnedMessage = "node(s) didn't satisfy plugin(s) [NodeAffinity]";

  const nodes: NodeFit[] = [];
  const feasible: string[] = [];
  const rejected: string[][] = [];
  for (const node of snapshot.nodes) {
    let first: { filter: FilterName | 'PreFilter'; reasons: string[] } | undefined;
    if (preFilter) first = { filter: 'PreFilter', reasons: [preFilter.message] };
    else if (pinned && !pinned.has(node.name))
      first = { filter: 'PreFilter', reasons: [pinnedMessage] };
    const filters: FilterResult[] = [];
    for (const filter of FILTER_ORDER) {
      if (skipped[filter]) {
        filters.push({ filter, outcome: 'skipped', reasons: [] });
        continue;
      }
      const rejection = run[filter](node);
      if (first) {
        filters.push({
          filter,
          outcome: 'not-run',
          reasons: rejection ? rejection.reasons : [],
          wouldFail: rejection !== null,
          ...(rejection ? { unresolvable: rejection.unresolvable } : {}),
        });
      } else if (rejection) {
        first = { filter, reasons: rejection.reasons };
        filters.push({
          filter,
          outcome: 'fail',
          reasons: rejection.reasons,
          unresolvable: rejection.unresolvable,
        });
      } else filters.push({ filter, outcome: 'pass', reasons: [] });
    }
    if (first) {
      nodes.push({
        name: node.name,
        fits: false,
        reasons: first.reasons,
        failedFilter: first.filter,
        filters,
      });
      rejected.push(first.reasons);
    } else {
      nodes.push({ name: node.name, fits: true, reasons: [], filters });
      feasible.push(node.name);
    }
  }

  const preferences: Record<string, PreferenceScore[]> = {};
  if (feasible.length > 0) {
    const state = preferenceState(pod, snapshot);
    for (const name of feasible)
      preferences[name] = preferencesFor(pod, state, snapshot.byName.get(name)!);
  }
  return {
    summary: summaryLine(snapshot.nodes.length, feasible.length, rejected, preFilter?.message),
    feasible,
    nodes,
    ...(preFilter ? { preFilter } : {}),
    cannotJudge: notes,
    preferences,
  };
}

/** Reads the pod to judge (a Pod, or a Pod built from a template) in its namespace. */
export const podToFit = (pod: KubeObject, namespace?: string): PodToFit =>
  readPodToFit(pod, namespace ?? DEFAULT_NAMESPACE);

/** The pod without spec.nodeName and status.nominatedNodeName. */
function unscheduled(pod: KubeObject): KubeObject {
  const { nodeName: _nodeName, ...spec } = asRecord(pod.spec);
  const { nominatedNodeName: _nominated, ...status } = asRecord(pod.status);
  return { ...pod, spec, status };
}

/** The entry point: index the input, leave the pod itself out of the bound pods, judge. */
export function fitPod(input: FitInput): FitResult {
  const pod = podToFit(input.asUnscheduled ? unscheduled(input.pod) : input.pod, input.namespace);
  const snapshot = buildSnapshot(input.nodes, input.boundPods, input.namespaces);
  const own =
    pod.name === '' && pod.uid === ''
      ? snapshot
      : withoutPod(
          snapshot,
          pod.namespace,
          pod.name,
          pod.uid,
          asString(asRecord(input.pod.spec).nodeName),
        );
  return fitOnSnapshot(own, pod);
}
