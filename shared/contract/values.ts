/**
 * The contract's plain values, without zod: the kind lists and sizes the renderer needs at
 * run time. Each feature's contract file re-exports its own and builds its schemas on them;
 * the renderer imports them from here, so zod (which only main's validation needs) stays
 * out of the renderer's first chunk (issue 15: only the shell and the current view before
 * the first view).
 */

/** The kinds a forward can target (kubectl port-forward's TYPE/NAME, apart from the beta APIs). */
export const forwardKindIds = [
  'pods',
  'services',
  'deployments',
  'statefulsets',
  'replicasets',
] as const;

/** kubectl's short names in target texts ("team-a/svc/web:80"). */
export const forwardKindShort: Record<(typeof forwardKindIds)[number], string> = {
  pods: 'pod',
  services: 'svc',
  deployments: 'deploy',
  statefulsets: 'sts',
  replicasets: 'rs',
};

/** The ring buffer size when none is given: the lines a view retains. */
export const DEFAULT_LOG_BUFFER_LINES = 100_000;

/** The workload kinds whose pods' usage the metrics feature adds up. */
export const workloadKindIds = [
  'deployments',
  'statefulsets',
  'daemonsets',
  'replicasets',
  'jobs',
  'cronjobs',
] as const;

/** The kinds that have a rollout: what `kubectl rollout` accepts (apart from the beta APIs). */
export const rolloutKindIds = ['deployments', 'statefulsets', 'daemonsets'] as const;

/** What a fit can be asked about: a pod, or the pod template of a workload. */
export const fitKindIds = ['pods', 'deployments', 'statefulsets', 'daemonsets', 'jobs'] as const;

export const taintEffects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/**
 * Bytes (JSON length of events) one stream may have emitted and not had acknowledged.
 * 8 MiB: the log stream's hold-back before credits existed; at ~40,000 lines/s (twice the
 * log benchmark) a renderer that keeps up never reaches it. (wire.ts: flow control.)
 */
export const STREAM_WINDOW_BYTES = 8 * 1024 * 1024;

/** The client acknowledges a stream once it has handled this many bytes since its last ack. */
export const ACK_EVERY_BYTES = STREAM_WINDOW_BYTES / 8;
