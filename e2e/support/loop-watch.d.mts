// Types of loop-watch.mjs (plain JS so that plain Node can preload it with --import).
export interface LoopStats {
  /** perf_hooks.monitorEventLoopDelay's maximum and 99th percentile (ms). */
  delayMaxMs: number;
  delayP99Ms: number;
  /** The longest stall counting only this process's own CPU time (ms). */
  heldMaxMs: number;
}
export interface LoopWatch {
  stats(): LoopStats;
  reset(): void;
  stop(): void;
}
export function startLoopWatch(): LoopWatch;
