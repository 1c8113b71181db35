// Types of loop-watch.mjs (plain JS so that plain Node can preload it with --import).
export interface LoopStats {
  /** perf_hooks.monitorEventLoopDelay's maximum and 99th percentile (ms). */
  delayMaxMs: number;
  delayP99Ms: number;
  /** The longest stall less the main thread's wait for a core (ms): see loop-watch.mjs. */
  heldMaxMs: number;
  /**
   * The longest stall of loop-watch's 5 ms timer (ms), with the main thread's CPU time in
   * it and the time it waited, runnable, for a core (Linux schedstat; 0 elsewhere). The
   * rest it was blocked: in a system call, a page fault, waiting for GC helper threads.
   */
  worst: { stallMs: number; cpuMs: number; runQueueMs: number };
}
export interface LoopWatch {
  stats(): LoopStats;
  reset(): void;
  stop(): void;
}
export function startLoopWatch(): LoopWatch;
