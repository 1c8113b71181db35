import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/object-types';
import type { KindTable, Row } from './rows';
import {
  cronJobTable,
  daemonSetTable,
  deploymentTable,
  jobTable,
  podTable,
  replicaSetTable,
  statefulSetTable,
} from './workloads';

const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  metadata: {
    name,
    namespace: 'team-a',
    uid: `uid-${name}`,
    creationTimestamp: '2026-01-01T00:00:00Z',
    ...extra,
  },
});

/** The parts of a row a case pins down. */
type Expected = Partial<Pick<Row, 'status' | 'tone' | 'facts'>> & { cells?: Row['cells'] };

function check(table: KindTable, object: KubeObject, expected: Expected) {
  const row = table.project(object);
  // Every column but name, namespace and age is filled from cells.
  for (const c of table.columns)
    if (!['name', 'namespace', 'age'].includes(c.id)) expect(row.cells).toHaveProperty(c.id);
  if (expected.cells) expect(row.cells).toEqual(expected.cells);
  if (expected.status) expect(row.status).toBe(expected.status);
  if (expected.tone) expect(row.tone).toBe(expected.tone);
  expect(row.facts).toEqual(expected.facts);
  return row;
}

describe('pod rows', () => {
  it.each<[string, KubeObject, Expected]>([
    [
      'running',
      {
        ...meta('web-1', {
          ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7f', controller: true }],
        }),
        spec: { nodeName: 'node-1', containers: [{ name: 'app' }] },
        status: {
          phase: 'Running',
          podIP: '10.0.0.5',
          containerStatuses: [
            { name: 'app', ready: true, restartCount: 2, state: { running: {} } },
          ],
        },
      },
      {
        cells: { ready: '1/1', status: 'Running', restarts: 2, node: 'node-1', ip: '10.0.0.5' },
        status: 'Running',
        tone: 'ok',
      },
    ],
    [
      'crash-looping, with the last restart as a fact',
      {
        ...meta('web-2'),
        spec: { containers: [{ name: 'app' }] },
        status: {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'app',
              ready: false,
              restartCount: 5,
              state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s' } },
              lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:10:00Z' } },
            },
          ],
        },
      },
      {
        cells: { ready: '0/1', status: 'CrashLoopBackOff', restarts: 5, node: null, ip: null },
        tone: 'bad',
        facts: { lastRestart: '2026-01-01T00:10:00Z' },
      },
    ],
    [
      'pending',
      { ...meta('web-3'), spec: {}, status: { phase: 'Pending' } },
      { status: 'Pending', tone: 'warn' },
    ],
    [
      'unschedulable, with the reason as a fact',
      {
        ...meta('web-4'),
        spec: { containers: [{ name: 'app' }] },
        status: {
          phase: 'Pending',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message: '0/3 nodes are available',
            },
          ],
        },
      },
      {
        cells: { ready: '0/1', status: 'Pending', restarts: 0, node: null, ip: null },
        tone: 'warn',
        facts: { detail: 'Unschedulable: 0/3 nodes are available' },
      },
    ],
  ])('%s', (_name, object, expected) => {
    check(podTable, object, expected);
  });

  it('keeps identity, labels and the controlling owner', () => {
    const row = podTable.project({
      ...meta('web-1', {
        labels: { app: 'web' },
        ownerReferences: [
          { kind: 'Other', name: 'x' },
          { kind: 'ReplicaSet', name: 'web-7f', controller: true },
        ],
      }),
    });
    expect(row).toMatchObject({
      uid: 'uid-web-1',
      name: 'web-1',
      namespace: 'team-a',
      created: '2026-01-01T00:00:00Z',
      labels: { app: 'web' },
      owner: { kind: 'ReplicaSet', name: 'web-7f' },
    });
  });
});

