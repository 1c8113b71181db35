import { describe, expect, it } from 'vitest';
import { filterAndSort, statusCounts } from './row-order';
import { podTable } from '../../../../shared/resources/workloads';
import type { Row } from '../../../../shared/resources/rows';

const row = (
  name: string,
  namespace: string,
  status: string,
  restarts: number,
  created: string,
  labels?: Record<string, string>,
): Row => ({
  uid: `${namespace}/${name}`,
  name,
  namespace,
  status,
  created,
  cells: { status, restarts },
  ...(labels ? { labels } : {}),
});

const rows = [
  row('web-10', 'team-a', 'Running', 0, '2026-01-01T00:00:00Z', { app: 'web' }),
  row('web-9', 'team-a', 'Pending', 3, '2026-01-03T00:00:00Z', { app: 'web' }),
  row('db-0', 'team-b', 'Running', 1, '2026-01-02T00:00:00Z'),
];

describe('filterAndSort', () => {
  it('sorts names naturally (web-9 before web-10)', () => {
    const got = filterAndSort(rows, podTable.columns, {
      text: '',
      status: '',
      sort: { column: 'name', direction: 'asc' },
    });
    expect(got.map((r) => r.name)).toEqual(['db-0', 'web-9', 'web-10']);
  });
  it('sorts numbers and reverses', () => {
    const got = filterAndSort(rows, podTable.columns, {
      text: '',
      status: '',
      sort: { column: 'restarts', direction: 'desc' },
    });
    expect(got.map((r) => r.name)).toEqual(['web-9', 'db-0', 'web-10']);
  });
  it('sorts ages youngest first when ascending', () => {
    const got = filterAndSort(rows, podTable.columns, {
      text: '',
      status: '',
      sort: { column: 'age', direction: 'asc' },
    });
    expect(got.map((r) => r.name)).toEqual(['web-9', 'db-0', 'web-10']);
  });
  it('filters by text, label and status', () => {
    const opts = { sort: { column: 'name', direction: 'asc' as const } };
    expect(
      filterAndSort(rows, podTable.columns, { ...opts, text: 'TEAM-B', status: '' }).map(
        (r) => r.name,
      ),
    ).toEqual(['db-0']);
    expect(
      filterAndSort(rows, podTable.columns, { ...opts, text: 'app=web', status: 'Pending' }).map(
        (r) => r.name,
      ),
    ).toEqual(['web-9']);
  });
  it('finds hidden facts too (a pending reason, an event’s object)', () => {
    const hidden: Row[] = [
      { ...rows[0]!, facts: { detail: 'Unschedulable: 0/3 nodes' } },
      { ...rows[2]!, facts: { involved: { kind: 'Pod', name: 'db-0-xyz' } } },
    ];
    const opts = { sort: { column: 'name', direction: 'asc' as const }, status: '' };
    const names = (text: string) =>
      filterAndSort(hidden, podTable.columns, { ...opts, text }).map((r) => r.name);
    expect(names('unschedulable')).toEqual(['web-10']);
    expect(names('db-0-xyz')).toEqual(['db-0']);
  });
  it('counts statuses, most common first', () => {
    expect(statusCounts(rows)).toEqual([
      ['Running', 2],
      ['Pending', 1],
    ]);
  });
});
