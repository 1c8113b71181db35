import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterAndSort } from './row-order';
import { sortRows } from './kept-order';
import { podTable } from '../../../../shared/resources/workloads';
import type { Row } from '../../../../shared/resources/rows';
import { row, rows } from './rows.test-support';

describe('sortRows (the order kept between publishes)', () => {
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
});
