// kubectl's own tables (k8s.io/kubectl@v0.33.13 pkg/polymorphichelpers/rollout_status_test.go),
// case for case, with kubectl's expected messages (their trailing "\n" dropped), plus the
// cases kubectl's file does not table: the progress deadline, paused Deployments,
// StatefulSets without rollingUpdate.
import { describe, expect, it } from 'vitest';
import { daemonSetStatus, deploymentStatus, statefulSetStatus } from './rollout-status';

const deployment = (
  generation: number,
  specReplicas: number,
  status: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({
  metadata: {
    namespace: 'bar',
    name: 'foo',
    uid: '8764ae47-9092-11e4-8393-42010af018ff',
    generation,
  },
  spec: { replicas: specReplicas, ...extra },
  status,
});

describe('deployment status (TestDeploymentStatusViewerStatus)', () => {
  const cases = [
    {
      name: 'test1',
      generation: 0,
      specReplicas: 1,
      status: {
        observedGeneration: 1,
        replicas: 1,
        updatedReplicas: 0,
        availableReplicas: 1,
        unavailableReplicas: 0,
      },
      msg: 'Waiting for deployment "foo" rollout to finish: 0 out of 1 new replicas have been updated...',
      done: false,
    },
    {
      name: 'test2',
      generation: 1,
      specReplicas: 1,
      status: {
        observedGeneration: 1,
        replicas: 2,
        updatedReplicas: 1,
        availableReplicas: 2,
        unavailableReplicas: 0,
      },
      msg: 'Waiting for deployment "foo" rollout to finish: 1 old replicas are pending termination...',
      done: false,
    },
    {
      name: 'test3',
      generation: 1,
      specReplicas: 2,
      status: {
        observedGeneration: 1,
        replicas: 2,
        updatedReplicas: 2,
        availableReplicas: 1,
        unavailableReplicas: 1,
      },
      msg: 'Waiting for deployment "foo" rollout to finish: 1 of 2 updated replicas are available...',
      done: false,
    },
    {
      name: 'test4',
      generation: 1,
      specReplicas: 2,
      status: {
        observedGeneration: 1,
        replicas: 2,
        updatedReplicas: 2,
        availableReplicas: 2,
        unavailableReplicas: 0,
      },
      msg: 'deployment "foo" successfully rolled out',
      done: true,
    },
    {
      name: 'test5',
      generation: 2,
      specReplicas: 2,
      status: {
        observedGeneration: 1,
        replicas: 2,
        updatedReplicas: 2,
        availableReplicas: 2,
        unavailableReplicas: 0,
      },
      msg: 'Waiting for deployment spec update to be observed...',
      done: false,
    },
  ];
  it.each(cases)('$name: $msg', ({ generation, specReplicas, status, msg, done }) => {
    const got = deploymentStatus(deployment(generation, specReplicas, status));
    expect(got.message).toBe(msg);
    expect(got.done).toBe(done);
    expect(got.error).toBe(false);
  });

  it('classifies each answer', () => {
    const kinds = cases.map(
      (c) => deploymentStatus(deployment(c.generation, c.specReplicas, c.status)).kind,
    );
    expect(kinds).toEqual([
      'progressing',
      'progressing',
      'progressing',
      'complete',
      'observed-behind',
    ]);
  });

  it("a ProgressDeadlineExceeded condition is kubectl's error", () => {
    const got = deploymentStatus(
      deployment(3, 5, {
        observedGeneration: 3,
        replicas: 5,
        updatedReplicas: 2,
        conditions: [
          { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
          { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' },
        ],
      }),
    );
    expect(got).toEqual({
      kind: 'deadline-exceeded',
      message: 'deployment "foo" exceeded its progress deadline',
      done: false,
      error: true,
    });
  });

  it('the deadline only counts once the spec is observed', () => {
    const got = deploymentStatus(
      deployment(4, 5, {
        observedGeneration: 3,
        conditions: [{ type: 'Progressing', reason: 'ProgressDeadlineExceeded' }],
      }),
    );
    expect(got.kind).toBe('observed-behind');
  });

  it("paused keeps kubectl's message and says paused, done or not", () => {
    const waiting = deploymentStatus(
      deployment(
        2,
        3,
        { observedGeneration: 2, replicas: 3, updatedReplicas: 0, availableReplicas: 3 },
        { paused: true },
      ),
    );
    expect(waiting).toEqual({
      kind: 'paused',
      message:
        'Waiting for deployment "foo" rollout to finish: 0 out of 3 new replicas have been updated...',
      done: false,
      error: false,
    });
    const done = deploymentStatus(
      deployment(
        2,
        3,
        { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 },
        { paused: true },
      ),
    );
    expect(done).toMatchObject({
      kind: 'paused',
      message: 'deployment "foo" successfully rolled out',
      done: true,
    });
  });

  it('no spec.replicas skips the updated check, as kubectl does', () => {
    const got = deploymentStatus({
      metadata: { name: 'foo', generation: 1 },
      spec: {},
      status: { observedGeneration: 1, replicas: 0, updatedReplicas: 0 },
    });
    expect(got.message).toBe('deployment "foo" successfully rolled out');
  });
});

const daemonSet = (
  generation: number,
  status: Record<string, unknown>,
  type = 'RollingUpdate',
) => ({
  metadata: {
    namespace: 'bar',
    name: 'foo',
    uid: '8764ae47-9092-11e4-8393-42010af018ff',
    generation,
  },
  spec: { updateStrategy: { type } },
  status,
});

describe('daemon set status (TestDaemonSetStatusViewerStatus)', () => {
  it.each([
    {
      name: 'test1',
      generation: 0,
      status: {
        observedGeneration: 1,
        updatedNumberScheduled: 0,
        desiredNumberScheduled: 1,
        numberAvailable: 0,
      },
      msg: 'Waiting for daemon set "foo" rollout to finish: 0 out of 1 new pods have been updated...',
      done: false,
      kind: 'progressing',
    },
    {
      name: 'test2',
      generation: 1,
      status: {
        observedGeneration: 1,
        updatedNumberScheduled: 2,
        desiredNumberScheduled: 2,
        numberAvailable: 1,
      },
      msg: 'Waiting for daemon set "foo" rollout to finish: 1 of 2 updated pods are available...',
      done: false,
      kind: 'progressing',
    },
    {
      name: 'test3',
      generation: 1,
      status: {
        observedGeneration: 1,
        updatedNumberScheduled: 2,
        desiredNumberScheduled: 2,
        numberAvailable: 2,
      },
      msg: 'daemon set "foo" successfully rolled out',
      done: true,
      kind: 'complete',
    },
    {
      name: 'test4',
      generation: 2,
      status: {
        observedGeneration: 1,
        updatedNumberScheduled: 2,
        desiredNumberScheduled: 2,
        numberAvailable: 2,
      },
      msg: 'Waiting for daemon set spec update to be observed...',
      done: false,
      kind: 'observed-behind',
    },
  ])('$name: $msg', ({ generation, status, msg, done, kind }) => {
    const got = daemonSetStatus(daemonSet(generation, status));
    expect(got).toEqual({ kind, message: msg, done, error: false });
  });

  it("OnDelete is kubectl's error (TestDaemonSetStatusViewerStatusWithWrongUpdateStrategyType)", () => {
    const got = daemonSetStatus(daemonSet(0, {}, 'OnDelete'));
    expect(got).toEqual({
      kind: 'unknown',
      message: 'rollout status is only available for RollingUpdate strategy type',
      done: true,
      error: true,
    });
  });
});

/** kubectl's newStatefulSet(3), with the case's strategy, status and generation. */
const statefulSet = (
  generation: number,
  strategy: Record<string, unknown>,
  status: Record<string, unknown>,
) => ({
  metadata: { name: 'foo', namespace: 'default', labels: { a: 'b' }, generation },
  spec: { podManagementPolicy: 'OrderedReady', replicas: 3, updateStrategy: strategy },
  status,
});

describe('stateful set status (TestStatefulSetStatusViewerStatus)', () => {
  const rolling = { type: 'RollingUpdate' };
  const partitioned = { type: 'RollingUpdate', rollingUpdate: { partition: 2 } };
  it.each([
    {
      name: 'on delete returns an error',
      generation: 1,
      strategy: { type: 'OnDelete' },
      status: {
        observedGeneration: 1,
        replicas: 0,
        readyReplicas: 1,
        currentReplicas: 0,
        updatedReplicas: 0,
      },
      msg: 'rollout status is only available for RollingUpdate strategy type',
      done: true,
      err: true,
    },
    {
      name: 'unobserved update is not complete',
      generation: 2,
      strategy: rolling,
      status: {
        observedGeneration: 1,
        replicas: 3,
        readyReplicas: 3,
        currentReplicas: 3,
        updatedReplicas: 0,
      },
      msg: 'Waiting for statefulset spec update to be observed...',
      done: false,
      err: false,
    },
    {
      name: 'if all pods are not ready the update is not complete',
      generation: 1,
      strategy: rolling,
      status: {
        observedGeneration: 2,
        replicas: 3,
        readyReplicas: 2,
        currentReplicas: 3,
        updatedReplicas: 0,
      },
      msg: 'Waiting for 1 pods to be ready...',
      done: false,
      err: false,
    },
    {
      name: 'partition update completes when all replicas above the partition are updated',
      generation: 1,
      strategy: partitioned,
      status: {
        observedGeneration: 2,
        replicas: 3,
        readyReplicas: 3,
        currentReplicas: 2,
        updatedReplicas: 1,
      },
      msg: 'partitioned roll out complete: 1 new pods have been updated...',
      done: true,
      err: false,
    },
    // kubectl's table says done: true here but only checks `done && !test.done`; the viewer returns false.
    {
      name: 'partition update is in progress if all pods above the partition have not been updated',
      generation: 1,
      strategy: partitioned,
      status: {
        observedGeneration: 2,
        replicas: 3,
        readyReplicas: 3,
        currentReplicas: 3,
        updatedReplicas: 0,
      },
      msg: 'Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated...',
      done: false,
      err: false,
    },
    {
      name: 'update completes when all replicas are current',
      generation: 1,
      strategy: rolling,
      status: {
        observedGeneration: 2,
        replicas: 3,
        readyReplicas: 3,
        currentReplicas: 3,
        updatedReplicas: 3,
        currentRevision: 'foo',
        updateRevision: 'foo',
      },
      msg: 'statefulset rolling update complete 3 pods at revision foo...',
      done: true,
      err: false,
    },
  ])('$name', ({ generation, strategy, status, msg, done, err }) => {
    const got = statefulSetStatus(statefulSet(generation, strategy, status));
    expect(got.message).toBe(msg);
    expect(got.done).toBe(done);
    expect(got.error).toBe(err);
  });

  it('a rolling update without rollingUpdate waits for the update revision', () => {
    const got = statefulSetStatus(
      statefulSet(
        1,
        { type: 'RollingUpdate' },
        {
          observedGeneration: 1,
          readyReplicas: 3,
          updatedReplicas: 1,
          currentRevision: 'foo-1',
          updateRevision: 'foo-2',
        },
      ),
    );
    expect(got).toEqual({
      kind: 'progressing',
      message: 'waiting for statefulset rolling update to complete 1 pods at revision foo-2...',
      done: false,
      error: false,
    });
  });

  it('as the API server defaults it (partition 0), a finished rollout is "partitioned roll out complete"', () => {
    const got = statefulSetStatus(
      statefulSet(
        1,
        { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 3 },
      ),
    );
    expect(got).toMatchObject({
      kind: 'complete',
      message: 'partitioned roll out complete: 3 new pods have been updated...',
    });
  });
});
