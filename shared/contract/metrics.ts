/**
 * The metrics feature's contract (issue 13): CPU and memory from metrics.k8s.io
 * (metrics-server), live for the tables and as history for the charts.
 *
 * - `metrics.watch`: live samples for a scope (a context and its namespaces): pods with
 *   their containers, nodes, workload sums, with each sample's timestamp and window, the
 *   requests/limits they are shared against, and the state of the metrics API.
 * - `metrics.history`: the series of one pod, container, node, workload or a namespace /
 *   cluster overview over the last minutes (kept in main, default 60 minutes), sent again
 *   whenever a new sample arrives.
 * - `metrics.keepHistory`: keep collecting a context's history while no view shows it.
 *
 * Units on the wire, everywhere: CPU in millicores as a number that may be fractional
 * (metrics-server reports nanocores; `kubectl top` rounds them UP to whole millicores, see
 * shared/metrics/format.ts), memory in bytes, times in milliseconds since the epoch,
 * windows in milliseconds. Samples are tuples, not objects, so 10,000 pods stay small.
 */
import { z } from 'zod';
import { workloadKindIds } from './values';
import { contextName, namespaceChoice, namespaceName, objectName, request, stream } from './define';

// --- states -----------------------------------------------------------------------------

/**
 * What the metrics API answers for one resource ('pods' or 'nodes') of a scope. The four
 * states a user sees besides 'ready' are `not-installed`, `forbidden`, `waiting` and
 * `stale`; `unavailable` follows `stale` when metrics-server stays away (its APIService is
 * registered but does not answer) and the last figures are dropped.
 */
export type MetricsState =
  /** Asked, no answer yet. */
  | { state: 'loading' }
  /** Samples are current. `sampledAt` is the newest sample's timestamp. */
  | { state: 'ready'; sampledAt: number; windowMs: number; resolutionMs: number }
  /**
   * No `metrics.k8s.io` API on this cluster. `message` says so; `install` is how to
   * install metrics-server (a command and the project's URL, plain text).
   */
  | { state: 'not-installed'; message: string; install: string }
  /** RBAC refuses; `message` is the API's own reason (verb, resource, namespace). */
  | { state: 'forbidden'; message: string }
  /**
   * The API answers but has no sample yet for this scope. `message` reads "waiting for the
   * first sample, metrics-server reports every N s"; `resolutionMs` is that N.
   */
  | { state: 'waiting'; message: string; resolutionMs: number }
  /**
   * The last sample is older than two windows (metrics-server stopped or cannot scrape).
   * The figures shown are the last ones, from `sampledAt`; `message` gives the reason
   * when the API said one.
   */
  | { state: 'stale'; message: string; sampledAt: number; windowMs: number }
  /**
   * The metrics API is registered but has not answered for a long time (metrics-server
   * stopped); the last figures are dropped. `message` is the API's reason.
   */
  | { state: 'unavailable'; message: string }
  /** Anything else (bad answer, network); `message` says what. */
  | { state: 'error'; message: string };

export type MetricsStateName = MetricsState['state'];
export type MetricsResource = 'pods' | 'nodes';

// --- samples (compact tuples) -----------------------------------------------------------

/** Requests and limits in the wire's units; `null` where none is set. */
export type ResourceFigures = [
  cpuRequest: number | null,
  memoryRequest: number | null,
  cpuLimit: number | null,
  memoryLimit: number | null,
];

/** One container of a pod sample. */
export type ContainerSample = [
  name: string,
  /** Millicores (may be fractional: nanocore precision). */
  cpu: number,
  /** Bytes. */
  memory: number,
  /** The container's own requests/limits (from the pod spec); nulls when unknown. */
  figures: ResourceFigures,
];

/**
 * One pod's sample. Pod usage is the sum of its containers (as `kubectl top pod`); the pod
 * figures are the effective requests/limits of the pod as the scheduler computes them
 * (component-helpers PodRequests/PodLimits: init containers, sidecars, overhead).
 */
export type PodSample = [
  namespace: string,
  name: string,
  /** The sample's timestamp (metrics-server's `timestamp`), ms since the epoch. */
  timestamp: number,
  /** The sample's `window` in ms. */
  window: number,
  cpu: number,
  memory: number,
  figures: ResourceFigures,
  containers: ContainerSample[],
  /** The node the pod runs on ('' when unknown). */
  node: string,
];

/** One node's sample, with what `kubectl top node` and `kubectl describe node` show next to it. */
export type NodeSample = [
  name: string,
  timestamp: number,
  window: number,
  cpu: number,
  memory: number,
  /** status.allocatable (cpu millicores, memory bytes); null when unknown. */
  allocatableCpu: number | null,
  allocatableMemory: number | null,
  /**
   * The sums over the node's non-terminated pods of their requests and limits, as
   * `kubectl describe node` "Allocated resources" computes them (PodRequests/PodLimits).
   */
  allocated: ResourceFigures,
  /** Non-terminated pods on the node counted in `allocated`. */
  pods: number,
];

export { workloadKindIds };
export const workloadKind = z.enum(workloadKindIds, {
  error: `must be a workload kind (${workloadKindIds.join(', ')})`,
});
export type WorkloadKind = z.infer<typeof workloadKind>;

/**
 * The sum over a workload's pods that have a sample (pods owned through a ReplicaSet count
 * for its Deployment, Job pods for their CronJob, too).
 */
