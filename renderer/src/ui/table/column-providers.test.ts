import { describe, expect, it } from 'vitest';
import type { Column, Row } from '../../../../shared/resources/rows';
import { isProvided, placeColumns, type ProvidedColumn } from './column-providers';
import { filterAndSort } from './row-order';

const col = (id: string): Column => ({ id, label: id, type: 'text' });
const row = (name: string): Row => ({ uid: name, name, cells: {} });

function provided(id: string, values: Record<string, number>): ProvidedColumn {
  return {
    ...col(id),
    type: 'number',
    Cell: () => null,
    sortValue: (r) => values[r.name] ?? null,
    subscribe: () => () => {},
  };
}

describe('provided columns', () => {
  it('go before the first named column that exists, else at the end', () => {
    const own = [col('name'), col('status'), col('age')];
    const cpu = provided('cpu-usage', {});
    expect(
      placeColumns(own, [{ before: ['cpu', 'age'], columns: [cpu] }]).map((c) => c.id),
    ).toEqual(['name', 'status', 'cpu-usage', 'age']);
    expect(placeColumns(own, [{ before: ['nope'], columns: [cpu] }]).map((c) => c.id)).toEqual([
      'name',
      'status',
      'age',
      'cpu-usage',
    ]);
    expect(isProvided(cpu)).toBe(true);
    expect(isProvided(own[0]!)).toBe(false);
  });

  it('sort by the value the provider holds, rows without one last in both directions', () => {
    const cpu = provided('cpu-usage', { a: 30, b: 5, c: 200 });
    const rows = [row('a'), row('b'), row('c'), row('d')];
    const sorted = (direction: 'asc' | 'desc') =>
      filterAndSort(rows, [col('name'), cpu], {
        text: '',
        status: '',
        sort: { column: 'cpu-usage', direction },
      }).map((r) => r.name);
    expect(sorted('asc')).toEqual(['b', 'a', 'c', 'd']);
    expect(sorted('desc')).toEqual(['c', 'a', 'b', 'd']);
  });
});
