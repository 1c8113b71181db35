/**
 * The built-in resource kinds Pilothouse lists: where each lives in the API, and how an
 * object becomes a table row. Custom resources use the generic projection.
 */
import type { Column, Row, Tone } from './rows';
import { podStatus } from '../kube/pod-status';
import {
  asArray,
  asNumber,
  asRecord,
  asString,
  type ConditionLike,
  type KubeObject,
} from '../kube/object-types';

export interface KindDef {
  /** Stable id used by the contract and URLs: the plural resource name. */
  id: string;
  label: string;
  /** API group ('' for core), version and plural resource name. */
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  columns: Column[];
  project(object: KubeObject): Row;
}

const name: Column = { id: 'name', label: 'Name', type: 'text', width: 3 };
const namespace: Column = { id: 'namespace', label: 'Namespace', type: 'text', width: 1.4 };
const age: Column = { id: 'age', label: 'Age', type: 'age', width: 0.7, align: 'end' };
const status: Column = { id: 'status', label: 'Status', type: 'status', width: 1.4 };
const num = (id: string, label: string): Column => ({
  id,
  label,
  type: 'number',
  width: 1.05,
  align: 'end',
});
const text = (id: string, label: string, width = 1): Column => ({ id, label, type: 'text', width });

function base(object: KubeObject, cells: Row['cells'] = {}): Row {
  const meta = object.metadata ?? {};
  const row: Row = {
    uid: meta.uid ?? `${meta.namespace}/${meta.name}`,
    name: meta.name ?? '',
    cells,
  };
  if (meta.namespace) row.namespace = meta.namespace;
  if (meta.creationTimestamp) row.created = meta.creationTimestamp;
  if (meta.labels && Object.keys(meta.labels).length > 0) row.labels = meta.labels;
  const owner = meta.ownerReferences?.find((o) => o.controller) ?? meta.ownerReferences?.[0];
  if (owner?.kind && owner.name) row.owner = { kind: owner.kind, name: owner.name };
  return row;
}

const podTone = (s: string): Tone =>
  s === 'Running' || s === 'Completed' || s === 'Succeeded'
    ? 'ok'
    : s === 'Pending' || s.startsWith('Init:') || s === 'ContainerCreating' || s === 'Terminating'
      ? 'warn'
      : 'bad';

const replicasTone = (ready: number, desired: number): Tone =>
  desired === 0 ? 'muted' : ready >= desired ? 'ok' : ready === 0 ? 'bad' : 'warn';

function conditionTrue(status: Record<string, unknown>, type: string): boolean {
  return asArray<ConditionLike>(status['conditions']).some(
    (c) => c.type === type && c.status === 'True',
  );
}

export const pods: KindDef = {
  id: 'pods',
  label: 'Pods',
  group: '',
  version: 'v1',
  plural: 'pods',
  namespaced: true,
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
    const row = base(object, {
      ready: `${s.readyContainers}/${s.totalContainers}`,
      status: s.status,
      restarts: s.restarts,
      node: asString(spec['nodeName']) ?? null,
      ip: asString(st['podIP']) ?? null,
      detail: s.detail ?? null,
      lastRestart: s.lastRestart ?? null,
    });
    row.status = s.status;
    row.tone = podTone(s.status);
    return row;
  },
};

function workload(
  id: string,
  label: string,
  columns: Column[],
  cells: (spec: Record<string, unknown>, status: Record<string, unknown>) => Row['cells'],
  health: (cells: Row['cells']) => { status: string; tone: Tone },
  group = 'apps',
): KindDef {
  return {
    id,
    label,
    group,
    version: 'v1',
    plural: id,
    namespaced: true,
    columns: [name, namespace, ...columns, status, age],
    project(object) {
      const row = base(object, cells(asRecord(object.spec), asRecord(object.status)));
      const h = health(row.cells);
      row.status = h.status;
      row.tone = h.tone;
      row.cells['status'] = h.status;
      return row;
    },
  };
}

