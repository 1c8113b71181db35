import { describe, expect, it } from 'vitest';
import { podStatus } from './pod-status';
import type { KubeObject } from './object-types';

const pod = (
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
  meta: Record<string, unknown> = {},
): KubeObject => ({
  metadata: { name: 'p', ...meta },
  spec: { containers: [{ name: 'a' }], ...spec },
  status,
});
const running = { running: { startedAt: '2026-01-01T00:00:00Z' } };

describe('podStatus matches kubectl get pods', () => {
  const cases: [string, KubeObject, string, string, number][] = [
    [
      'running and ready',
      pod(
        {},
        {
          phase: 'Running',
          containerStatuses: [{ name: 'a', ready: true, restartCount: 0, state: running }],
        },
      ),
      'Running',
      '1/1',
      0,
    ],
    [
      'pending, not scheduled',
      pod(
        {},
        {
          phase: 'Pending',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message: '0/5 nodes are available',
            },
          ],
        },
      ),
      'Pending',
      '0/1',
      0,
    ],
    [
      'crash loop with restarts',
      pod(
        {},
        {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'a',
              ready: false,
              restartCount: 7,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:05:00Z' } },
            },
          ],
        },
      ),
      'CrashLoopBackOff',
      '0/1',
      7,
    ],
    [
      'image pull',
      pod(
        {},
        {
          phase: 'Pending',
          containerStatuses: [
            {
              name: 'a',
              ready: false,
              restartCount: 0,
              state: { waiting: { reason: 'ImagePullBackOff' } },
            },
          ],
        },
      ),
      'ImagePullBackOff',
      '0/1',
      0,
    ],
    [
      'init container running',
      pod(
        { initContainers: [{ name: 'i' }] },
        {
          phase: 'Pending',
          initContainerStatuses: [{ name: 'i', restartCount: 0, state: running }],
        },
      ),
      'Init:0/1',
      '0/1',
      0,
    ],
    [
      'init container failed',
      pod(
        { initContainers: [{ name: 'i' }] },
        {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'i', restartCount: 2, state: { terminated: { exitCode: 1, reason: 'Error' } } },
          ],
        },
      ),
      'Init:Error',
      '0/1',
      2,
    ],
    [
      'init crash loop',
      pod(
        { initContainers: [{ name: 'i' }] },
        {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'i', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          ],
        },
      ),
      'Init:CrashLoopBackOff',
      '0/1',
      3,
    ],
    [
      'completed',
      pod(
        {},
        {
          phase: 'Succeeded',
          containerStatuses: [
            {
              name: 'a',
              ready: false,
              restartCount: 0,
              state: { terminated: { exitCode: 0, reason: 'Completed' } },
            },
          ],
        },
      ),
      'Completed',
      '0/1',
      0,
    ],
    [
      'exit code without reason',
      pod(
        {},
        {
          phase: 'Failed',
          containerStatuses: [
            { name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 137 } } },
          ],
        },
      ),
      'ExitCode:137',
      '0/1',
      0,
    ],
    [
      'signal',
      pod(
        {},
        {
          phase: 'Failed',
          containerStatuses: [
            {
              name: 'a',
              ready: false,
              restartCount: 0,
              state: { terminated: { exitCode: 0, signal: 9 } },
            },
          ],
        },
      ),
      'Signal:9',
      '0/1',
      0,
    ],
    [
      'terminating',
      pod(
        {},
        {
          phase: 'Running',
          containerStatuses: [{ name: 'a', ready: true, restartCount: 0, state: running }],
        },
        { deletionTimestamp: '2026-01-01T00:00:00Z' },
      ),
      'Terminating',
      '1/1',
      0,
    ],
    [
      'node lost',
      pod(
        {},
        { phase: 'Running', reason: 'NodeLost' },
        { deletionTimestamp: '2026-01-01T00:00:00Z' },
      ),
      'Unknown',
      '0/1',
      0,
    ],
    ['evicted', pod({}, { phase: 'Failed', reason: 'Evicted' }), 'Evicted', '0/1', 0],
    [
      'two containers, one ready',
      pod(
        { containers: [{ name: 'a' }, { name: 'b' }] },
        {
          phase: 'Running',
          containerStatuses: [
            { name: 'a', ready: true, restartCount: 1, state: running },
            { name: 'b', ready: false, restartCount: 0, state: running },
          ],
        },
      ),
      'Running',
      '1/2',
      1,
    ],
    [
      'sidecar counts as a container',
      pod(
        { initContainers: [{ name: 's', restartPolicy: 'Always' }] },
        {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [
            { name: 's', started: true, ready: true, restartCount: 1, state: running },
          ],
          containerStatuses: [{ name: 'a', ready: true, restartCount: 0, state: running }],
        },
      ),
      'Running',
      '2/2',
      1,
    ],
    [
      'completed with a running container',
      pod(
        { containers: [{ name: 'a' }, { name: 'b' }] },
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'False' }],
          containerStatuses: [
            { name: 'a', ready: true, restartCount: 0, state: running },
            {
              name: 'b',
              ready: false,
              restartCount: 0,
              state: { terminated: { exitCode: 0, reason: 'Completed' } },
            },
          ],
        },
      ),
      'NotReady',
      '1/2',
      0,
    ],
  ];

  for (const [name, object, status, ready, restarts] of cases) {
    it(name, () => {
      const s = podStatus(object);
      expect(s.status).toBe(status);
      expect(`${s.readyContainers}/${s.totalContainers}`).toBe(ready);
      expect(s.restarts).toBe(restarts);
    });
  }

  it('explains a Pending pod with the scheduler’s message', () => {
    expect(podStatus(cases[1]![1]).detail).toBe('Unschedulable: 0/5 nodes are available');
  });

  it('remembers when the last restart happened', () => {
    expect(podStatus(cases[2]![1]).lastRestart).toBe('2026-01-01T00:05:00Z');
  });

  it('survives an object with nothing in it', () => {
    expect(podStatus({}).status).toBe('Unknown');
  });
});