export type WorkloadSample = [
  kind: WorkloadKind,
  namespace: string,
  name: string,
  /** The newest timestamp among the summed pods. */
  timestamp: number,
  cpu: number,
  memory: number,
  /** Summed pod requests/limits (null when no summed pod sets one). */
  figures: ResourceFigures,
  /** Pods summed. */
  pods: number,
];

export type MetricsStreamEvent =
  /**
   * Pods with a new sample since the last event (all of them in the first one), and pods
   * whose samples are gone (`namespace/name`).
   */
  | { type: 'pods'; samples: PodSample[]; gone: string[] }
  /** Nodes with a new sample or new allocated sums; nodes gone. */
  | { type: 'nodes'; samples: NodeSample[]; gone: string[] }
  /** Workloads whose sum changed; workloads gone (`kind/namespace/name`). */
  | { type: 'workloads'; samples: WorkloadSample[]; gone: string[] }
  /** The state of one resource's metrics in one scope ('' = all namespaces / cluster). */
  | { type: 'state'; resource: MetricsResource; scope: string; state: MetricsState };

export const metricsInclude = z.enum(['pods', 'nodes', 'workloads']);
export type MetricsInclude = z.infer<typeof metricsInclude>;

export const metricsWatchInput = z
  .object({
    context: contextName,
    /** The pods' (and workloads') namespaces; nodes are cluster-wide. */
    namespaces: namespaceChoice,
    include: z.array(metricsInclude).min(1).max(3),
  })
  .strict();
export type MetricsWatchInput = z.infer<typeof metricsWatchInput>;

// --- history ------------------------------------------------------------------------------

/** What a history is of. */
export const historyTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pod'), namespace: namespaceName, name: objectName }).strict(),
  z
    .object({
      kind: z.literal('container'),
      namespace: namespaceName,
      pod: objectName,
      container: objectName,
    })
    .strict(),
  z.object({ kind: z.literal('node'), name: objectName }).strict(),
  z
    .object({
      kind: z.literal('workload'),
      workloadKind,
      namespace: namespaceName,
      name: objectName,
    })
    .strict(),
  /** A namespace or cluster overview: top consumers and usage against requests. */
  z.object({ kind: z.literal('overview'), namespaces: namespaceChoice }).strict(),
]);
export type HistoryTarget = z.infer<typeof historyTarget>;

/** Minutes of history kept by default, and at most. */
export const HISTORY_MINUTES = 60;

/**
 * One series on the history's time axis: values per time, `null` where there is no sample
 * (a gap: metrics-server away, the pod not yet started or restarted).
 */
export interface Series {
  /** Container name, pod name (workload), `namespace/name` (overview), or 'node' / 'total'. */
  id: string;
  cpu: (number | null)[];
  memory: (number | null)[];
}

/** Reference lines: per series (a container's requests/limits) or for the whole chart. */
export interface HistoryReferences {
  /** Requests/limits of the pod (pod target), the sum (workload, overview). */
  figures: ResourceFigures | null;
  /** Per container (pod and container targets): id -> its requests/limits. */
  perSeries: [id: string, figures: ResourceFigures][];
  /** Node target: allocatable cpu (millicores) and memory (bytes). */
  allocatable: [cpu: number | null, memory: number | null] | null;
  /** Node target: the sums of requests/limits of its pods (`kubectl describe node`). */
  allocated: ResourceFigures | null;
}

export interface MetricsHistory {
  target: HistoryTarget;
  /** The shared time axis, ascending, ms since the epoch (each pod's own sample times). */
  times: number[];
  series: Series[];
  /**
   * Overview only: the top consumers are series of their own (at most
   * MAX_OVERVIEW_SERIES by CPU), the remainder summed in a series with id 'other'.
   */
  references: HistoryReferences;
  /** The window of the newest sample (ms), 0 when there is none. */
  windowMs: number;
  /** The resolution metrics-server reports at (ms between samples). */
  resolutionMs: number;
}

export const MAX_OVERVIEW_SERIES = 10;

export type MetricsHistoryEvent =
  /** The whole history of the target, again each time a sample arrives (a few KiB). */
  | { type: 'history'; history: MetricsHistory }
  /** The metrics state for the target's resource (pods or nodes). */
  | { type: 'state'; resource: MetricsResource; state: MetricsState };

export const metricsHistoryInput = z
  .object({
    context: contextName,
    target: historyTarget,
    minutes: z.number().int().min(1).max(HISTORY_MINUTES).optional(),
  })
  .strict();
export type MetricsHistoryInput = z.infer<typeof metricsHistoryInput>;

export interface KeepHistoryOutcome {
  /** Whether the context's history is now kept without a view showing it. */
  keeping: boolean;
}

// --- the feature's channels ---------------------------------------------------------------

export const metricsChannels = {
  /**
   * Live samples of a scope. One poller per (context, scope) in main, shared and
   * reference-counted, polling at the server's resolution only while subscribed.
   */
  'metrics.watch': stream<MetricsStreamEvent>()(metricsWatchInput),
  /** The history of one target, re-sent whenever a new sample arrives. */
  'metrics.history': stream<MetricsHistoryEvent>()(metricsHistoryInput),
  /** Keep (or stop keeping) a context's whole history while no view shows metrics. */
  'metrics.keepHistory': request<KeepHistoryOutcome>()(
    z.object({ context: contextName, keep: z.boolean() }).strict(),
  ),
} as const;
