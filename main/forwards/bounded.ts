/**
 * Runs a task for each item with at most `limit` running at once, for the fleet's bulk
 * operations (restoring 50 saved forwards, a namespace's Services): starting them all at
 * once would open one WebSocket per forward to the API server in the same instant and
 * could exhaust sockets or trip the API server's rate limits (what Lens users met).
 * Each task's failure is its own: the others still run, and the outcomes say which failed.
 */

/** Forwards started at once by a bulk operation. */
export const BULK_CONCURRENCY = 8;

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function mapBounded<I, T>(
  items: readonly I[],
  limit: number,
  task: (item: I, index: number) => Promise<T>,
  signal?: AbortSignal,
): Promise<Outcome<T>[]> {
  const outcomes: Outcome<T>[] = new Array<Outcome<T>>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      if (signal?.aborted) {
        outcomes[index] = { ok: false, error: signal.reason };
        continue;
      }
      try {
        outcomes[index] = { ok: true, value: await task(items[index]!, index) };
      } catch (error) {
        outcomes[index] = { ok: false, error };
      }
    }
  }
  const workers = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: workers }, () => worker()));
  return outcomes;
}
