/**
 * The pieces every kind's table is built from: the common columns, the row skeleton
 * (identity, age, labels, owner) and the status tones, so projections stay short.
 */
import type { Column, Row, RowFacts, Tone } from './rows';
import { asArray, asNumber, type ConditionLike, type KubeObject } from '../kube/object-types';

export const name: Column = { id: 'name', label: 'Name', type: 'text', width: 3 };
export const namespace: Column = { id: 'namespace', label: 'Namespace', type: 'text', width: 1.4 };
export const age: Column = { id: 'age', label: 'Age', type: 'age', width: 0.7, align: 'end' };
export const status: Column = { id: 'status', label: 'Status', type: 'status', width: 1.4 };

export const num = (id: string, label: string): Column => ({
  id,
  label,
  type: 'number',
  width: 1.05,
  align: 'end',
});

export const text = (id: string, label: string, width = 1): Column => ({
  id,
  label,
  type: 'text',
  width,
});

/** The row of any object: identity, namespace, creation time, labels and owner. */
export function baseRow(object: KubeObject, cells: Row['cells'] = {}): Row {
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

/** Sets the status word (the filter's and the Status column's) and its tone. */
export function withStatus(row: Row, word: string, tone: Tone): Row {
  row.status = word;
  row.tone = tone;
  row.cells['status'] = word;
  return row;
}

/** Attaches the facts that are set; an empty object is not sent at all. */
export function withFacts(row: Row, facts: RowFacts): Row {
  const kept = Object.fromEntries(
    Object.entries(facts).filter(([, v]) => v !== undefined),
  ) as RowFacts;
  if (Object.keys(kept).length > 0) row.facts = kept;
  return row;
}

/** A count that a missing field leaves at zero. */
export const count = (value: unknown): number => asNumber(value) ?? 0;

export function conditionTrue(status: Record<string, unknown>, type: string): boolean {
  return asArray<ConditionLike>(status['conditions']).some(
    (c) => c.type === type && c.status === 'True',
  );
}
