/**
 * Tables of the workload kinds: pods, and the controllers that run them (Deployments,
 * ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs).
 */
import type { KindTable, Tone } from './rows';
import { podStatus } from '../kube/pod-status';
import {
  asArray,
  asRecord,
  asString,
  type ConditionLike,
  type KubeObject,
} from '../kube/object-types';
import {
  age,
  baseRow,
  conditionTrue,
  count,
  name,
  namespace,
  num,
  status,
  text,
  withFacts,
  withStatus,
} from './columns';

const podTone = (s: string): Tone =>
  s === 'Running' || s === 'Completed' || s === 'Succeeded'
    ? 'ok'
    : s === 'Pending' || s.startsWith('Init:') || s === 'ContainerCreating' || s === 'Terminating'
      ? 'warn'
      : 'bad';

export const podTable: KindTable = {
  columns: [
    name,
    namespace,
    { id: 'ready', label: 'Ready', type: 'text', width: 0.8, align: 'end' },
    status,
    num('restarts', 'Restarts'),
    age,
    text('node', 'Node', 1.4),
    text('ip', 'IP', 1),
  ],
  project(object) {
    const s = podStatus(object);
    const spec = asRecord(object.spec);
    const st = asRecord(object.status);
    const row = baseRow(object, {
      ready: `${s.readyContainers}/${s.totalContainers}`,
      restarts: s.restarts,
      node: asString(spec['nodeName']) ?? null,
      ip: asString(st['podIP']) ?? null,
    });
    withFacts(row, { detail: s.detail, lastRestart: s.lastRestart });
    return withStatus(row, s.status, podTone(s.status));
  },
};

/** Replicas wanted and ready, whatever fields a kind keeps them in. */
interface Replicas {
  desired: number;
  ready: number;
}

const replicasHealth = ({ desired, ready }: Replicas): { word: string; tone: Tone } =>
  desired === 0
    ? { word: 'Scaled to zero', tone: 'muted' }
    : ready >= desired
      ? { word: 'Ready', tone: 'ok' }
      : { word: 'Progressing', tone: ready === 0 ? 'bad' : 'warn' };

/** A controller's row: its columns, then Status and Age; `health` names the status. */
function workloadTable<R extends Replicas | undefined>(
  columns: KindTable['columns'],
  read: (
    spec: Record<string, unknown>,
    st: Record<string, unknown>,
  ) => {
    cells: Record<string, string | number | null>;
    replicas: R;
  },
  health: (
    spec: Record<string, unknown>,
    st: Record<string, unknown>,
    replicas: R,
  ) => { word: string; tone: Tone },
): KindTable {
  return {
    columns: [name, namespace, ...columns, status, age],
    project(object: KubeObject) {
      const spec = asRecord(object.spec);
      const st = asRecord(object.status);
      const { cells, replicas } = read(spec, st);
      const row = baseRow(object, cells);
      if (replicas) withFacts(row, { desired: replicas.desired, ready: replicas.ready });
      const h = health(spec, st, replicas);
      return withStatus(row, h.word, h.tone);
    },
  };
}

const specReplicas = (spec: Record<string, unknown>, st: Record<string, unknown>): Replicas => ({
  desired: count(spec['replicas'] ?? 1),
  ready: count(st['readyReplicas']),
});

export const deploymentTable = workloadTable(
  [text('readyText', 'Ready', 0.7), num('upToDate', 'Up-to-date'), num('available', 'Available')],
  (spec, st) => {
    const replicas = specReplicas(spec, st);
    return {
      replicas,
      cells: {
        readyText: `${replicas.ready}/${replicas.desired}`,
        upToDate: count(st['updatedReplicas']),
        available: count(st['availableReplicas']),
      },
    };
  },
  (spec, st, replicas) => {
    const stalled = asArray<ConditionLike>(st['conditions']).some(
      (c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded',
    );
    if (stalled) return { word: 'Stalled', tone: 'bad' };
    if (spec['paused'] === true) return { word: 'Paused', tone: 'warn' };
    return replicasHealth(replicas);
  },
);

export const replicaSetTable = workloadTable(
  [num('desired', 'Desired'), num('current', 'Current'), num('ready', 'Ready')],
  (spec, st) => {
    const replicas = specReplicas(spec, st);
    return {
      replicas,
      cells: { desired: replicas.desired, current: count(st['replicas']), ready: replicas.ready },
    };
  },
  (_spec, _st, replicas) => replicasHealth(replicas),
);

export const statefulSetTable = workloadTable(
  [text('readyText', 'Ready', 0.7)],
  (spec, st) => {
    const replicas = specReplicas(spec, st);
    return { replicas, cells: { readyText: `${replicas.ready}/${replicas.desired}` } };
  },
  (_spec, _st, replicas) => replicasHealth(replicas),
);

export const daemonSetTable = workloadTable(
  [
    num('desired', 'Desired'),
    num('current', 'Current'),
    num('ready', 'Ready'),
    num('upToDate', 'Up-to-date'),
    num('available', 'Available'),
  ],
  (_spec, st) => {
    const replicas = {
      desired: count(st['desiredNumberScheduled']),
      ready: count(st['numberReady']),
    };
    return {
      replicas,
      cells: {
        desired: replicas.desired,
        current: count(st['currentNumberScheduled']),
        ready: replicas.ready,
        upToDate: count(st['updatedNumberScheduled']),
        available: count(st['numberAvailable']),
      },
    };
  },
  (_spec, _st, replicas) => replicasHealth(replicas),
);

export const jobTable = workloadTable(
  [text('completions', 'Completions', 0.8), text('duration', 'Duration', 0.7)],
  (spec, st) => ({
    replicas: undefined,
    cells: {
      completions: `${count(st['succeeded'])}/${count(spec['completions'] ?? 1)}`,
      duration: duration(asString(st['startTime']), asString(st['completionTime'])),
    },
  }),
  (_spec, st) =>
    conditionTrue(st, 'Complete')
      ? { word: 'Complete', tone: 'ok' }
      : conditionTrue(st, 'Failed')
        ? { word: 'Failed', tone: 'bad' }
        : { word: 'Running', tone: 'warn' },
);

export const cronJobTable = workloadTable(
  [
    text('schedule', 'Schedule', 1),
    num('active', 'Active'),
    text('lastSchedule', 'Last schedule', 1),
  ],
  (spec, st) => ({
    replicas: undefined,
    cells: {
      schedule: asString(spec['schedule']) ?? '',
      active: asArray(st['active']).length,
      lastSchedule: asString(st['lastScheduleTime']) ?? null,
    },
  }),
  (spec) =>
    spec['suspend'] === true
      ? { word: 'Suspended', tone: 'muted' }
      : { word: 'Scheduled', tone: 'ok' },
);

/** A finished job's run time: seconds under two minutes, then minutes. */
function duration(start: string | undefined, end: string | undefined): string | null {
  if (!start || !end) return null;
  const seconds = Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 1000));
  return seconds < 120 ? `${seconds}s` : `${Math.round(seconds / 60)}m`;
}
