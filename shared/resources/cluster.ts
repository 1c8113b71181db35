/** Tables of the cluster kinds: Namespaces, Nodes and Events. */
import type { Cell, KindTable, Row } from './rows';
import { asArray, asNumber, asRecord, asString, type ConditionLike } from '../kube/object-types';
import { age, baseRow, name, num, status, text, withFacts, withStatus } from './columns';

export const namespaceTable: KindTable = {
  columns: [name, status, age],
  project(object) {
    const phase = asString(asRecord(object.status)['phase']) ?? 'Active';
    return withStatus(baseRow(object), phase, phase === 'Active' ? 'ok' : 'warn');
  },
};

export const nodeTable: KindTable = {
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
    const row = baseRow(object, {
      roles: roles.join(',') || '<none>',
      taints: asArray(spec['taints']).length,
      cpu: asString(allocatable['cpu']) ?? null,
      memory: asString(allocatable['memory']) ?? null,
      version: asString(asRecord(st['nodeInfo'])['kubeletVersion']) ?? null,
    });
    return withStatus(
      row,
      word,
      word === 'Ready' ? 'ok' : word.startsWith('Ready,') ? 'warn' : 'bad',
    );
  },
};

/**
 * The columns of an event row, typed: the Events view, the Overview's warnings and the
 * detail panel's event list read them through `eventCells`, never by string key.
 */
export interface EventCells {
  /** ISO 8601; the newest of lastTimestamp, series.lastObservedTime, eventTime, creation. */
  lastSeen: string | null;
  type: string;
  reason: string;
  /** "kind/name" of the involved object, lower-case kind as kubectl prints it. */
  object: string;
  message: string;
  count: number;
}

export const eventTable: KindTable = {
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
    const kind = asString(involved['kind']);
    const involvedName = asString(involved['name']);
    const cells: EventCells = {
      lastSeen:
        asString(object['lastTimestamp']) ??
        asString(series['lastObservedTime']) ??
        asString(object['eventTime']) ??
        object.metadata?.creationTimestamp ??
        null,
      type: asString(object['type']) ?? 'Normal',
      reason: asString(object['reason']) ?? '',
      object: `${kind?.toLowerCase() ?? '?'}/${involvedName ?? '?'}`,
      message: asString(object['message']) ?? '',
      count: asNumber(object['count']) ?? asNumber(series['count']) ?? 1,
    };
    const row = baseRow(object, { ...cells });
    row.status = cells.type;
    row.tone = cells.type === 'Warning' ? 'warn' : 'muted';
    if (kind && involvedName) {
      const namespace = asString(involved['namespace']);
      const uid = asString(involved['uid']);
      withFacts(row, {
        involved: {
          kind,
          name: involvedName,
          ...(namespace ? { namespace } : {}),
          ...(uid ? { uid } : {}),
        },
      });
    }
    return row;
  },
};

/** The typed columns of a row the event projection made. */
export function eventCells(row: Row): EventCells {
  return row.cells as unknown as EventCells;
}

/** A copy of an event row with other column values (the Events view sums repeats). */
export function withEventCells(row: Row, cells: Partial<EventCells>): Row {
  return { ...row, cells: { ...row.cells, ...(cells as Record<string, Cell>) } };
}
