/**
 * The rollouts feature's contract, in two parts:
 * - rollout status: the live Rollouts table, one row per Deployment, StatefulSet and
 *   DaemonSet with kubectl's `rollout status` message;
 * - history and actions: the detail panel's Rollout and History tabs (history, diff,
 *   rollback by server-side dry run, restart, pause/resume, partition).
 */
import { z } from 'zod';
import { rolloutKindIds } from './values';
import type { ScopeStatus } from './resources';
import { objectUid } from './resources';
import type { RolloutRow } from '../rollouts/rollout-row';
import { contextName, namespaceChoice, namespaceName, objectName, request, stream } from './define';

export type { RolloutRow } from '../rollouts/rollout-row';

// --- rollout status: the Rollouts view -------------------------------------------------

/** The kinds of list+watch behind the Rollouts table; a status names the one it is about. */
export const rolloutResources = [
  'deployments',
  'statefulsets',
  'daemonsets',
  'controllerrevisions',
] as const;
export type RolloutResource = (typeof rolloutResources)[number];

export type RolloutStreamEvent =
  | { type: 'upsert'; rows: RolloutRow[] }
  | { type: 'delete'; uids: string[] }
  /**
   * The state of one list+watch: `scope` is the namespace ('' for all namespaces),
   * `resource` what is listed there (a viewer may list Deployments but not StatefulSets).
   */
  | { type: 'status'; scope: string; resource: RolloutResource; status: ScopeStatus };

export const rolloutStatusChannels = {
  /**
   * Live rows of every Deployment, StatefulSet and DaemonSet in the chosen namespaces, with
   * the strategy resolved and kubectl's rollout status; diffs coalesced by uid while the
   * renderer is behind.
   */
  'rollouts.watch': stream<RolloutStreamEvent>()(
    z.object({ context: contextName, namespaces: namespaceChoice }).strict(),
  ),
} as const;

// ==========================================================================================
// ===== history and actions (branch rollout-history) =======================================
// ==========================================================================================

export { rolloutKindIds };
export const rolloutKind = z.enum(rolloutKindIds, {
  error: `must be a kind with a rollout (${rolloutKindIds.join(', ')})`,
});
export type RolloutKind = z.infer<typeof rolloutKind>;

/** A revision number as the controllers write it (an int64; bounded here to a safe integer). */
export const revisionNumber = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const workloadRef = {
  context: contextName,
  kind: rolloutKind,
  namespace: namespaceName,
  name: objectName,
};

/** One row of `kubectl rollout history`, with what Pilothouse adds (images, age, pods). */
export interface RevisionRow {
  revision: number;
  /** kubernetes.io/change-cause, cut to MAX_CHANGE_CAUSE_CHARS; '' when absent (kubectl: <none>). */
  changeCause: string;
  /** The ReplicaSet or ControllerRevision that holds the revision. */
  source: string;
  /** The pod template's container images, init containers first (at most 32). */
  images: string[];
  /** creationTimestamp of the ReplicaSet or ControllerRevision (RFC 3339). */
  created: string;
  /** Pods currently on this revision (live, from the pod watch). */
  pods: number;
  /** The highest revision: the one the workload's template is on. */
  current: boolean;
}

export interface RolloutHistory {
  /** uid of the workload the history belongs to (rollback and actions send it back). */
  uid: string;
  /** Ascending by revision, as kubectl prints it. */
  revisions: RevisionRow[];
}

export type RolloutHistoryEvent =
  | { type: 'history'; history: RolloutHistory }
  /** The workload is not (or no longer) there. */
  | { type: 'missing'; message: string }
  /** A watch behind the history is forbidden or reconnecting; the message says which. */
  | { type: 'problem'; message: string };

/** One side of a diff: a revision, or the workload's live template. */
export const diffSide = z.union([revisionNumber, z.literal('live')]);
export type DiffSide = z.infer<typeof diffSide>;

export interface TemplateDiff {
  /** The two sides' labels ("revision 2", "live"). */
  from: string;
  to: string;
  /** A unified diff of the two pod templates as YAML; '' when they are identical. */
  patch: string;
  /** True when the patch was cut at MAX_DIFF_CHARS. */
  truncated: boolean;
}

/** What a rollback to revision N will do, found with a server-side dry run of the same request. */
export interface RollbackPreview {
  /** 'skip': the live template already matches (kubectl's "skipped rollback"). */
  outcome: 'rollback' | 'skip';
  /** kubectl's words: "skipped rollback (current template already matches revision N)". */
  message: string;
  /** Live template → the template the dry run answered with. */
  diff: TemplateDiff;
  /** The workload's uid the preview was made on: the rollback sends it back. */
  uid: string;
}

export interface ActionOutcome {
  /** kubectl's words: "rolled back", "skipped rollback (…)", "restarted", "paused", … */
  message: string;
}

const withUid = { ...workloadRef, uid: objectUid };

export const rolloutHistoryChannels = {
  /** Live revision history of one workload (ReplicaSets or ControllerRevisions, and pods). */
  'rollout.history': stream<RolloutHistoryEvent>()(z.object(workloadRef).strict()),
  /** A unified diff of the pod templates of two revisions, or of a revision and the live one. */
  'rollout.diff': request<TemplateDiff>()(
    z.object({ ...workloadRef, from: diffSide, to: diffSide }).strict(),
  ),
  /** The diff a rollback to `revision` would apply: a server-side dry run (dryRun=All). */
  'rollout.rollbackPreview': request<RollbackPreview>()(
    z.object({ ...workloadRef, revision: revisionNumber }).strict(),
  ),
  /**
   * `kubectl rollout undo --to-revision=N`, the same request; refused when the workload's
   * uid is no longer `uid` (replaced since the user looked) or a Deployment is paused.
   */
  'rollout.rollback': request<ActionOutcome>()(
    z.object({ ...withUid, revision: revisionNumber }).strict(),
  ),
  /** `kubectl rollout restart`: the kubectl.kubernetes.io/restartedAt template annotation. */
  'rollout.restart': request<ActionOutcome>()(z.object(withUid).strict()),
  /** `kubectl rollout pause` (Deployments only). */
  'rollout.pause': request<ActionOutcome>()(
    z.object({ ...withUid, kind: z.literal('deployments') }).strict(),
  ),
  /** `kubectl rollout resume` (Deployments only). */
  'rollout.resume': request<ActionOutcome>()(
    z.object({ ...withUid, kind: z.literal('deployments') }).strict(),
  ),
  /** Sets a RollingUpdate StatefulSet's partition (a staged rollout). */
  'rollout.partition': request<ActionOutcome>()(
    z
      .object({
        ...withUid,
        kind: z.literal('statefulsets'),
        partition: z.number().int().min(0).max(2_147_483_647),
      })
      .strict(),
  ),
} as const;

// --- the feature's channels ------------------------------------------------------------

export const rolloutChannels = {
  ...rolloutStatusChannels,
  ...rolloutHistoryChannels,
} as const;
