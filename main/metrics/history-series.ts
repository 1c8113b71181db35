/**
 * Builds the contract's MetricsHistory for a target from a context's rings.
 *
 * - A pod or container: the pod's own sample times; a `null` point goes in wherever two
 *   samples are more than GAP_WINDOWS resolutions apart, so a chart breaks the line there
 *   (metrics-server away, a pod restarted or recreated).
 * - A node: the same, with allocatable and the allocated sums as references.
 * - A workload or an overview: many pods, each with its own times, put on one grid of the
 *   resolution ending at the newest sample: a pod's sample counts for the first grid point
 *   at or after it (a pod one scrape late fills the point it skipped), so stacked series
 *   add up per point.
 */
import {
  MAX_OVERVIEW_SERIES,
  type HistoryReferences,
  type HistoryTarget,
  type MetricsHistory,
  type ResourceFigures,
  type Series,
} from '../../shared/contract/metrics';
import type { ContextHistory, PodHistory } from './history-store';
import type { SampleRing } from './sample-ring';

export const GAP_WINDOWS = 2;

export interface ReferenceSource {
  podFigures(key: string): ResourceFigures | undefined;
  containerFigures(key: string, container: string): ResourceFigures | undefined;
  /** The pod's containers in its spec's order (init containers first), when it is known. */
  containerOrder(key: string): readonly string[] | undefined;
  /** A node's allocatable and the allocated sums of its pods. */
  node(
    name: string,
  ): { allocatable: [number | null, number | null]; allocated: ResourceFigures | null } | undefined;
}

const empty = (): HistoryReferences => ({
  figures: null,
  perSeries: [],
  allocatable: null,
  allocated: null,
});

/** A ring's samples from `fromSeconds`, with a null row put in each gap. */
function withGaps(
  ring: SampleRing,
  fromSeconds: number,
  resolutionMs: number,
  columns: number[],
): { times: number[]; values: (number | null)[][] } {
  const times: number[] = [];
  const values: (number | null)[][] = columns.map(() => []);
  const gapSeconds = (GAP_WINDOWS * resolutionMs) / 1000;
  let previous: number | undefined;
  ring.forEach(fromSeconds, (seconds, at) => {
    if (previous !== undefined && seconds - previous > gapSeconds) {
      times.push((previous + resolutionMs / 1000) * 1000);
      for (const v of values) v.push(null);
    }
    times.push(seconds * 1000);
    columns.forEach((c, i) => values[i]?.push(at(c)));
    previous = seconds;
  });
  return { times, values };
}

function podHistory(
  entry: PodHistory,
  key: string,
  only: string | undefined,
  fromSeconds: number,
  resolutionMs: number,
  refs: ReferenceSource,
): { times: number[]; series: Series[]; references: HistoryReferences } {
  // In the spec's order, as kubectl describe lists them: metrics-server's order is whatever
  // the node reported first, so it changes from pod to pod. Containers no longer in the spec
  // (a history older than a resize or a restart) go last, in the order they were seen.
  const order = refs.containerOrder(key) ?? [];
  const rank = (n: string) => (order.includes(n) ? order.indexOf(n) : order.length);
  const names = entry.containers
    .filter((n) => only === undefined || n === only)
    .sort((a, b) => rank(a) - rank(b));
  const columns = names.flatMap((n) => {
    const i = entry.containers.indexOf(n);
    return [2 * i, 2 * i + 1];
  });
  const { times, values } = withGaps(entry.ring, fromSeconds, resolutionMs, columns);
  const series = names.map((id, i) => ({
    id,
    cpu: values[2 * i] ?? [],
    memory: values[2 * i + 1] ?? [],
  }));
  const references = empty();
  references.figures = only
    ? (refs.containerFigures(key, only) ?? null)
    : (refs.podFigures(key) ?? null);
  for (const name of names) {
    const f = refs.containerFigures(key, name);
    if (f) references.perSeries.push([name, f]);
  }
  return { times, series, references };
}

interface Grid {
  times: number[];
  first: number;
  step: number;
  points: number;
}

/** One grid of the resolution, from the oldest sample in the window to the newest. */
function gridOf(pods: [string, PodHistory][], fromSeconds: number, resolutionMs: number): Grid {
  let newest = 0;
  let oldest = Infinity;
  for (const [, entry] of pods) {
    newest = Math.max(newest, entry.ring.newestSeconds() ?? 0);
    oldest = Math.min(oldest, entry.ring.oldestSince(fromSeconds) ?? Infinity);
  }
  const step = Math.max(1, Math.round(resolutionMs / 1000));
  if (newest === 0 || oldest === Infinity) return { times: [], first: 0, step, points: 0 };
  const first = newest - Math.floor((newest - Math.max(fromSeconds, oldest)) / step) * step;
  const points = Math.floor((newest - first) / step) + 1;
  const times = Array.from({ length: points }, (_, i) => (first + i * step) * 1000);
  return { times, first, step, points };
}

/**
 * Adds a pod's totals (its containers summed) into `cpu`/`memory` per grid point (NaN =
 * nothing there yet). A pod's sample counts for the first point at or after it; one scrape
 * late, it fills the point it skipped too.
 */
