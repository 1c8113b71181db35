/** Measurements the benchmarks share: page long tasks and a process's resident memory. */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** VmRSS of a process, in MB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * Starts collecting the page's long tasks (> 50 ms); the returned function reads their
 * durations so far.
 */
export async function watchLongTasks(page: Page): Promise<() => Promise<number[]>> {
  // tsx keeps function names with a `__name` helper that the page does not have.
  await page.evaluate('window.__name = (f) => f');
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  return () => page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
}
