/**
 * The fit engine's input and output: "would the default kube-scheduler profile (v1.33)
 * accept this pod on each node, and if not, why" — the shapes every consumer (the fit
 * service in main/, the `pilothouse fit` CLI, the Scheduling matrix) builds on.
 * Inputs are loose KubeObject shapes (shared code cannot use client-node's classes; watch
 * caches hand over plain JSON); the engine reads them defensively.
 * Limits: one pod at a time; no nominated pods, no preemption, no extenders, no volume or
 * DRA plugins (those are reported in `cannotJudge`, never guessed).
 * Changes to this file are additive only: other parts build on it.
 */
import type { KubeObject } from '../kube/object-types';

/**
 * kube-scheduler's Filter plugins of the default profile that the engine runs, in the
 * profile's order (pkg/scheduler/apis/config/v1/default_plugins.go). The volume plugins
 * (VolumeRestrictions, NodeVolumeLimits, VolumeBinding, VolumeZone) sit between
 * NodeResourcesFit and PodTopologySpread in the real profile; the engine does not run them.
 */
export const FILTER_ORDER = [
  'NodeUnschedulable',
  'NodeName',
  'TaintToleration',
  'NodeAffinity',
  'NodePorts',
  'NodeResourcesFit',
  'PodTopologySpread',
  'InterPodAffinity',
] as const;

export type FilterName = (typeof FILTER_ORDER)[number];

/** Score plugins whose per-term preference the engine reports (never a pick). */
export type PreferencePlugin = 'TaintToleration' | 'NodeAffinity' | 'InterPodAffinity';

export interface FitInput {
  /** The pod to place: a Pod object, or a pod built from a workload's template. */
  pod: KubeObject;
  /** Every node of the cluster (the scheduler's snapshot). */
  nodes: readonly KubeObject[];
  /**
   * Pods already assigned to nodes (spec.nodeName set). Terminal pods (Succeeded/Failed)
   * are ignored as the scheduler's informer ignores them; the pod itself (same uid, or
   * same namespace/name) is left out so a running pod can be re-judged.
   */
  boundPods: readonly KubeObject[];
  /** Namespaces with their labels: needed only for pod affinity namespaceSelector terms. */
  namespaces?: readonly KubeObject[];
  /** The pod's namespace when pod.metadata.namespace is empty (a template); default "default". */
  namespace?: string;
  /**
   * Judge the pod as if it were not placed yet: spec.nodeName (and a nominated node) are
   * ignored, so a running pod's matrix answers "where else could it run". The pod itself is
   * left out of the bound pods either way.
   */
  asUnscheduled?: boolean;
}

/**
 * One filter's verdict on one node:
 * - pass / fail: the filter ran;
 * - not-run: an earlier filter failed and the scheduler stops at the first failure per node
 *   (the engine still evaluates it and puts what it would say in `wouldFail`/`reasons`);
 * - skipped: the plugin's PreFilter returned Skip (nothing to check for this pod).
 */
export type FilterOutcome = 'pass' | 'fail' | 'not-run' | 'skipped';

export interface FilterResult {
  filter: FilterName;
  outcome: FilterOutcome;
  /** kube-scheduler's reason strings for a failure (empty on pass/skipped). */
  reasons: string[];
  /** For not-run cells: whether this filter would also fail the node (the matrix shows it). */
  wouldFail?: boolean;
  /** The scheduler's UnschedulableAndUnresolvable code (preemption cannot help). */
  unresolvable?: boolean;
}

export interface NodeFit {
  name: string;
  fits: boolean;
  /** The reasons the scheduler records for this node (those of the first failing filter). */
  reasons: string[];
  /** The first failing filter, as the scheduler stops there. */
  failedFilter?: FilterName | 'PreFilter';
  /** Every filter of FILTER_ORDER, in that order. */
  filters: FilterResult[];
}

/** A PreFilter rejection: the whole pod fails before any node is looked at. */
export interface PreFilterRejection {
  plugin: FilterName | string;
  message: string;
  unresolvable: boolean;
}

/** One preference term's contribution on one feasible node (raw, before normalisation). */
export interface PreferenceScore {
  plugin: PreferencePlugin;
  /** Human text of the term: "PreferNoSchedule taint team=a", "weight 20: zone In [a b]". */
  term: string;
  /** The term's weight (1 for a PreferNoSchedule taint). */
  weight: number;
  /** Whether the term matches this node (for pod terms: matching pods found in the domain). */
  matches: boolean;
  /**
   * Raw score as the plugin counts it before normalisation: TaintToleration counts
   * intolerable PreferNoSchedule taints (lower is better, shown negative), NodeAffinity
   * adds the weight when the term matches, InterPodAffinity adds weight × matching pods
   * (anti-affinity subtracts).
   */
  score: number;
}

export type CannotJudgeCode =
  | 'volumes'
  | 'dra'
  | 'scheduler-name'
  | 'scheduling-gates'
  | 'nominated-node'
  | 'invalid-spec'
  | 'namespaces-unknown'
  | 'node-name'
  | 'no-nodes';

export interface CannotJudgeNote {
  code: CannotJudgeCode;
  message: string;
}

export interface FitResult {
  /**
   * The scheduler-style line. No feasible node: exactly kube-scheduler's FitError text
   * ("0/6 nodes are available: 1 node(s) had untolerated taint {nvidia.com/gpu: present},
   * 3 Insufficient cpu."), without the preemption part. Some feasible: the same shape with
   * the feasible count ("2/6 nodes are available: ...").
   */
  summary: string;
  /** Names of the nodes that pass every filter the engine runs, in input order. */
  feasible: string[];
  /** Per node, in input order. */
  nodes: NodeFit[];
  /** Set when a PreFilter plugin rejected the pod for every node. */
  preFilter?: PreFilterRejection;
  /** What the engine cannot decide (volumes, DRA, another scheduler, gates, ...). */
  cannotJudge: CannotJudgeNote[];
  /** Per feasible node name: the preference terms' raw scores, in plugin then term order. */
  preferences: Record<string, PreferenceScore[]>;
}

/** The engine's entry point signature (implemented in ./fit.ts). */
export type FitPod = (input: FitInput) => FitResult;