function addOnGrid(
  entry: PodHistory,
  grid: Grid,
  fromSeconds: number,
  cpu: Float64Array,
  memory: Float64Array,
): void {
  const containers = entry.containers.length;
  let lastIndex = -2;
  entry.ring.scan(fromSeconds, (seconds, values, base) => {
    const index = Math.ceil((seconds - grid.first) / grid.step);
    if (index < 0 || index >= grid.points) return;
    let c = 0;
    let m = 0;
    let any = false;
    for (let i = 0; i < containers; i++) {
      const vc = values[base + 2 * i] ?? NaN;
      const vm = values[base + 2 * i + 1] ?? NaN;
      if (!Number.isNaN(vc)) {
        c += vc;
        any = true;
      }
      if (!Number.isNaN(vm)) {
        m += vm;
        any = true;
      }
    }
    if (!any) {
      lastIndex = -2;
      return;
    }
    const from = index === lastIndex + 2 ? index - 1 : index;
    for (let k = from; k <= index; k++) {
      const oc = cpu[k] ?? NaN;
      const om = memory[k] ?? NaN;
      cpu[k] = (Number.isNaN(oc) ? 0 : oc) + c;
      memory[k] = (Number.isNaN(om) ? 0 : om) + m;
    }
    lastIndex = index;
  });
}

const toSeries = (id: string, cpu: Float64Array, memory: Float64Array): Series => ({
  id,
  cpu: Array.from(cpu, (v) => (Number.isNaN(v) ? null : v)),
  memory: Array.from(memory, (v) => (Number.isNaN(v) ? null : v)),
});

function seriesOnGrid(id: string, pods: PodHistory[], grid: Grid, fromSeconds: number): Series {
  const cpu = new Float64Array(grid.points).fill(NaN);
  const memory = new Float64Array(grid.points).fill(NaN);
  for (const entry of pods) addOnGrid(entry, grid, fromSeconds, cpu, memory);
  return toSeries(id, cpu, memory);
}

/** A pod's newest CPU (its containers summed), for ranking the top consumers. */
function newestCpu(entry: PodHistory): number {
  let total = -1;
  const newest = entry.ring.newestSeconds();
  if (newest === undefined) return total;
  entry.ring.scan(newest, (_, values, base) => {
    total = 0;
    for (let i = 0; i < entry.containers.length; i++) {
      const v = values[base + 2 * i] ?? NaN;
      if (!Number.isNaN(v)) total += v;
    }
  });
  return total;
}

function sumFigures(list: (ResourceFigures | undefined)[]): ResourceFigures | null {
  let total: ResourceFigures | null = null;
  for (const f of list) {
    if (!f) continue;
    total = (total ?? [null, null, null, null]).map((v, i) => {
      const m = f[i];
      return m === null || m === undefined ? v : (v ?? 0) + m;
    }) as ResourceFigures;
  }
  return total;
}

export function buildHistory(
  history: ContextHistory,
  target: HistoryTarget,
  minutes: number,
  nowMs: number,
  refs: ReferenceSource,
  /** Pods in the workload/overview scope right now (from the pod watch), by key. */
  members?: Set<string>,
): MetricsHistory {
  const resolutionMs = history.resolutionMs;
  const fromSeconds = Math.floor((nowMs - minutes * 60_000) / 1000);
  const base = { target, resolutionMs, windowMs: 0 };
  switch (target.kind) {
    case 'pod':
    case 'container': {
      const key = `${target.namespace}/${target.kind === 'pod' ? target.name : target.pod}`;
      const entry = history.pods.get(key);
      if (!entry) return { ...base, times: [], series: [], references: empty() };
      const only = target.kind === 'container' ? target.container : undefined;
      const built = podHistory(entry, key, only, fromSeconds, resolutionMs, refs);
      return { ...base, ...built, windowMs: resolutionMs };
    }
    case 'node': {
      const ring = history.nodes.get(target.name);
      const references = empty();
      const node = refs.node(target.name);
      if (node) {
        references.allocatable = node.allocatable;
        references.allocated = node.allocated;
      }
      if (!ring) return { ...base, times: [], series: [], references };
      const { times, values } = withGaps(ring, fromSeconds, resolutionMs, [0, 1]);
      return {
        ...base,
        times,
        series: [{ id: 'node', cpu: values[0] ?? [], memory: values[1] ?? [] }],
        references,
        windowMs: resolutionMs,
      };
    }
    case 'workload':
    case 'overview': {
      const wanted =
        target.kind === 'workload'
          ? `${target.workloadKind}/${target.namespace}/${target.name}`
          : '';
      const choice = target.kind === 'overview' ? target.namespaces : undefined;
      const pods: [string, PodHistory][] = [];
      for (const [key, entry] of history.pods) {
        if (
          target.kind === 'workload'
            ? entry.workload !== wanted && !members?.has(key)
            : !(choice?.all || choice?.namespaces.includes(entry.namespace))
        )
          continue;
        pods.push([key, entry]);
      }
      const grid = gridOf(pods, fromSeconds, resolutionMs);
      const times = grid.times;
      const references = empty();
      const current = members ?? new Set(pods.map(([k]) => k));
      references.figures = sumFigures([...current].map((k) => refs.podFigures(k)));
      let series: Series[];
      if (target.kind === 'workload') {
        series = pods.map(([key, entry]) =>
          seriesOnGrid(key.slice(key.indexOf('/') + 1), [entry], grid, fromSeconds),
        );
      } else {
        // Top consumers by their newest CPU, the rest summed as 'other'.
        const ranked = pods
          .map(([key, entry]) => ({ key, entry, cpu: newestCpu(entry) }))
          .sort((a, b) => b.cpu - a.cpu);
        series = ranked
          .slice(0, MAX_OVERVIEW_SERIES)
          .map((p) => seriesOnGrid(p.key, [p.entry], grid, fromSeconds));
        const rest = ranked.slice(MAX_OVERVIEW_SERIES).map((p) => p.entry);
        if (rest.length > 0) series.push(seriesOnGrid('other', rest, grid, fromSeconds));
      }
      return { ...base, times, series, references, windowMs: resolutionMs };
    }
  }
}
