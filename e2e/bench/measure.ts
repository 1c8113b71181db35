/** Measurements the benchmarks share: page long tasks and a process's resident memory. */
import type { Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * A process's /proc/<pid>/stat: its command name, and the fields after it (the name may
 * hold spaces and parentheses), so that `rest[0]` is field 3 (state). Undefined once gone.
 */
function procStat(pid: number | string): { name: string; rest: string[] } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const end = stat.lastIndexOf(')');
    return { name: stat.slice(stat.indexOf('(') + 1, end), rest: stat.slice(end + 2).split(' ') };
  } catch {
    return undefined;
  }
}

/** CPU time a process has used so far (all its threads, user + system), in ms. */
export function cpuMs(pid: number): number {
  const rest = procStat(pid)?.rest;
  // utime and stime are fields 14 and 15; 0 for a process that has gone.
  return rest ? ((Number(rest[11]) + Number(rest[12])) * 1000) / CLOCK_TICKS_PER_S : 0;
}
/** USER_HZ: /proc counts CPU time in these on every Linux architecture we run on. */
const CLOCK_TICKS_PER_S = 100;

/**
 * The processes descended from `root` whose command name is `name` (the Chromium that this
 * benchmark launched, not a browser the user has open).
 */
export function descendantsNamed(root: number, name: string): number[] {
  const parentOf = new Map<number, number>();
  const nameOf = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (!stat) continue; // gone meanwhile
    nameOf.set(Number(entry), stat.name);
    parentOf.set(Number(entry), Number(stat.rest[1])); // field 4: the parent's pid
  }
  const descends = (pid: number): boolean => {
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p))
      if (p === root) return true;
    return false;
  };
  return [...nameOf].filter(([pid, n]) => n === name && descends(pid)).map(([pid]) => pid);
}

/** CPU time used so far by the processes `descendantsNamed` finds, together, in ms. */
export function descendantsCpuMs(root: number, name: string): number {
  return descendantsNamed(root, name).reduce((sum, pid) => sum + cpuMs(pid), 0);
}

/**
 * The renderer processes of the Chromium that `root` launched (a page's, and the spares
 * Chromium keeps). A page's main thread is its renderer's first thread: its tid is the pid.
 */
export function rendererPids(root: number): number[] {
  return descendantsNamed(root, 'chromium').filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
    } catch {
      return false; // gone meanwhile
    }
  });
}

/**
 * How long a thread has run on a core and how long it was ready to run but waited for one
 * (the scheduler's /proc/<pid>/task/<tid>/schedstat), in ms. A task that takes 60 ms on the
 * wall clock but a few ms on a core was kept waiting by other processes, not by its own work.
 */
export function schedMs(pid: number, tid = pid): { running: number; waiting: number } {
  try {
    const [running, waiting] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8')
      .split(' ')
      .map(Number);
    return { running: (running ?? 0) / 1e6, waiting: (waiting ?? 0) / 1e6 };
  } catch {
    return { running: 0, waiting: 0 }; // gone
  }
}

/** CPU time all the machine's cores have spent busy so far (not idle or waiting on I/O), in ms. */
export function machineBusyMs(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/);
  // cpu user nice system idle iowait irq softirq steal …
  const busy = [1, 2, 3, 6, 7, 8].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
  return (busy * 1000) / CLOCK_TICKS_PER_S;
}

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

/** One Long Animation Frame (> 50 ms), with the scripts Chromium says ran in it. */
export interface LongFrame {
  duration: number;
  /** The part of the frame that blocked input (long tasks' time past 50 ms each). */
  blocking: number;
  /** Time from rendering start (rAF callbacks, style, layout, paint) to the frame's end. */
  render: number;
  /** `invoker duration sourceFunctionName sourceURL:char` per script. */
  scripts: string[];
}

/**
 * Starts collecting the page's Long Animation Frames: unlike a long task, a frame names
 * the scripts (event handler, timer, message) that made it long, which says whether a long
 * task came from the feature under measure or from something else on the page.
 */
export async function watchLongFrames(page: Page): Promise<() => Promise<LongFrame[]>> {
  await page.evaluate('window.__name = (f) => f');
  await page.evaluate(`(() => {
    window.longFrames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.longFrames.push({
          duration: Math.round(e.duration),
          blocking: Math.round(e.blockingDuration),
          render: Math.round(e.startTime + e.duration - e.renderStart),
          scripts: e.scripts.map(
            (s) =>
              s.invoker + ' ' + Math.round(s.duration) + 'ms ' + (s.sourceFunctionName || '?') +
              ' ' + (s.sourceURL.split('/').at(-1) || '') + ':' + s.sourceCharPosition,
          ),
        });
    }).observe({ type: 'long-animation-frame', buffered: false });
  })()`);
  return () => page.evaluate('window.longFrames') as Promise<LongFrame[]>;
}
