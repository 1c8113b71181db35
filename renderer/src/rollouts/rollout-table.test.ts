import { describe, expect, it } from 'vitest';
import { deploymentRow, statefulSetRow } from '../../../shared/rollouts/rollout-row';
import { filterAndSort } from '../ui/table/row-order';
import { rolloutFeedSpec, RolloutRows } from './rollout-feed';
import { rolloutColumns, tableRow } from './rollout-table';

const deployment = (uid: string, name: string, updated: number, paused = false) =>
  deploymentRow({
    metadata: {
      uid,
      name,
      namespace: 'team-a',
      generation: 2,
      annotations: { 'deployment.kubernetes.io/revision': '2' },
    },
    spec: { replicas: 4, paused },
    status: {
      observedGeneration: 2,
      replicas: 4,
      updatedReplicas: updated,
      availableReplicas: updated,
    },
  });

describe('the Rollouts table rows', () => {
  it("carry the status word for the filter, kubectl's message, and sort progress by share updated", () => {
    const rows = [
      deployment('a', 'alpha', 4),
      deployment('b', 'beta', 1),
      deployment('c', 'gamma', 2, true),
    ].map(tableRow);
    expect(rows.map((r) => r.status)).toEqual(['Complete', 'Progressing', 'Paused']);
    expect(rows[1]!.cells['message']).toBe(
      'Waiting for deployment "beta" rollout to finish: 1 out of 4 new replicas have been updated...',
    );
    const byProgress = filterAndSort(rows, rolloutColumns, {
      text: '',
      status: '',
      sort: { column: 'progress', direction: 'asc' },
    });
    expect(byProgress.map((r) => r.name)).toEqual(['beta', 'gamma', 'alpha']);
    const paused = filterAndSort(rows, rolloutColumns, {
      text: '',
      status: 'Paused',
      sort: { column: 'name', direction: 'asc' },
    });
    expect(paused.map((r) => r.name)).toEqual(['gamma']);
    // The text filter finds kubectl's words.
    const waiting = filterAndSort(rows, rolloutColumns, {
      text: 'new replicas',
      status: '',
      sort: { column: 'name', direction: 'asc' },
    });
    expect(waiting.map((r) => r.name)).toEqual(['beta', 'gamma']);
  });

  it('an error from kubectl reads as kubectl prints it', () => {
    const row = tableRow(
      statefulSetRow({
        metadata: { uid: 's', name: 'db', generation: 1 },
        spec: { updateStrategy: { type: 'OnDelete' } },
        status: { observedGeneration: 1 },
      }),
    );
    expect(row.status).toBe('Unknown');
    expect(row.cells['message']).toBe(
      'error: rollout status is only available for RollingUpdate strategy type',
    );
  });
});

describe('the Rollouts feed', () => {
  it('folds diffs by uid and keeps one status per namespace and kind', () => {
    const model = new RolloutRows();
    model.apply([
      { type: 'upsert', rows: [deployment('a', 'alpha', 1), deployment('b', 'beta', 1)] },
      { type: 'status', scope: 'team-a', resource: 'deployments', status: { phase: 'ready' } },
      { type: 'status', scope: 'team-a', resource: 'statefulsets', status: { phase: 'loading' } },
    ]);
    expect(model.snapshot().loaded).toBe(false);
    model.apply([
      { type: 'upsert', rows: [deployment('a', 'alpha', 4)] },
      { type: 'delete', uids: ['b'] },
      {
        type: 'status',
        scope: 'team-a',
        resource: 'statefulsets',
        status: { phase: 'forbidden', message: 'no' },
      },
    ]);
    const snapshot = model.snapshot();
    expect(snapshot.rows.map((r) => [r.name, r.updated])).toEqual([['alpha', 4]]);
    expect(Object.keys(snapshot.statuses)).toEqual([
      'team-a (deployments)',
      'team-a (statefulsets)',
    ]);
    expect(snapshot.loaded).toBe(true);
  });

  it('equal namespace choices share one stream', () => {
    const a = rolloutFeedSpec('ctx', { all: false, namespaces: ['b', 'a', 'b'] });
    const b = rolloutFeedSpec('ctx', { all: false, namespaces: ['a', 'b'] });
    expect(a.key).toBe(b.key);
    expect(a.input).toEqual({ context: 'ctx', namespaces: { all: false, namespaces: ['a', 'b'] } });
  });
});
