import { describe, expect, it } from 'vitest';
import {
  daemonSetRow,
  deploymentRow,
  progressText,
  revisionOf,
  revisionRef,
  statefulSetRow,
  strategyText,
} from './rollout-row';

describe('rollout rows', () => {
  it('a Deployment mid-rollout: counts, old vs new, revision from its annotation', () => {
    const row = deploymentRow({
      metadata: {
        uid: 'u1',
        name: 'web',
        namespace: 'team-a',
        generation: 4,
        creationTimestamp: '2026-12-01T00:00:00Z',
        annotations: { 'deployment.kubernetes.io/revision': '4' },
      },
      spec: {
        replicas: 5,
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
        },
      },
      status: {
        observedGeneration: 4,
        replicas: 6,
        updatedReplicas: 3,
        readyReplicas: 4,
        availableReplicas: 4,
      },
    });
    expect(row).toMatchObject({
      kind: 'Deployment',
      desired: 5,
      updated: 3,
      ready: 4,
      available: 4,
      old: 3,
      revision: 4,
      paused: false,
      created: '2026-12-01T00:00:00Z',
      status: {
        kind: 'progressing',
        message:
          'Waiting for deployment "web" rollout to finish: 3 out of 5 new replicas have been updated...',
      },
    });
    expect(progressText(row)).toBe('3 of 5 updated, 4 ready, 4 available, 3 old');
    expect(strategyText(row.strategy)).toBe('maxSurge 25% (2 pods), maxUnavailable 25% (1 pod)');
  });

  it('a StatefulSet takes its revision number from the ControllerRevision named by updateRevision', () => {
    const row = statefulSetRow({
      metadata: { uid: 's1', name: 'db', namespace: 'team-a', generation: 2 },
      spec: {
        replicas: 3,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } },
      },
      status: {
        observedGeneration: 2,
        replicas: 3,
        readyReplicas: 3,
        updatedReplicas: 2,
        updateRevision: 'db-bbb',
      },
    });
    expect(row.revision).toBeNull();
    expect(row.old).toBe(1);
    expect(strategyText(row.strategy)).toBe('partition 1');
    const revisions = [
      {
        metadata: { uid: 'r1', name: 'db-aaa', ownerReferences: [{ uid: 's1', controller: true }] },
        revision: 1,
      },
      {
        metadata: { uid: 'r2', name: 'db-bbb', ownerReferences: [{ uid: 's1', controller: true }] },
        revision: 2,
      },
      {
        metadata: { uid: 'r3', name: 'db-ccc', ownerReferences: [{ uid: 's1', controller: true }] },
        revision: 3,
      },
    ].map(revisionRef);
    expect(revisions[0]).toEqual({ uid: 'r1', name: 'db-aaa', owner: 's1', revision: 1 });
    expect(revisionOf(row, revisions)).toBe(2);
  });

  it('a DaemonSet counts nodes; its revision is its highest ControllerRevision', () => {
    const row = daemonSetRow({
      metadata: { uid: 'd1', name: 'agent', namespace: 'team-b', generation: 3 },
      spec: {
        updateStrategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
        },
      },
      status: {
        observedGeneration: 3,
        desiredNumberScheduled: 5,
        currentNumberScheduled: 5,
        updatedNumberScheduled: 2,
        numberReady: 4,
        numberAvailable: 4,
      },
    });
    expect(row).toMatchObject({ desired: 5, updated: 2, old: 3, ready: 4, available: 4 });
    expect(strategyText(row.strategy)).toBe('maxSurge 0 pods (0%), maxUnavailable 1 pod (20%)');
    expect(
      revisionOf(row, [
        { uid: 'a', name: 'a', owner: 'd1', revision: 3 },
        { uid: 'b', name: 'b', owner: 'd1', revision: 5 },
      ]),
    ).toBe(5);
    expect(revisionOf(row, [])).toBeNull();
  });

  it('hostile text is bounded', () => {
    const row = deploymentRow({
      metadata: { uid: 'u', name: 'x'.repeat(5000), generation: 1 },
      spec: { replicas: 1, strategy: { rollingUpdate: { maxSurge: 'y'.repeat(5000) } } },
      status: { observedGeneration: 1 },
    });
    expect(row.status.message.length).toBeLessThan(300);
    expect(row.strategy.invalid!.length).toBeLessThan(300);
  });
});
