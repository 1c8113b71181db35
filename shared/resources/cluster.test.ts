import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/object-types';
import { eventCells, eventTable, namespaceTable, nodeTable, withEventCells } from './cluster';

describe('namespace rows', () => {
  it.each([
    [undefined, 'Active', 'ok'],
    ['Active', 'Active', 'ok'],
    ['Terminating', 'Terminating', 'warn'],
  ])('phase %s → %s', (phase, status, tone) => {
    const row = namespaceTable.project({
      metadata: { name: 'team-a', uid: 'u' },
      status: phase ? { phase } : {},
    });
    expect(row).toMatchObject({ status, tone, cells: { status } });
    expect(row.namespace).toBeUndefined();
  });
});

describe('node rows', () => {
  const node = (ready: string | undefined, extra: Partial<KubeObject> = {}): KubeObject => ({
    metadata: {
      name: 'node-1',
      uid: 'n1',
      labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'infra' },
    },
    spec: { taints: [{ key: 'a' }] },
    status: {
      conditions: ready ? [{ type: 'Ready', status: ready }] : [],
      allocatable: { cpu: '4', memory: '8Gi' },
      nodeInfo: { kubeletVersion: 'v1.33.0' },
    },
    ...extra,
  });

  it.each<[string, KubeObject, string, string]>([
    ['ready', node('True'), 'Ready', 'ok'],
    ['not ready', node('False'), 'NotReady', 'bad'],
    ['unknown', node(undefined), 'Unknown', 'bad'],
    [
      'cordoned',
      node('True', { spec: { unschedulable: true } }),
      'Ready,SchedulingDisabled',
      'warn',
    ],
  ])('%s', (_name, object, status, tone) => {
    const row = nodeTable.project(object);
    expect(row).toMatchObject({ status, tone });
    expect(row.cells).toMatchObject({
      status,
      roles: 'control-plane,infra',
      cpu: '4',
      memory: '8Gi',
      version: 'v1.33.0',
    });
  });
});

describe('event rows', () => {
  const event = (extra: Record<string, unknown>): KubeObject => ({
    metadata: { name: 'web-1.abc', namespace: 'team-a', uid: 'e1', creationTimestamp: 'T0' },
    involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'team-a', uid: 'p1' },
    reason: 'BackOff',
    message: 'Back-off restarting failed container',
    ...extra,
  });

  it.each<[string, KubeObject, Partial<ReturnType<typeof eventCells>>, string]>([
    [
      'a warning with a count',
      event({ type: 'Warning', count: 7, lastTimestamp: 'T2' }),
      { type: 'Warning', count: 7, lastSeen: 'T2', object: 'pod/web-1' },
      'warn',
    ],
    [
      'a series',
      event({ type: 'Normal', series: { count: 3, lastObservedTime: 'T3' } }),
      { type: 'Normal', count: 3, lastSeen: 'T3' },
      'muted',
    ],
    [
      'an event time only',
      event({ eventTime: 'T4' }),
      { type: 'Normal', count: 1, lastSeen: 'T4' },
      'muted',
    ],
    ['nothing but creation', event({}), { lastSeen: 'T0' }, 'muted'],
  ])('%s', (_name, object, cells, tone) => {
    const row = eventTable.project(object);
    expect(eventCells(row)).toMatchObject({
      reason: 'BackOff',
      message: 'Back-off restarting failed container',
      ...cells,
    });
    expect(row.tone).toBe(tone);
    expect(row.facts).toEqual({
      involved: { kind: 'Pod', name: 'web-1', namespace: 'team-a', uid: 'p1' },
    });
  });

  it('has no involved object when the event names none', () => {
    const row = eventTable.project({ metadata: { name: 'x', uid: 'e2' } });
    expect(eventCells(row).object).toBe('?/?');
    expect(row.facts).toBeUndefined();
  });

  it('copies a row with other column values', () => {
    const row = eventTable.project(event({ count: 2 }));
    const summed = withEventCells(row, { count: 5 });
    expect(eventCells(summed).count).toBe(5);
    expect(eventCells(row).count).toBe(2);
  });
});
