// Measures how long a Node process's event loop is held, for issue 10's bound ("main's
// event loop never stalls 100 ms"). Two figures:
//   - delayMaxMs / delayP99Ms: perf_hooks.monitorEventLoopDelay, the plain event-loop delay.
//     On a machine with more runnable threads than cores it also counts the time the OS
//     did not run this process at all;
//   - heldMaxMs: the longest stall of a 5 ms timer, counting only the CPU time the main
//     thread used meanwhile (min(gap, CPU); Linux's per-thread schedstat, else the whole
//     process's CPU): the time its own work held the loop, which the load of other
//     processes (and GC or I/O helper threads) cannot inflate. Tests assert on it, and on
//     delayMaxMs when the machine is not oversubscribed.
// Used in-process by e2e/integration/hostile-logs.test.ts, and preloaded into the browser-
// mode server (NODE_OPTIONS=--import) by e2e/web/hostile-logs.spec.ts, where it writes its
// figures to $PILOTHOUSE_LOOP_WATCH_FILE every 200 ms and on exit, and starts afresh on
// SIGUSR2.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const TICK_MS = 5;
/** The main thread's CPU time in ns (Linux: its task id is the process id). */
const SCHEDSTAT = `/proc/${process.pid}/task/${process.pid}/schedstat`;

/** CPU time (ms) of the main thread if the system tells it, else of the whole process. */
function cpuMs() {
  if (existsSync(SCHEDSTAT)) return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

export function startLoopWatch() {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let heldMaxMs = 0;
  let last = performance.now();
  let cpu = cpuMs();
  const timer = setInterval(() => {
    const now = performance.now();
    const cpuNow = cpuMs();
    heldMaxMs = Math.max(heldMaxMs, Math.min(now - last - TICK_MS, cpuNow - cpu));
    last = now;
    cpu = cpuNow;
  }, TICK_MS);
  timer.unref();
  return {
    stats() {
      return {
        delayMaxMs: histogram.max / 1e6,
        delayP99Ms: histogram.percentile(99) / 1e6,
        heldMaxMs,
      };
    },
    reset() {
      histogram.reset();
      heldMaxMs = 0;
    },
    stop() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}

const file = process.env.PILOTHOUSE_LOOP_WATCH_FILE;
if (file) {
  const watch = startLoopWatch();
  const write = () => writeFileSync(file, JSON.stringify(watch.stats()));
  setInterval(write, 200).unref();
  process.on('exit', write);
  process.on('SIGUSR2', () => {
    watch.reset();
    write();
  });
}
