/**
 * One row of the Rollouts view: a Deployment, StatefulSet or DaemonSet reduced to what the
 * table shows (strategy resolved, replica counts, old vs new split, revision, kubectl's
 * status). Main projects each watched object to this before it crosses the contract;
 * StatefulSet and DaemonSet revision numbers come from their ControllerRevisions, joined
 * in main (`revision` is null until then).
 *
 * Counts come from the workload's status, as kubectl's rollout status reads them: no pod
 * watch. `old` is what still runs an older revision: pods for Deployments (status.replicas
 * - updatedReplicas: pods of the old ReplicaSets) and StatefulSets (status.replicas -
 * updatedReplicas), nodes for DaemonSets (currentNumberScheduled - updatedNumberScheduled:
 * nodes running a daemon pod but no updated one; a node surging both counts as updated).
 */
import { asNumber, asRecord, asString, type KubeObject } from '../kube/object-types';
import {
  daemonSetStatus,
  deploymentStatus,
  statefulSetStatus,
  type RolloutStatus,
} from './rollout-status';
import {
  daemonSetStrategy,
  deploymentStrategy,
  statefulSetStrategy,
  type RolloutStrategy,
} from './strategy';

export const workloadKinds = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;
export type WorkloadKind = (typeof workloadKinds)[number];

/** The annotation the Deployment controller keeps the current revision number in. */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

export interface RolloutRow {
  uid: string;
  kind: WorkloadKind;
  name: string;
  namespace: string;
  /** creationTimestamp (ISO 8601), for the Age column. */
  created?: string;
  strategy: RolloutStrategy;
  paused: boolean;
  /** Replicas wanted (DaemonSets: nodes that should run the daemon pod). */
  desired: number;
  /** On the newest revision. */
  updated: number;
  ready: number;
  available: number;
  /** Still on an older revision (see the file comment for what is counted). */
  old: number;
  /** The current revision number, as `kubectl rollout history` numbers it; null if unknown. */
  revision: number | null;
  /** StatefulSets: status.updateRevision, the ControllerRevision the join looks up. */
  updateRevision?: string;
  status: RolloutStatus;
}

const count = (value: unknown): number => asNumber(value) ?? 0;
/** Longer than any name the API accepts: a bound, not a rule. */
const MAX_TEXT = 256;
const bounded = (text: string): string =>
  text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;

function identity(object: KubeObject, kind: WorkloadKind) {
  const meta = object.metadata ?? {};
  const row = {
    uid: meta.uid ?? `${kind}/${meta.namespace}/${meta.name}`,
    kind,
    name: meta.name ?? '',
    namespace: meta.namespace ?? '',
  };
  return meta.creationTimestamp ? { ...row, created: meta.creationTimestamp } : row;
}

function boundedStatus(status: RolloutStatus): RolloutStatus {
  return { ...status, message: bounded(status.message) };
}

function boundedStrategy(strategy: RolloutStrategy): RolloutStrategy {
  const out: RolloutStrategy = { ...strategy, type: bounded(strategy.type) };
  if (strategy.maxSurge)
    out.maxSurge = { ...strategy.maxSurge, spec: bounded(strategy.maxSurge.spec) };
  if (strategy.maxUnavailable)
    out.maxUnavailable = {
      ...strategy.maxUnavailable,
      spec: bounded(strategy.maxUnavailable.spec),
    };
  if (strategy.invalid) out.invalid = bounded(strategy.invalid);
  return out;
}

export function deploymentRow(object: KubeObject): RolloutRow {
  const spec = asRecord(object.spec);
  const st = asRecord(object.status);
  const desired = asNumber(spec['replicas']) ?? 1;
  const updated = count(st['updatedReplicas']);
  const revision = Number(object.metadata?.annotations?.[REVISION_ANNOTATION]);
  return {
    ...identity(object, 'Deployment'),
    strategy: boundedStrategy(deploymentStrategy(spec, desired)),
    paused: spec['paused'] === true,
    desired,
    updated,
    ready: count(st['readyReplicas']),
    available: count(st['availableReplicas']),
    old: Math.max(0, count(st['replicas']) - updated),
    revision: Number.isSafeInteger(revision) && revision > 0 ? revision : null,
    status: boundedStatus(deploymentStatus(object)),
  };
}

