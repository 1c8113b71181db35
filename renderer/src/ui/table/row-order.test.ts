import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterAndSort, sortRows, statusCounts } from './row-order';
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
  it('sortRows, starting from the last sort, gives what filterAndSort gives (property)', () => {
    const anyRow = (uid: number) =>
      fc
        .record({
          // Names shared by many rows (ties: a full sort decides) and names of one row
          // (no tie: the last order is patched).
          name: fc.oneof(
            fc.constantFrom('web-1', 'web-2', 'web-10', 'db', 'Db'),
            fc.constant(`pod-${uid}`),
          ),
          namespace: fc.constantFrom('a', 'b'),
          status: fc.constantFrom('Running', 'Pending'),
          restarts: fc.option(fc.nat(2), { nil: null }),
          day: fc.integer({ min: 1, max: 3 }),
        })
        .map(({ name, namespace, status, restarts, day }): Row => ({
          ...row(name, namespace, status, 0, `2026-01-0${day}T00:00:00Z`),
          uid: `uid-${uid}`,
          cells: { status, restarts },
        }));
    const rowsOf = (uids: number[]) => fc.tuple(...uids.map(anyRow));
    const options = fc.record({
      text: fc.constantFrom('', 'web', 'b'),
      status: fc.constantFrom('', 'Running'),
      sort: fc.record({
        column: fc.constantFrom('name', 'namespace', 'status', 'restarts', 'age'),
        direction: fc.constantFrom('asc' as const, 'desc' as const),
      }),
    });
    // A store's rows, then the same store after some rows were replaced (same uid, maybe
    // another key or verdict), some removed from anywhere, some new ones added at the end,
    // and some taken out and put back at the end.
    const history = fc
      .uniqueArray(fc.nat(30), { maxLength: 25 })
      .chain((uids) =>
        fc.tuple(
          rowsOf(uids),
          fc.array(fc.tuple(fc.nat(30), rowsOf([0])), { maxLength: 6 }),
          fc.array(fc.nat(30), { maxLength: 3 }),
          fc.uniqueArray(fc.integer({ min: 100, max: 130 }), { maxLength: 4 }).chain(rowsOf),
          fc.array(fc.nat(30), { maxLength: 2 }),
        ),
      );
    fc.assert(
      fc.property(
        history,
        options,
        options,
        ([first, updates, drops, news, moves], opts, otherOpts) => {
          const next = [...first];
          for (const [at, [update]] of updates)
            if (next.length > 0 && update) {
              const i = at % next.length;
              next[i] = { ...update, uid: next[i]!.uid };
            }
          for (const at of drops) if (next.length > 0) next.splice(at % next.length, 1);
          next.push(...news);
          for (const at of moves)
            if (next.length > 0) next.push(...next.splice(at % next.length, 1));
          const columns = podTable.columns;
          for (const earlierOpts of [opts, otherOpts]) {
            const earlier = sortRows(first, columns, earlierOpts, undefined);
            const got = sortRows(next, columns, opts, earlier).shown;
            expect(got.map((r) => r.uid)).toEqual(
              filterAndSort(next, columns, opts).map((r) => r.uid),
            );
            expect(got.every((r) => next.includes(r))).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
  it('sortRows puts a new row and drops a deleted one without sorting the rest again', () => {
    const opts = { text: '', status: '', sort: { column: 'name', direction: 'asc' as const } };
    const earlier = sortRows(rows, podTable.columns, opts, undefined);
    const added = row('cron-1', 'team-a', 'Pending', 0, '2026-01-04T00:00:00Z');
    const next = [rows[0]!, rows[2]!, added];
    const got = sortRows(next, podTable.columns, opts, earlier).shown;
    expect(got.map((r) => r.name)).toEqual(['cron-1', 'db-0', 'web-10']);
    expect(got[1]).toBe(rows[2]);
  });
  it('sortRows shows the updated rows where the last sort had them', () => {
    const opts = { text: '', status: '', sort: { column: 'name', direction: 'asc' as const } };
    const earlier = sortRows(rows, podTable.columns, opts, undefined);
    // A label patch: same place in the store, same key, same verdict.
    const patched = { ...rows[1]!, labels: { app: 'web', churn: '1' } };
    const next = [rows[0]!, patched, rows[2]!];
    const got = sortRows(next, podTable.columns, opts, earlier).shown;
    expect(got.map((r) => r.name)).toEqual(['db-0', 'web-9', 'web-10']);
    expect(got[1]).toBe(patched);
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
