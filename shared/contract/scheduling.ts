/**
 * The scheduling feature's contract (issue 14), in three parts:
 * - fit: "where can this pod run, and for every other node why not", for a pod by name, a
 *   workload's pod template, or an edited what-if manifest (nothing is created), answered by
 *   the pure engine (shared/scheduling/) over the nodes and bound pods of the watch caches,
 *   with the scheduler's own latest FailedScheduling message beside it for a Pending pod;
 * - the taints and labels view of the nodes;
 * - node operations: cordon, uncordon, drain (a stream with a progress list, cancelled by
 *   unsubscribing), taint add/remove with a preview of its effect. Each names the context
 *   and the node; the destructive ones carry the node's uid as the user saw it, and are
 *   refused when the node was replaced since.
 */
import { z } from 'zod';
import { fitKindIds, taintEffects } from './values';
import type { FitResult } from '../scheduling/types';
import { objectUid } from './resources';
import { contextName, namespaceName, objectName, request, stream } from './define';

export type { FitResult } from '../scheduling/types';

// --- fit ---------------------------------------------------------------------------------

export { fitKindIds };
export const fitKind = z.enum(fitKindIds, {
  error: `must be a pod or a kind with a pod template (${fitKindIds.join(', ')})`,
});
export type FitKind = z.infer<typeof fitKind>;

/** A what-if manifest (YAML or JSON) is at most this long. */
export const MAX_MANIFEST_CHARS = 256 * 1024;

/** The scheduler's own verdict on a Pending pod: its latest FailedScheduling event. */
export interface SchedulerVerdict {
  /**
   * What the scheduler said at its latest attempt, as it wrote it (the pod's PodScheduled
   * condition, else its latest FailedScheduling event; bounded to MAX_EVENT_MESSAGE_CHARS).
   */
  message: string;
  /** The message without its ` preemption: …` part: what is compared with the summary. */
  comparable: string;
  /**
   * When the API last recorded the event with this message (series.lastObservedTime,
   * lastTimestamp or eventTime, RFC 3339); '' when no event says it (yet).
   */
  at: string;
  /** How many times it was said (the event's count; 1 when the API gives none). */
  count: number;
  /** True when `comparable` is not the engine's summary line: the UI marks the difference. */
  differs: boolean;
}

/** What was judged: the pod (or the pod a workload's controller would create). */
export interface FitSubject {
  kind: FitKind | 'manifest';
  namespace: string;
  /** The pod's or workload's name ('' for a manifest without one). */
  name: string;
  /** The object's uid ('' for a manifest). */
  uid: string;
  /** 'Pending', 'Running', … for a pod; '' for a template or a manifest. */
  phase: string;
  /** The node a pod is bound to ('' when none). */
  nodeName: string;
  /** The labels of the pod judged (a template's labels for a workload). */
  labels: Record<string, string>;
  /**
   * The pod spec judged, as plain JSON: a pod's own spec, or the template turned into a pod
   * as the controller would. The what-if form edits a copy of it and sends it back as YAML.
   */
  spec: Record<string, unknown>;
}

export interface FitAnswer {
  subject: FitSubject;
  /** The engine's verdict: summary line, feasible nodes, per node per filter, scores. */
  result: FitResult;
  /** Only for a pod that is Pending and has a FailedScheduling event; null otherwise. */
  scheduler: SchedulerVerdict | null;
  /**
   * Why the data may be incomplete (a namespace whose pods could not be listed, so pod
   * affinity may be judged on fewer pods): shown beside the matrix. Empty when exact.
   */
  warnings: string[];
}

export const schedulingFitChannels = {
  /** The fit of a pod, or of a Deployment's/StatefulSet's/DaemonSet's/Job's pod template. */
  'scheduling.fit': request<FitAnswer>()(
    z
      .object({ context: contextName, kind: fitKind, namespace: namespaceName, name: objectName })
      .strict(),
  ),
  /**
   * What-if: the fit of a manifest that is not created. `manifest` is YAML (or JSON): a Pod,
   * a Deployment/StatefulSet/DaemonSet/Job/ReplicaSet/CronJob, a pod template, or a bare pod
   * spec (an object with `containers`). Its namespace, if it names one, must be `namespace`.
   */
  'scheduling.whatIf': request<FitAnswer>()(
    z
      .object({
        context: contextName,
        namespace: namespaceName,
        manifest: z.string().min(1).max(MAX_MANIFEST_CHARS),
      })
      .strict(),
  ),
} as const;

// --- the taints and labels view --------------------------------------------------------

export { taintEffects };
export const taintEffect = z.enum(taintEffects, {
  error: `must be one of ${taintEffects.join(', ')}`,
});
export type TaintEffect = z.infer<typeof taintEffect>;

/** A taint as the API holds it (timeAdded only on NoExecute taints the controllers add). */
export interface NodeTaint {
  key: string;
  value: string;
  effect: TaintEffect;
  timeAdded?: string;
}

export interface TaintedNode {
  name: string;
  uid: string;
  unschedulable: boolean;
  taints: NodeTaint[];
  /** Only the chosen label keys (absent key: the node has no such label). */
  labels: Record<string, string>;
}

/** A workload (or a pod without a controller) whose pods tolerate a taint. */
export interface ToleratingWorkload {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob' | 'ReplicaSet' | 'Pod';
  namespace: string;
  name: string;
}

export interface TaintTolerators {
  taint: NodeTaint;
  /** The nodes carrying this taint. */
  nodes: string[];
  /** At most MAX_TOLERATORS, sorted by kind, namespace, name. */
  workloads: ToleratingWorkload[];
  /** True when more workloads tolerate it than `workloads` lists. */
  truncated: boolean;
}

