/**
 * A value computed once per row object. Rows are replaced, never mutated, when their object
 * changes, so a value can be kept by identity: sort keys, a row's key in another store.
 */
import type { Row } from '../../../../shared/resources/rows';

export function perRow<T>(make: (row: Row) => T): (row: Row) => T {
  const cache = new WeakMap<Row, T>();
  return (row) => {
    if (cache.has(row)) return cache.get(row) as T;
    const value = make(row);
    cache.set(row, value);
    return value;
  };
}
