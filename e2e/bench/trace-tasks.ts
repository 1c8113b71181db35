/**
 * The renderer main thread's longest tasks in a Chromium trace, each with its wall time
 * and its CPU time (the trace's `tdur`). The two tell apart a task that works long from one
 * that waits long: on a machine whose cores are busy with other processes, a task of a few
 * ms of work can take 50 ms on the wall clock, and only a trace shows which it was.
 */

/** The fields of a Chrome trace event that this reads. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface TaskTime {
  wallMs: number;
  cpuMs: number;
  /** The events inside the task that took the most wall time, as `name wall/cpu ms`. */
  inside: string[];
}

/** The trace categories that name tasks, frames, layout, paint, scripts and GC. */
export const TASK_CATEGORIES = ['toplevel', 'devtools.timeline', 'v8.gc'];

const TASK = 'ThreadControllerImpl::RunTask';

/** All tasks of the page's main thread (their count and total times) and the `top` longest. */
export function rendererTasks(
  events: readonly TraceEvent[],
  top: number,
): { count: number; wallMs: number; cpuMs: number; longest: TaskTime[] } {
  // Every renderer has a CrRendererMain (Chromium keeps spares): the page's ran the most.
  const thread = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const mains = new Set(
    events.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain').map(thread),
  );
  const ranFor = new Map<string, number>();
  for (const e of events) {
    if (e.name !== TASK || e.ph !== 'X' || !mains.has(thread(e))) continue;
    ranFor.set(thread(e), (ranFor.get(thread(e)) ?? 0) + (e.dur ?? 0));
  }
  const main = [...ranFor].sort((a, b) => b[1] - a[1])[0]?.[0];
  const ours = events.filter((e) => e.ph === 'X' && e.dur && thread(e) === main);
  const tasks = ours.filter((e) => e.name === TASK);
  const ms = (us: number | undefined) => (us ?? 0) / 1000;
  const longest = [...tasks]
    .sort((a, b) => b.dur! - a.dur!)
    .slice(0, top)
    .map((task) => {
      const end = task.ts + task.dur!;
      const byName = new Map<string, { wall: number; cpu: number }>();
      for (const e of ours) {
        if (e === task || e.name === TASK || e.ts < task.ts || e.ts + e.dur! > end) continue;
        const sum = byName.get(e.name) ?? { wall: 0, cpu: 0 };
        sum.wall += ms(e.dur);
        sum.cpu += ms(e.tdur);
        byName.set(e.name, sum);
      }
      const inside = [...byName]
        .sort((a, b) => b[1].wall - a[1].wall)
        .slice(0, 4)
        .map(([name, t]) => `${name} ${t.wall.toFixed(1)}/${t.cpu.toFixed(1)} ms`);
      return { wallMs: ms(task.dur), cpuMs: ms(task.tdur), inside };
    });
  return {
    count: tasks.length,
    wallMs: tasks.reduce((sum, e) => sum + ms(e.dur), 0),
    cpuMs: tasks.reduce((sum, e) => sum + ms(e.tdur), 0),
    longest,
  };
}
