import { describe, expect, it } from 'vitest';
import { logIngresses, logPods, logReplicaSets, logServices } from './projections';

describe('log projections', () => {
  it('lists init and regular containers with their states and restart identity', () => {
    const pod = logPods.project({
      metadata: { uid: 'u1', namespace: 'team-a', name: 'web-1', labels: { app: 'web' } },
      spec: {
        nodeName: 'pilot-a1',
        initContainers: [{ name: 'init' }],
        containers: [{ name: 'nginx' }, { name: 'shipper' }],
      },
      status: {
        initContainerStatuses: [{ name: 'init', state: { terminated: { reason: 'Completed' } } }],
        containerStatuses: [
          { name: 'nginx', restartCount: 2, containerID: 'cri://a', state: { running: {} } },
          { name: 'shipper', state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      },
    });
    expect(pod.node).toBe('pilot-a1');
    expect(pod.containers).toEqual([
      { name: 'init', init: true, state: 'terminated', reason: 'Completed', restartCount: 0 },
      { name: 'nginx', init: false, state: 'running', restartCount: 2, containerID: 'cri://a' },
      {
        name: 'shipper',
        init: false,
        state: 'waiting',
        reason: 'CrashLoopBackOff',
        restartCount: 0,
      },
    ]);
  });

  it('says why the containers of an unscheduled pod wait', () => {
    const pod = logPods.project({
      metadata: { uid: 'u2', namespace: 'team-a', name: 'pending' },
      spec: { containers: [{ name: 'app' }] },
      status: {
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/6 nodes are available',
          },
        ],
      },
    });
    expect(pod.containers[0]).toMatchObject({
      state: 'waiting',
      reason: 'pod not scheduled: Unschedulable (0/6 nodes are available)',
    });
  });

  it('keeps the selecting facts of ReplicaSets, Services and Ingresses', () => {
    expect(
      logReplicaSets.project({
        metadata: {
          uid: 'r',
          namespace: 'a',
          name: 'web-1',
          ownerReferences: [{ kind: 'Deployment', name: 'web' }],
        },
      }).deployment,
    ).toBe('web');
    expect(
      logServices.project({ metadata: { uid: 's', namespace: 'a', name: 'x' }, spec: {} }).selector,
    ).toBeUndefined();
    expect(
      logIngresses.project({
        metadata: { uid: 'i', namespace: 'a', name: 'shop' },
        spec: {
          defaultBackend: { service: { name: 'web' } },
          rules: [
            {
              http: {
                paths: [
                  { backend: { service: { name: 'api' } } },
                  { backend: { service: { name: 'web' } } },
                ],
              },
            },
          ],
        },
      }).services,
    ).toEqual(['web', 'api']);
  });
});
