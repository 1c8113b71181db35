import {
  daemonSetStatus,
  deploymentStatus,
  statefulSetStatus,
} from '../../../../shared/rollouts/rollout-status';
import { asRecord, type KubeObject } from '../../../../shared/kube/object-types';

/**
 * What the Rollout tab reads from the object: the status line, the strategy and the
 * replica counts. Pure.
 */
export function strategyFacts(kind: string, object: KubeObject): [string, string][] {
  const spec = asRecord(object.spec);
  if (kind === 'deployments') {
    const s = asRecord(spec['strategy']);
    const type = typeof s['type'] === 'string' ? s['type'] : 'RollingUpdate';
    const ru = asRecord(s['rollingUpdate']);
    return type === 'RollingUpdate'
      ? [
          ['Strategy', type],
          ['Max surge', String(ru['maxSurge'] ?? '25%')],
          ['Max unavailable', String(ru['maxUnavailable'] ?? '25%')],
        ]
      : [['Strategy', type]];
  }
  const s = asRecord(spec['updateStrategy']);
  const type = typeof s['type'] === 'string' ? s['type'] : 'RollingUpdate';
  const ru = asRecord(s['rollingUpdate']);
  if (type !== 'RollingUpdate') return [['Strategy', type]];
  if (kind === 'statefulsets') {
    return [
      ['Strategy', type],
      ['Partition', String(ru['partition'] ?? 0)],
      ...(ru['maxUnavailable'] !== undefined
        ? [['Max unavailable', String(ru['maxUnavailable'])] as [string, string]]
        : []),
    ];
  }
  return [
    ['Strategy', type],
    ['Max unavailable', String(ru['maxUnavailable'] ?? 1)],
    ['Max surge', String(ru['maxSurge'] ?? 0)],
  ];
}

/** Desired, updated, ready and available pods as the workload's status reports them. */
export function replicaCounts(kind: string, object: KubeObject): [string, number][] {
  const spec = asRecord(object.spec);
  const status = asRecord(object.status);
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  if (kind === 'daemonsets') {
    return [
      ['Desired', n(status['desiredNumberScheduled'])],
      ['Updated', n(status['updatedNumberScheduled'])],
      ['Ready', n(status['numberReady'])],
      ['Available', n(status['numberAvailable'])],
    ];
  }
  return [
    ['Desired', typeof spec['replicas'] === 'number' ? spec['replicas'] : 1],
    ['Updated', n(status['updatedReplicas'])],
    ['Ready', n(status['readyReplicas'])],
    ['Available', n(status['availableReplicas'])],
  ];
}

/**
 * The status line of the Rollout tab: kubectl's `rollout status` message for this object
 * (shared/rollouts/rollout-status.ts), the same as the Rollouts table's. kubectl never
 * says "paused" (a paused Deployment just waits), so that is said first.
 */
export function rolloutStatusLine(kind: string, object: KubeObject): string {
  const status =
    kind === 'deployments'
      ? deploymentStatus(object)
      : kind === 'statefulsets'
        ? statefulSetStatus(object)
        : daemonSetStatus(object);
  return status.kind === 'paused' ? `Paused. ${status.message}` : status.message;
}
