import { describe, expect, it } from 'vitest';
import { filterAndSort, rowComparator, statusCounts } from './row-order';
import { podTable } from '../../../../shared/resources/workloads';
import type { Row } from '../../../../shared/resources/rows';
import { row, rows } from './rows.test-support';

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
  it('breaks ties by namespace/name in either direction, nulls last (a cached tie order and a stable sort)', () => {
    // Few distinct values, so most comparisons are ties; names that sort naturally.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const many = [...Array(400)].map((_, i) =>
      row(
        `pod-${next() % 60}-${i}`,
        `ns-${next() % 4}`,
        ['Running', 'Pending', 'Failed'][next() % 3]!,
        next() % 5,
        `2026-01-0${1 + (next() % 3)}T00:00:00Z`,
      ),
    );
    many[5] = { ...many[5]!, cells: { ...many[5]!.cells, restarts: null } };
    const natural = (v: string) => v.toLowerCase().replace(/\d+/g, (d) => d.padStart(12, '0'));
    const tie = (r: Row) => natural(`${r.namespace}/${r.name}`);
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    for (const [column, direction] of [
      ['restarts', 'asc'],
      ['restarts', 'desc'],
      ['status', 'asc'],
      ['status', 'desc'],
    ] as const) {
      const key = (r: Row) => r.cells[column] ?? null;
      const sign = direction === 'asc' ? 1 : -1;
      const expected = [...many].sort((a, b) => {
        const ka = key(a);
        const kb = key(b);
        let c: number;
        if (ka === null || kb === null) c = ka === kb ? 0 : ka === null ? 1 : -1;
        else if (typeof ka === 'number' && typeof kb === 'number') c = (ka - kb) * sign;
        else c = cmp(natural(String(ka)), natural(String(kb))) * sign;
        return c || cmp(tie(a), tie(b));
      });
      const got = filterAndSort(many, podTable.columns, {
        text: '',
        status: '',
        sort: { column, direction },
      });
      expect(got.map((r) => r.uid)).toEqual(expected.map((r) => r.uid));
    }
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
  it('puts a NaN key last in either direction, as it does a null one', () => {
    const odd = [
      { ...rows[0]!, cells: { ...rows[0]!.cells, restarts: Number.NaN } },
      { ...rows[1]!, cells: { ...rows[1]!.cells, restarts: null } },
      rows[2]!,
    ];
    for (const direction of ['asc', 'desc'] as const) {
      const compare = rowComparator(
        podTable.columns.find((c) => c.id === 'restarts')!,
        direction,
      );
      const got = filterAndSort(odd, podTable.columns, {
        text: '',
        status: '',
        sort: { column: 'restarts', direction },
      });
      expect(got.map((r) => r.name)).toEqual(['db-0', 'web-9', 'web-10']);
      expect([...odd].sort(compare).map((r) => r.name)).toEqual(['db-0', 'web-9', 'web-10']);
    }
  });
  it('counts statuses, most common first', () => {
    expect(statusCounts(rows)).toEqual([
      ['Running', 2],
      ['Pending', 1],
    ]);
  });
});
