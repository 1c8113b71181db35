/**
 * `kubectl rollout restart`, `pause` and `resume`, and a StatefulSet's partition, as the
 * same strategic-merge patches kubectl sends (polymorphichelpers objectrestarter.go,
 * objectpauser.go, objectresumer.go; cmd/rollout computes the two-way patch, which for
 * these edits is exactly the one field). Each first reads the object: a uid other than the
 * one the user saw is refused (replaced since), and kubectl's own refusals apply (restart
 * of a paused Deployment, pause of a paused one). The call's AbortSignal reaches the request.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { ActionOutcome, RolloutKind } from '../../shared/contract/rollouts';
import { PilotError } from '../../shared/contract/errors';
import { asRecord, type KubeObject } from '../../shared/kube/object-types';
import { kindById } from '../../shared/kube/kinds';
import { kubeJson } from '../platform/http';
import { objectPath } from '../platform/api-paths';
import { rolloutFailure } from './errors';
import { describeWorkload, getWorkload } from './history';

export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';
/** kubectl's field manager for `rollout` patches, so managedFields read the same. */
const FIELD_MANAGER = 'kubectl-rollout';

export interface ActionTarget {
  kind: RolloutKind;
  namespace: string;
  name: string;
  uid: string;
}

/** Go's time.Now().Format(time.RFC3339): seconds, 'Z' in UTC, else the local offset. */
export function rfc3339(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offset * 60_000);
  const base = local.toISOString().slice(0, 19);
  if (offset === 0) return `${base}Z`;
  const sign = offset > 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${base}${sign}${hh}:${mm}`;
}

/** The patch `kubectl rollout restart` sends, or kubectl's refusal. */
export function restartPatch(kind: RolloutKind, object: KubeObject, now: Date): object {
  const spec = asRecord(object.spec);
  if (kind === 'deployments' && spec['paused'] === true) {
    throw new PilotError('Invalid', "can't restart paused deployment (run rollout resume first)");
  }
  const stamp = rfc3339(now);
  const annotations = asRecord(asRecord(asRecord(spec['template'])['metadata'])['annotations']);
  if (annotations[RESTARTED_AT_ANNOTATION] === stamp) {
    throw new PilotError(
      'Invalid',
      `failed to create patch for ${object.metadata?.name ?? ''}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
    );
  }
  return {
    spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: stamp } } } },
  };
}

/** The patch of `kubectl rollout pause` (paused: true) or `resume` (false), or null when there is nothing to do. */
export function pausePatch(object: KubeObject, paused: boolean): object {
  const now = asRecord(object.spec)['paused'] === true;
  if (now === paused) {
    throw new PilotError(
      'Invalid',
      `deployments.apps "${object.metadata?.name ?? ''}" ${paused ? 'is already paused' : 'is not paused'}`,
    );
  }
  // kubectl's two-way merge patch: false is the zero value, which the encoder omits, so
  // resuming sends null (remove the field); the server reads both as not paused.
  return { spec: { paused: paused ? true : null } };
}

/** The partition patch of a RollingUpdate StatefulSet. */
export function partitionPatch(object: KubeObject, partition: number): object {
  const strategy = asRecord(asRecord(object.spec)['updateStrategy']);
  if ((strategy['type'] ?? 'RollingUpdate') !== 'RollingUpdate') {
    throw new PilotError(
      'Invalid',
      `StatefulSet "${object.metadata?.name ?? ''}" uses the ${String(strategy['type'])} update strategy; only RollingUpdate has a partition`,
    );
  }
  return { spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } } } };
}

async function act(
  kc: KubeConfig,
  target: ActionTarget,
  verb: string,
  build: (object: KubeObject) => object,
  done: string,
  signal: AbortSignal,
): Promise<ActionOutcome> {
  const what = describeWorkload(target.kind, target.namespace, target.name);
  try {
    const object = await getWorkload(kc, target.kind, target.namespace, target.name, signal);
    if (object.metadata?.uid !== target.uid) {
      throw new PilotError(
        'Conflict',
        `${what} was replaced since you opened it (same name, another object); nothing was done`,
      );
    }
    const patch = build(object);
    signal.throwIfAborted();
    await kubeJson(
      kc,
      objectPath(kindById.get(target.kind)!, target.namespace, target.name),
      { fieldManager: FIELD_MANAGER },
      {
        method: 'PATCH',
        contentType: 'application/strategic-merge-patch+json',
        body: JSON.stringify(patch),
        signal,
      },
    );
    return { message: done };
  } catch (error) {
    throw rolloutFailure(error, signal, `${verb} ${what}`);
  }
}

export const restart = (kc: KubeConfig, t: ActionTarget, signal: AbortSignal) =>
  act(kc, t, 'restart', (o) => restartPatch(t.kind, o, new Date()), 'restarted', signal);

export const pause = (kc: KubeConfig, t: ActionTarget, signal: AbortSignal) =>
  act(kc, t, 'pause', (o) => pausePatch(o, true), 'paused', signal);

export const resume = (kc: KubeConfig, t: ActionTarget, signal: AbortSignal) =>
  act(kc, t, 'resume', (o) => pausePatch(o, false), 'resumed', signal);

export const setPartition = (
  kc: KubeConfig,
  t: ActionTarget,
  partition: number,
  signal: AbortSignal,
) =>
  act(
    kc,
    t,
    'set the partition of',
    (o) => partitionPatch(o, partition),
    `partition set to ${partition}`,
    signal,
  );
