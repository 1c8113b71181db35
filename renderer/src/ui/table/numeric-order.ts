/**
 * The order of numeric sort keys by two native numeric sorts instead of a comparator sort.
 * A table sorted by CPU re-sorts all its rows at every metrics round; for 10,000 rows a
 * comparator sort makes about 130,000 calls from the engine's sort into JavaScript, which
 * took a browser 20-30 ms a round on a busy 2-core machine, most of a long task. A
 * Float64Array sorts without calling out.
 */

/**
 * Indices into `keys` in the order a stable sort by key gives: ascending or descending,
 * null (and NaN) last either way, equal keys in index order.
 */
export function numericOrder(
  keys: readonly (number | null)[],
  direction: 'asc' | 'desc',
): Uint32Array {
  const n = keys.length;
  // 1. The distinct values in order, each with its rank.
  const values = new Float64Array(n);
  let count = 0;
  for (const key of keys) if (key !== null && !Number.isNaN(key)) values[count++] = key;
  const sorted = values.subarray(0, count).sort();
  const rankOf = new Map<number, number>();
  for (let i = 0; i < count; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) rankOf.set(sorted[i]!, rankOf.size);
  const ranks = rankOf.size;
  // 2. Rank and index packed into one exact double (rank * n + index < (n + 1) * n, far
  //    below 2^53 for any table), sorted: equal ranks keep index order.
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const rank = rankOf.get(keys[i] as number);
    const place = rank === undefined ? ranks : direction === 'asc' ? rank : ranks - 1 - rank;
    packed[i] = place * n + i;
  }
  packed.sort();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = packed[i]! % n;
  return order;
}