describe('deployment rows', () => {
  const deployment = (spec: Record<string, unknown>, status: Record<string, unknown>) => ({
    ...meta('web'),
    spec,
    status,
  });
  it.each<[string, KubeObject, Expected]>([
    [
      'ready',
      deployment({ replicas: 3 }, { readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 }),
      {
        cells: { readyText: '3/3', upToDate: 3, available: 3, status: 'Ready' },
        tone: 'ok',
        facts: { desired: 3, ready: 3 },
      },
    ],
    [
      'progressing',
      deployment({ replicas: 3 }, { readyReplicas: 1 }),
      { status: 'Progressing', tone: 'warn', facts: { desired: 3, ready: 1 } },
    ],
    [
      'nothing ready',
      deployment({ replicas: 2 }, {}),
      { status: 'Progressing', tone: 'bad', facts: { desired: 2, ready: 0 } },
    ],
    [
      'replicas defaults to 1',
      deployment({}, { readyReplicas: 1 }),
      { status: 'Ready', facts: { desired: 1, ready: 1 } },
    ],
    [
      'scaled to zero',
      deployment({ replicas: 0 }, {}),
      { status: 'Scaled to zero', tone: 'muted', facts: { desired: 0, ready: 0 } },
    ],
    [
      'paused',
      deployment({ replicas: 2, paused: true }, { readyReplicas: 2 }),
      { status: 'Paused', tone: 'warn', facts: { desired: 2, ready: 2 } },
    ],
    [
      'ProgressDeadlineExceeded wins over paused',
      deployment(
        { replicas: 2, paused: true },
        {
          readyReplicas: 1,
          conditions: [
            { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' },
          ],
        },
      ),
      { status: 'Stalled', tone: 'bad', facts: { desired: 2, ready: 1 } },
    ],
  ])('%s', (_name, object, expected) => {
    check(deploymentTable, object, expected);
  });
});

describe('other controllers', () => {
  it.each<[string, KindTable, KubeObject, Expected]>([
    [
      'replicaset',
      replicaSetTable,
      { ...meta('web-7f'), spec: { replicas: 2 }, status: { replicas: 2, readyReplicas: 2 } },
      {
        cells: { desired: 2, current: 2, ready: 2, status: 'Ready' },
        tone: 'ok',
        facts: { desired: 2, ready: 2 },
      },
    ],
    [
      'statefulset',
      statefulSetTable,
      { ...meta('db'), spec: { replicas: 3 }, status: { readyReplicas: 2 } },
      {
        cells: { readyText: '2/3', status: 'Progressing' },
        tone: 'warn',
        facts: { desired: 3, ready: 2 },
      },
    ],
    [
      'daemonset',
      daemonSetTable,
      {
        ...meta('agent'),
        status: {
          desiredNumberScheduled: 4,
          currentNumberScheduled: 4,
          numberReady: 4,
          updatedNumberScheduled: 3,
          numberAvailable: 4,
        },
      },
      {
        cells: { desired: 4, current: 4, ready: 4, upToDate: 3, available: 4, status: 'Ready' },
        tone: 'ok',
        facts: { desired: 4, ready: 4 },
      },
    ],
    [
      'job complete',
      jobTable,
      {
        ...meta('migrate'),
        spec: { completions: 1 },
        status: {
          succeeded: 1,
          startTime: '2026-01-01T00:00:00Z',
          completionTime: '2026-01-01T00:00:42Z',
          conditions: [{ type: 'Complete', status: 'True' }],
        },
      },
      { cells: { completions: '1/1', duration: '42s', status: 'Complete' }, tone: 'ok' },
    ],
    [
      'job failed after minutes',
      jobTable,
      {
        ...meta('migrate'),
        spec: { completions: 2 },
        status: {
          failed: 3,
          startTime: '2026-01-01T00:00:00Z',
          completionTime: '2026-01-01T00:05:00Z',
          conditions: [{ type: 'Failed', status: 'True' }],
        },
      },
      { cells: { completions: '0/2', duration: '5m', status: 'Failed' }, tone: 'bad' },
    ],
    [
      'job running',
      jobTable,
      { ...meta('migrate'), spec: {}, status: { active: 1 } },
      { cells: { completions: '0/1', duration: null, status: 'Running' }, tone: 'warn' },
    ],
    [
      'cronjob',
      cronJobTable,
      {
        ...meta('nightly'),
        spec: { schedule: '0 3 * * *' },
        status: { active: [{ name: 'nightly-1' }], lastScheduleTime: '2026-01-02T03:00:00Z' },
      },
      {
        cells: {
          schedule: '0 3 * * *',
          active: 1,
          lastSchedule: '2026-01-02T03:00:00Z',
          status: 'Scheduled',
        },
        tone: 'ok',
      },
    ],
    [
      'cronjob suspended',
      cronJobTable,
      { ...meta('nightly'), spec: { schedule: '@daily', suspend: true } },
      { status: 'Suspended', tone: 'muted' },
    ],
  ])('%s', (_name, table, object, expected) => {
    check(table, object, expected);
  });
});