export function statefulSetRow(object: KubeObject): RolloutRow {
  const spec = asRecord(object.spec);
  const st = asRecord(object.status);
  const desired = asNumber(spec['replicas']) ?? 1;
  const updated = count(st['updatedReplicas']);
  const row: RolloutRow = {
    ...identity(object, 'StatefulSet'),
    strategy: boundedStrategy(statefulSetStrategy(spec, desired)),
    paused: false,
    desired,
    updated,
    ready: count(st['readyReplicas']),
    available: count(st['availableReplicas']),
    old: Math.max(0, count(st['replicas']) - updated),
    revision: null,
    status: boundedStatus(statefulSetStatus(object)),
  };
  const updateRevision = asString(st['updateRevision']);
  if (updateRevision) row.updateRevision = bounded(updateRevision);
  return row;
}

export function daemonSetRow(object: KubeObject): RolloutRow {
  const spec = asRecord(object.spec);
  const st = asRecord(object.status);
  const desired = count(st['desiredNumberScheduled']);
  const updated = count(st['updatedNumberScheduled']);
  return {
    ...identity(object, 'DaemonSet'),
    strategy: boundedStrategy(daemonSetStrategy(spec, desired)),
    paused: false,
    desired,
    updated,
    ready: count(st['numberReady']),
    available: count(st['numberAvailable']),
    old: Math.max(0, count(st['currentNumberScheduled']) - updated),
    revision: null,
    status: boundedStatus(daemonSetStatus(object)),
  };
}

/** A ControllerRevision as the join needs it: which workload, which number. */
export interface RevisionRef {
  uid: string;
  name: string;
  /** The controlling owner's uid (a StatefulSet's or DaemonSet's). */
  owner: string | null;
  revision: number;
}

export function revisionRef(object: KubeObject): RevisionRef {
  const meta = object.metadata ?? {};
  const owner = meta.ownerReferences?.find((o) => o.controller)?.uid ?? null;
  return {
    uid: meta.uid ?? `${meta.namespace}/${meta.name}`,
    name: meta.name ?? '',
    owner,
    revision: asNumber(object['revision']) ?? 0,
  };
}

/**
 * The revision number of a StatefulSet or DaemonSet from its ControllerRevisions: the one
 * named by status.updateRevision (StatefulSets), else the highest (the DaemonSet
 * controller keeps the live template's revision the highest).
 */
export function revisionOf(row: RolloutRow, revisions: Iterable<RevisionRef>): number | null {
  let highest: number | null = null;
  for (const r of revisions) {
    if (row.updateRevision && r.name === row.updateRevision) return r.revision;
    if (highest === null || r.revision > highest) highest = r.revision;
  }
  return highest;
}

/** One line for screen readers and the filter: "3 of 5 updated, 4 ready, 4 available". */
export function progressText(
  row: Pick<RolloutRow, 'desired' | 'updated' | 'ready' | 'available' | 'old'>,
): string {
  const old = row.old > 0 ? `, ${row.old} old` : '';
  return `${row.updated} of ${row.desired} updated, ${row.ready} ready, ${row.available} available${old}`;
}

/** The status filter's words. */
export const statusWords: Record<RolloutStatus['kind'], string> = {
  complete: 'Complete',
  progressing: 'Progressing',
  paused: 'Paused',
  'deadline-exceeded': 'Deadline exceeded',
  'observed-behind': 'Not observed yet',
  unknown: 'Unknown',
};

/**
 * "maxSurge 25% (1 pod), maxUnavailable 25% (0 pods)" (a rolling update is implied by its
 * numbers), "partition 2", "Recreate", "OnDelete".
 */
export function strategyText(strategy: RolloutStrategy): string {
  const pods = (n: number) => `${n} ${n === 1 ? 'pod' : 'pods'}`;
  const value = (name: string, v: NonNullable<RolloutStrategy['maxSurge']>) =>
    v.spec.endsWith('%')
      ? `${name} ${v.spec} (${pods(v.pods)})`
      : `${name} ${pods(v.pods)}${v.percent === null ? '' : ` (${v.percent}%)`}`;
  const parts: string[] = [];
  if (strategy.maxSurge) parts.push(value('maxSurge', strategy.maxSurge));
  if (strategy.maxUnavailable) parts.push(value('maxUnavailable', strategy.maxUnavailable));
  if (strategy.partition !== undefined) parts.push(`partition ${strategy.partition}`);
  if (strategy.invalid) parts.push(`invalid: ${strategy.invalid}`);
  if (parts.length === 0) return strategy.type;
  return strategy.type === 'RollingUpdate'
    ? parts.join(', ')
    : `${strategy.type}: ${parts.join(', ')}`;
}