const n = (value: unknown) => asNumber(value) ?? 0;
const replicaHealth = (readyKey: string, desiredKey: string) => (cells: Row['cells']) => {
  const ready = n(cells[readyKey]);
  const desired = n(cells[desiredKey]);
  const tone = replicasTone(ready, desired);
  return {
    status: desired === 0 ? 'Scaled to zero' : ready >= desired ? 'Ready' : 'Progressing',
    tone,
  };
};

export const deployments = workload(
  'deployments',
  'Deployments',
  [text('readyText', 'Ready', 0.7), num('upToDate', 'Up-to-date'), num('available', 'Available')],
  (spec, st) => ({
    desired: n(spec['replicas'] ?? 1),
    ready: n(st['readyReplicas']),
    readyText: `${n(st['readyReplicas'])}/${n(spec['replicas'] ?? 1)}`,
    upToDate: n(st['updatedReplicas']),
    available: n(st['availableReplicas']),
    paused: spec['paused'] === true ? 'paused' : null,
    progressFailed: asArray<ConditionLike>(st['conditions']).some(
      (c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded',
    )
      ? 'ProgressDeadlineExceeded'
      : null,
  }),
  (cells) => {
    const h = replicaHealth('ready', 'desired')(cells);
    if (cells['progressFailed']) return { status: 'Stalled', tone: 'bad' };
    if (cells['paused']) return { status: 'Paused', tone: 'warn' };
    return h;
  },
);

export const replicasets = workload(
  'replicasets',
  'ReplicaSets',
  [num('desired', 'Desired'), num('current', 'Current'), num('ready', 'Ready')],
  (spec, st) => ({
    desired: n(spec['replicas'] ?? 1),
    current: n(st['replicas']),
    ready: n(st['readyReplicas']),
  }),
  replicaHealth('ready', 'desired'),
);

export const statefulsets = workload(
  'statefulsets',
  'StatefulSets',
  [text('readyText', 'Ready', 0.7)],
  (spec, st) => ({
    desired: n(spec['replicas'] ?? 1),
    ready: n(st['readyReplicas']),
    readyText: `${n(st['readyReplicas'])}/${n(spec['replicas'] ?? 1)}`,
  }),
  replicaHealth('ready', 'desired'),
);

export const daemonsets = workload(
  'daemonsets',
  'DaemonSets',
  [
    num('desired', 'Desired'),
    num('current', 'Current'),
    num('ready', 'Ready'),
    num('upToDate', 'Up-to-date'),
    num('available', 'Available'),
  ],
  (_spec, st) => ({
    desired: n(st['desiredNumberScheduled']),
    current: n(st['currentNumberScheduled']),
    ready: n(st['numberReady']),
    upToDate: n(st['updatedNumberScheduled']),
    available: n(st['numberAvailable']),
  }),
  replicaHealth('ready', 'desired'),
);

export const jobs = workload(
  'jobs',
  'Jobs',
  [text('completions', 'Completions', 0.8), text('duration', 'Duration', 0.7)],
  (spec, st) => ({
    completions: `${n(st['succeeded'])}/${n(spec['completions'] ?? 1)}`,
    succeeded: n(st['succeeded']),
    failed: n(st['failed']),
    active: n(st['active']),
    complete: conditionTrue(st, 'Complete') ? 1 : 0,
    failedCondition: conditionTrue(st, 'Failed') ? 1 : 0,
    duration: duration(asString(st['startTime']), asString(st['completionTime'])),
  }),
  (cells) =>
    cells['complete']
      ? { status: 'Complete', tone: 'ok' }
      : cells['failedCondition']
        ? { status: 'Failed', tone: 'bad' }
        : { status: 'Running', tone: 'warn' },
  'batch',
);

export const cronjobs = workload(
  'cronjobs',
  'CronJobs',
  [
    text('schedule', 'Schedule', 1),
    num('active', 'Active'),
    text('lastSchedule', 'Last schedule', 1),
  ],
  (spec, st) => ({
    schedule: asString(spec['schedule']) ?? '',
    suspend: spec['suspend'] === true ? 1 : 0,
    active: asArray(st['active']).length,
    lastSchedule: asString(st['lastScheduleTime']) ?? null,
  }),
  (cells) =>
    cells['suspend'] ? { status: 'Suspended', tone: 'muted' } : { status: 'Scheduled', tone: 'ok' },
  'batch',
);

export const services: KindDef = {
  id: 'services',
  label: 'Services',
  group: '',
  version: 'v1',
  plural: 'services',
  namespaced: true,
  columns: [
    name,
    namespace,
    text('type', 'Type', 0.9),
    text('clusterIP', 'Cluster IP', 1),
    text('ports', 'Ports', 1.4),
    age,
  ],
  project(object) {
    const spec = asRecord(object.spec);
    const ports = asArray<Record<string, unknown>>(spec['ports'])
      .map(
        (p) =>
          `${asNumber(p['port']) ?? '?'}${p['nodePort'] ? `:${String(p['nodePort'])}` : ''}/${asString(p['protocol']) ?? 'TCP'}`,
      )
      .join(', ');
    const selector = Object.entries(asRecord(spec['selector']))
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(',');
    return base(object, {
      type: asString(spec['type']) ?? 'ClusterIP',
      clusterIP: asString(spec['clusterIP']) ?? null,
      ports,
      selector: selector || null,
    });
  },
};

export const ingresses: KindDef = {
  id: 'ingresses',
  label: 'Ingresses',
  group: 'networking.k8s.io',
  version: 'v1',
  plural: 'ingresses',
  namespaced: true,
  columns: [name, namespace, text('class', 'Class', 0.8), text('hosts', 'Hosts', 1.6), age],
  project(object) {
    const spec = asRecord(object.spec);
    const hosts = asArray<Record<string, unknown>>(spec['rules'])
      .map((r) => asString(r['host']) ?? '*')
      .join(', ');
    return base(object, { class: asString(spec['ingressClassName']) ?? null, hosts: hosts || '*' });
  },
};

const keysOf = (object: KubeObject, ...fields: string[]) =>
  fields.reduce((sum, f) => sum + Object.keys(asRecord(object[f])).length, 0);

export const configmaps: KindDef = {
  id: 'configmaps',
  label: 'ConfigMaps',
  group: '',
  version: 'v1',
  plural: 'configmaps',
  namespaced: true,
  columns: [name, namespace, num('keys', 'Keys'), age],
  project: (object) => base(object, { keys: keysOf(object, 'data', 'binaryData') }),
};

/** Secret rows carry key names and type only; values are fetched one by one on reveal. */
export const secrets: KindDef = {
  id: 'secrets',
  label: 'Secrets',
  group: '',
  version: 'v1',
  plural: 'secrets',
  namespaced: true,
  columns: [name, namespace, text('type', 'Type', 1.6), num('keys', 'Keys'), age],
  project: (object) =>
    base(object, {
      type: asString(object['type']) ?? 'Opaque',
      keys: keysOf(object, 'data', 'stringData'),
    }),
};

export const namespaces: KindDef = {
  id: 'namespaces',
  label: 'Namespaces',
  group: '',
  version: 'v1',
  plural: 'namespaces',
  namespaced: false,
  columns: [name, status, age],
  project(object) {
    const phase = asString(asRecord(object.status)['phase']) ?? 'Active';
    const row = base(object, { status: phase });
    row.status = phase;
    row.tone = phase === 'Active' ? 'ok' : 'warn';
    return row;
  },
};

export const nodes: KindDef = {
  id: 'nodes',
  label: 'Nodes',
  group: '',
  version: 'v1',
  plural: 'nodes',
  namespaced: false,
  columns: [
    name,
    status,
    text('roles', 'Roles', 1),
    num('taints', 'Taints'),
    text('cpu', 'CPU', 0.6),
    text('memory', 'Memory', 0.8),
    text('version', 'Version', 0.9),
    age,
  ],
  project(object) {
    const spec = asRecord(object.spec);
    const st = asRecord(object.status);
    const ready = asArray<ConditionLike>(st['conditions']).find((c) => c.type === 'Ready');
    let word =
      ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown';
    if (spec['unschedulable'] === true) word += ',SchedulingDisabled';
    const labels = object.metadata?.labels ?? {};
    const roles = Object.keys(labels)
      .filter((k) => k.startsWith('node-role.kubernetes.io/'))
      .map((k) => k.slice('node-role.kubernetes.io/'.length));
    if (labels['kubernetes.io/role']) roles.push(labels['kubernetes.io/role']);
    const allocatable = asRecord(st['allocatable']);
    const row = base(object, {
      status: word,
      roles: roles.join(',') || '<none>',
      taints: asArray(spec['taints']).length,
      cpu: asString(allocatable['cpu']) ?? null,
      memory: asString(allocatable['memory']) ?? null,
      version: asString(asRecord(st['nodeInfo'])['kubeletVersion']) ?? null,
    });
    row.status = word;
    row.tone = word === 'Ready' ? 'ok' : word.startsWith('Ready,') ? 'warn' : 'bad';
    return row;
  },
};

export const events: KindDef = {
  id: 'events',
  label: 'Events',
  group: '',
  version: 'v1',
  plural: 'events',
  namespaced: true,
  columns: [
    { id: 'lastSeen', label: 'Last seen', type: 'age', width: 0.7, align: 'end' },
    text('type', 'Type', 0.6),
    text('reason', 'Reason', 1),
    text('object', 'Object', 1.6),
    text('message', 'Message', 4),
    num('count', 'Count'),
  ],
  project(object) {
    const involved = asRecord(object['involvedObject']);
    const series = asRecord(object['series']);
    const lastSeen =
      asString(object['lastTimestamp']) ??
      asString(series['lastObservedTime']) ??
      asString(object['eventTime']) ??
      object.metadata?.creationTimestamp ??
      null;
    const type = asString(object['type']) ?? 'Normal';
    const row = base(object, {
      lastSeen,
      type,
      reason: asString(object['reason']) ?? '',
      object: `${asString(involved['kind'])?.toLowerCase() ?? '?'}/${asString(involved['name']) ?? '?'}`,
      involvedKind: asString(involved['kind']) ?? null,
      involvedName: asString(involved['name']) ?? null,
      involvedNamespace: asString(involved['namespace']) ?? null,
      involvedUid: asString(involved['uid']) ?? null,
      message: asString(object['message']) ?? '',
      count: asNumber(object['count']) ?? asNumber(series['count']) ?? 1,
    });
    row.status = type;
    row.tone = type === 'Warning' ? 'warn' : 'muted';
    return row;
  },
};

/** Any other kind (custom resources): name, namespace and age. */
export function genericKind(def: Omit<KindDef, 'columns' | 'project'>): KindDef {
  return {
    ...def,
    columns: def.namespaced ? [name, namespace, age] : [name, age],
    project: (object) => base(object),
  };
}

export const builtinKinds: KindDef[] = [
  pods,
  deployments,
  replicasets,
  statefulsets,
  daemonsets,
  jobs,
  cronjobs,
  services,
  ingresses,
  configmaps,
  secrets,
  namespaces,
  nodes,
  events,
];

export const kindById = new Map(builtinKinds.map((k) => [k.id, k]));

function duration(start: string | undefined, end: string | undefined): string | null {
  if (!start || !end) return null;
  const seconds = Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 1000));
  return seconds < 120 ? `${seconds}s` : `${Math.round(seconds / 60)}m`;
}

/** The definition of a built-in kind id, or a generic one for a custom resource. */
export function resolveKind(
  kind:
    string | { group: string; version: string; plural: string; namespaced: boolean; kind: string },
): KindDef | undefined {
  if (typeof kind === 'string') return kindById.get(kind);
  return genericKind({
    id: customKindId(kind),
    label: kind.kind,
    group: kind.group,
    version: kind.version,
    plural: kind.plural,
    namespaced: kind.namespaced,
  });
}

/** "group/version/plural": how a custom resource is named in caches and URLs. */
export function customKindId(kind: { group: string; version: string; plural: string }): string {
  return `${kind.group}/${kind.version}/${kind.plural}`;
}
