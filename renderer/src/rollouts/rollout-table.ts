/**
 * The Rollouts table's columns, and each RolloutRow as a table Row: sortable, filterable
 * cells (the progress cell sorts by the share updated), the status word for the filter and
 * kubectl's message as its own column and the status tooltip.
 */
import type { RolloutRow } from '../../../shared/contract/rollouts';
import { progressText, statusWords, strategyText } from '../../../shared/rollouts/rollout-row';
import type { Column, Row, Tone } from '../../../shared/resources/rows';

export const rolloutColumns: readonly Column[] = [
  { id: 'kind', label: 'Kind', type: 'text', width: 1.5 },
  { id: 'name', label: 'Name', type: 'text', width: 2.4 },
  { id: 'namespace', label: 'Namespace', type: 'text', width: 1.3 },
  { id: 'strategy', label: 'Strategy', type: 'text', width: 3.2 },
  { id: 'progress', label: 'Progress', type: 'number', width: 2.2 },
  { id: 'revision', label: 'Revision', type: 'number', width: 1.15, align: 'end' },
  { id: 'status', label: 'Status', type: 'status', width: 2.4 },
  { id: 'message', label: 'Message', type: 'text', width: 4 },
  { id: 'age', label: 'Age', type: 'age', width: 0.9, align: 'end' },
];

const tones: Record<RolloutRow['status']['kind'], Tone> = {
  complete: 'ok',
  progressing: 'warn',
  paused: 'muted',
  'deadline-exceeded': 'bad',
  'observed-behind': 'warn',
  unknown: 'muted',
};

export function tableRow(r: RolloutRow): Row {
  const word = statusWords[r.status.kind];
  const row: Row = {
    uid: r.uid,
    name: r.name,
    namespace: r.namespace,
    status: word,
    tone: tones[r.status.kind],
    cells: {
      kind: r.kind,
      strategy: strategyText(r.strategy),
      progress: r.desired > 0 ? r.updated / r.desired : r.updated > 0 ? 1 : 0,
      progressText: progressText(r),
      revision: r.revision,
      status: word,
      message: r.status.error ? `error: ${r.status.message}` : r.status.message,
    },
    facts: { detail: r.status.message },
  };
  if (r.created) row.created = r.created;
  return row;
}
