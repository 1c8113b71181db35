/**
 * Issue 10's bound on main's event loop, checked by the hostile-input tests on figures
 * from loop-watch.mjs: its own work never holds the loop MAX_EVENT_LOOP_DELAY_MS, and
 * neither does the plain event-loop delay when the machine has a core per runnable thread
 * (on an oversubscribed machine that delay mostly measures the other processes).
 */
import os from 'node:os';
import type { LoopStats } from './loop-watch.mjs';

export const MAX_EVENT_LOOP_DELAY_MS = 100;

/** Why the bound was broken, or undefined. */
export function loopProblem(stats: LoopStats, where: string): string | undefined {
  if (stats.heldMaxMs >= MAX_EVENT_LOOP_DELAY_MS)
    return `${where}: its own work held the event loop ${stats.heldMaxMs.toFixed(1)} ms (at most ${MAX_EVENT_LOOP_DELAY_MS} ms)`;
  const [load = 0] = os.loadavg();
  if (load < os.cpus().length && stats.delayMaxMs >= MAX_EVENT_LOOP_DELAY_MS)
    return `${where}: event-loop delay ${stats.delayMaxMs.toFixed(1)} ms (at most ${MAX_EVENT_LOOP_DELAY_MS} ms, load average ${load.toFixed(1)})`;
  return undefined;
}

export function describeLoop(stats: LoopStats): string {
  return (
    `event loop held at most ${stats.heldMaxMs.toFixed(1)} ms by its own work; ` +
    `event-loop delay max ${stats.delayMaxMs.toFixed(1)} ms, p99 ${stats.delayP99Ms.toFixed(1)} ms ` +
    `(load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`
  );
}
