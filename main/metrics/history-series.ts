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
  const names = entry.containers.filter((n) => only === undefined || n === only);
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

/** Pods put on one grid: returns the grid times and, per pod, its totals per point. */
function onGrid(
  pods: [key: string, entry: PodHistory][],
  fromSeconds: number,
  resolutionMs: number,
): { times: number[]; perPod: Map<string, { cpu: (number | null)[]; memory: (number | null)[] }> } {
  let newest = 0;
  for (const [, entry] of pods) newest = Math.max(newest, entry.ring.newestSeconds() ?? 0);
  const step = Math.max(1, Math.round(resolutionMs / 1000));
  const perPod = new Map<string, { cpu: (number | null)[]; memory: (number | null)[] }>();
  if (newest === 0) return { times: [], perPod };
  const first = newest - Math.floor((newest - fromSeconds) / step) * step;
  const points = Math.floor((newest - first) / step) + 1;
  const times = Array.from({ length: points }, (_, i) => (first + i * step) * 1000);
  for (const [key, entry] of pods) {
    const cpu = new Array<number | null>(points).fill(null);
    const memory = new Array<number | null>(points).fill(null);
    let lastIndex = -2;
    const containers = entry.containers.length;
    entry.ring.forEach(fromSeconds, (seconds, at) => {
      const index = Math.ceil((seconds - first) / step);
      if (index < 0 || index >= points) return;
      let c = 0;
      let m = 0;
      let any = false;
      for (let i = 0; i < containers; i++) {
        const vc = at(2 * i);
        const vm = at(2 * i + 1);
        if (vc !== null) c += vc;
        if (vm !== null) m += vm;
        if (vc !== null || vm !== null) any = true;
      }
      if (!any) {
        lastIndex = -2;
        return;
      }
      // One scrape late: the skipped point takes this sample too.
      if (index === lastIndex + 2) {
        cpu[index - 1] = c;
        memory[index - 1] = m;
      }
      cpu[index] = c;
      memory[index] = m;
      lastIndex = index;
    });
    perPod.set(key, { cpu, memory });
  }
  return { times, perPod };
}

function sumSeries(
  id: string,
  list: { cpu: (number | null)[]; memory: (number | null)[] }[],
  points: number,
): Series {
  const cpu = new Array<number | null>(points).fill(null);
  const memory = new Array<number | null>(points).fill(null);
  for (const s of list)
    for (let i = 0; i < points; i++) {
      const c = s.cpu[i];
      const m = s.memory[i];
      if (c !== null && c !== undefined) cpu[i] = (cpu[i] ?? 0) + c;
      if (m !== null && m !== undefined) memory[i] = (memory[i] ?? 0) + m;
    }
  return { id, cpu, memory };
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
            ? entry.workload !== wanted
            : !(choice?.all || choice?.namespaces.includes(entry.namespace))
        )
          continue;
        pods.push([key, entry]);
      }
      const { times, perPod } = onGrid(pods, fromSeconds, resolutionMs);
      const references = empty();
      const current = members ?? new Set(pods.map(([k]) => k));
      references.figures = sumFigures([...current].map((k) => refs.podFigures(k)));
      let series: Series[];
      if (target.kind === 'workload') {
        series = [...perPod].map(([key, s]) => ({ id: key.slice(key.indexOf('/') + 1), ...s }));
      } else {
        // Top consumers by their newest CPU, the rest summed as 'other'.
        const latest = (s: { cpu: (number | null)[] }) => {
          for (let i = s.cpu.length - 1; i >= 0; i--) {
            const v = s.cpu[i];
            if (v !== null && v !== undefined) return v;
          }
          return -1;
        };
        const ranked = [...perPod].sort((a, b) => latest(b[1]) - latest(a[1]));
        const top = ranked.slice(0, MAX_OVERVIEW_SERIES);
        series = top.map(([key, s]) => ({ id: key, ...s }));
        const rest = ranked.slice(MAX_OVERVIEW_SERIES).map(([, s]) => s);
        if (rest.length > 0) series.push(sumSeries('other', rest, times.length));
      }
      return { ...base, times, series, references, windowMs: resolutionMs };
    }
  }
}
