// Measures how long a Node process's event loop is held, for issue 10's bound ("main's
// event loop never stalls 100 ms"). Two figures:
//   - delayMaxMs / delayP99Ms: perf_hooks.monitorEventLoopDelay, the plain event-loop delay.
//     On a machine with more runnable threads than cores it also counts the time the OS
//     did not run this process at all;
//   - heldMaxMs: the longest stall of a 5 ms timer less the time the main thread waited,
//     runnable, for a core meanwhile (Linux's per-thread schedstat). What is left is the
//     time the process held its own loop: running, or blocked in a system call, a page
//     fault or on GC helper threads. The load of other processes cannot inflate it, and
//     nothing of the process's own is left out. Tests assert on it. Without schedstat the
//     wait is unknown and the whole stall counts.
// Used in-process by e2e/integration/hostile-logs.test.ts, and preloaded into the browser-
// mode server (NODE_OPTIONS=--import) by e2e/web/hostile-logs.spec.ts, where it writes its
// figures to $PILOTHOUSE_LOOP_WATCH_FILE every 200 ms and on exit, and starts afresh on
// SIGUSR2.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const TICK_MS = 5;
/** The main thread's scheduler figures (Linux: its task id is the process id). */
const SCHEDSTAT = `/proc/${process.pid}/task/${process.pid}/schedstat`;

/**
 * The main thread's time on a core and its time waiting, runnable, for one (ms): schedstat's
 * first two fields (ns). Elsewhere the whole process's CPU time, and no wait known.
 */
function threadTimes() {
  if (existsSync(SCHEDSTAT)) {
    const [run = '0', wait = '0'] = readFileSync(SCHEDSTAT, 'utf8').split(' ');
    return { cpu: Number(run) / 1e6, wait: Number(wait) / 1e6 };
  }
  const used = process.cpuUsage();
  return { cpu: (used.user + used.system) / 1000, wait: 0 };
}

const NO_STALL = { stallMs: 0, cpuMs: 0, runQueueMs: 0 };

export function startLoopWatch() {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let heldMaxMs = 0;
  /** The timer's longest stall, and where its time went. */
  let worst = NO_STALL;
  let last = performance.now();
  let times = threadTimes();
  const timer = setInterval(() => {
    const now = performance.now();
    const timesNow = threadTimes();
    const stall = {
      stallMs: now - last - TICK_MS,
      cpuMs: timesNow.cpu - times.cpu,
      runQueueMs: timesNow.wait - times.wait,
    };
    heldMaxMs = Math.max(heldMaxMs, stall.stallMs - stall.runQueueMs);
    if (stall.stallMs > worst.stallMs) worst = stall;
    last = now;
    times = timesNow;
  }, TICK_MS);
  timer.unref();
  return {
    stats() {
      return {
        delayMaxMs: histogram.max / 1e6,
        delayP99Ms: histogram.percentile(99) / 1e6,
        heldMaxMs,
        worst,
      };
    },
    reset() {
      histogram.reset();
      heldMaxMs = 0;
      worst = NO_STALL;
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
