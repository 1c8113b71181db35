import {
  asArray,
  asRecord,
  type ConditionLike,
  type KubeObject,
} from '../../../../shared/kube/object-types';

/**
 * What the Rollout tab reads from the object: strategy and the replica counts. Pure.
 *
 * TODO-merge: the status line is a stand-in built from conditions and counts. At merge
 * the lead replaces `interimStatus` with the kubectl-equivalent message of
 * shared/rollouts/status.ts (branch rollout-status), called on the same object.
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

/** TODO-merge: replaced by shared/rollouts/status.ts's kubectl message. */
export function interimStatus(kind: string, object: KubeObject): string {
  const spec = asRecord(object.spec);
  const status = asRecord(object.status);
  if (kind === 'deployments' && spec['paused'] === true) return 'Paused';
  const progressing = asArray<ConditionLike>(status['conditions']).find(
    (c) => c.type === 'Progressing',
  );
  if (progressing?.reason === 'ProgressDeadlineExceeded') return 'Progress deadline exceeded';
  const counts = Object.fromEntries(replicaCounts(kind, object));
  return counts['Updated'] === counts['Desired'] && counts['Available'] === counts['Desired']
    ? 'Up to date'
    : `Rolling: ${counts['Updated']} of ${counts['Desired']} updated, ${counts['Available']} available`;
}