export interface TaintsView {
  nodes: TaintedNode[];
  /** The taint columns: every taint key in use, with the effects it is used with. */
  taintKeys: { key: string; effects: TaintEffect[] }[];
  /** The label columns chosen (the input's, or the defaults: zone, region, role, team, …). */
  labelKeys: string[];
  /** Every label key the nodes carry (at most 200), for the column chooser. */
  availableLabelKeys: string[];
  /** One entry per distinct taint (key, value, effect) on some node. */
  tolerators: TaintTolerators[];
  /** Namespaces or kinds that could not be read (RBAC), so `tolerators` may be short. */
  warnings: string[];
}

/** A label key as Kubernetes accepts it (optional DNS prefix, then a name); bounded. */
export const labelKey = z.string().min(1).max(317);
/** A taint key has the label key's syntax; value at most 63 characters. */
export const taintSpec = z
  .object({ key: labelKey, value: z.string().max(63).optional(), effect: taintEffect })
  .strict();
export type TaintSpec = z.infer<typeof taintSpec>;

export const schedulingTaintChannels = {
  /** The nodes with their taints and chosen labels, and which workloads tolerate each taint. */
  'scheduling.taints': request<TaintsView>()(
    z.object({ context: contextName, labelKeys: z.array(labelKey).max(32).optional() }).strict(),
  ),
} as const;

// --- node operations -------------------------------------------------------------------

export interface NodeActionOutcome {
  /** kubectl's words: "node/pilot-a1 cordoned", "node/pilot-a1 already uncordoned", … */
  message: string;
}

/** One pod of a drain's progress list. */
export interface DrainPod {
  namespace: string;
  name: string;
  uid: string;
  /**
   * - `pending`: not yet evicted;
   * - `evicting`: the eviction request is being sent;
   * - `blocked`: refused by a PodDisruptionBudget (HTTP 429), retried every 5 s as kubectl does;
   * - `terminating`: eviction accepted, waiting for the pod to be gone;
   * - `done`: deleted (or replaced by a pod of another uid);
   * - `failed`: the eviction failed for another reason (`message` says the API's).
   */
  state: 'pending' | 'evicting' | 'blocked' | 'terminating' | 'done' | 'failed';
  /** The API's message for `blocked` and `failed`; '' otherwise. */
  message: string;
}

/** A pod a drain leaves alone, and why (kubectl's warnings). */
export interface DrainSkipped {
  namespace: string;
  name: string;
  /** "ignoring DaemonSet-managed Pods", "mirror pod", … */
  reason: string;
}

export type DrainEvent =
  /** First: the node is cordoned and these pods will be evicted (kubectl's filters applied). */
  | { type: 'plan'; pods: DrainPod[]; skipped: DrainSkipped[]; warnings: string[] }
  /** A pod's state changed. */
  | { type: 'pod'; pod: DrainPod }
  /** Every pod is gone: "node/NAME drained". The stream ends after it. */
  | { type: 'drained'; message: string };

/** A pod a NoExecute taint will evict, and when. */
export interface EvictionPreview {
  namespace: string;
  name: string;
  uid: string;
  /** null: evicted at once (no matching toleration); else after its tolerationSeconds. */
  afterSeconds: number | null;
  /** When (RFC 3339), counted from now; '' when at once. */
  at: string;
}

export interface TaintPreview {
  /** Adding a NoExecute taint: the pods bound to the node that will be evicted, and when. */
  evicted: EvictionPreview[];
  /** Pods on the node that tolerate it indefinitely (they stay). */
  staying: number;
  /** Removing a taint: the Pending pods that the engine says become schedulable. */
  schedulable: { namespace: string; name: string; uid: string }[];
  /** A sentence for the dialog ("2 pods will be evicted, 1 of them after 30 s"). */
  summary: string;
  /** The node's uid the preview was made on: the taint call sends it back. */
  uid: string;
}

const nodeRef = { context: contextName, node: objectName };
const nodeWithUid = { ...nodeRef, uid: objectUid };
export const taintOp = z.enum(['add', 'remove'], { error: 'must be add or remove' });

export const schedulingNodeChannels = {
  /** `kubectl cordon`: spec.unschedulable=true. */
  'node.cordon': request<NodeActionOutcome>()(z.object(nodeWithUid).strict()),
  /** `kubectl uncordon`. */
  'node.uncordon': request<NodeActionOutcome>()(z.object(nodeWithUid).strict()),
  /**
   * `kubectl drain --ignore-daemonsets --delete-emptydir-data` (`force`: `--force`, also
   * evicting pods no controller manages) through the Eviction API: cordon, then evict every
   * pod kubectl would, retrying PodDisruptionBudget refusals every 5 s, waiting for each pod
   * to be gone. Unsubscribing cancels (the node stays cordoned, as after kubectl's Ctrl-C).
   */
  'node.drain': stream<DrainEvent>()(
    z.object({ ...nodeWithUid, force: z.boolean().optional() }).strict(),
  ),
  /** What adding or removing `taint` would do, before it is done. */
  'node.taintPreview': request<TaintPreview>()(
    z.object({ ...nodeRef, op: taintOp, taint: taintSpec }).strict(),
  ),
  /** `kubectl taint node NAME key[=value]:Effect[-]`. */
  'node.taint': request<NodeActionOutcome>()(
    z.object({ ...nodeWithUid, op: taintOp, taint: taintSpec }).strict(),
  ),
} as const;

// --- the feature's channels ------------------------------------------------------------

export const schedulingChannels = {
  ...schedulingFitChannels,
  ...schedulingTaintChannels,
  ...schedulingNodeChannels,
} as const;
