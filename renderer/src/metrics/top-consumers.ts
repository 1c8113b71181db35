/**
 * The Metrics view's table of top consumers, from an overview history: each series'
 * newest value (the series are the top pods by CPU, then 'other'), sorted by CPU, and
 * usage against the summed requests. Pure, so tested.
 */
import type { MetricsHistory } from '../../../shared/contract/metrics';
import { shareOf } from './format';

export interface Consumer {
  /** `namespace/name`, or 'other' for the remainder. */
  id: string;
  cpu: number | null;
  memory: number | null;
  /** When this series was last sampled (ms), undefined when never in the window. */
  sampledAt?: number;
}

export interface OverviewFigures {
  consumers: Consumer[];
  total: { cpu: number; memory: number; sampledAt?: number };
  requests: { cpu: number | null; memory: number | null };
  cpuShare?: number | undefined;
  memoryShare?: number | undefined;
}

function newest(values: (number | null)[], times: number[]) {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && v !== undefined) return { value: v, at: times[i]! };
  }
  return undefined;
}

export function overviewFigures(history: MetricsHistory): OverviewFigures {
  const consumers: Consumer[] = history.series.map((s) => {
    const cpu = newest(s.cpu, history.times);
    const memory = newest(s.memory, history.times);
    const c: Consumer = { id: s.id, cpu: cpu?.value ?? null, memory: memory?.value ?? null };
    const at = Math.max(cpu?.at ?? 0, memory?.at ?? 0);
    if (at > 0) c.sampledAt = at;
    return c;
  });
  // 'other' last, the rest by CPU, largest first.
  consumers.sort((a, b) =>
    a.id === 'other' ? 1 : b.id === 'other' ? -1 : (b.cpu ?? -1) - (a.cpu ?? -1),
  );
  // The total is the newest time's sum over every series (they share the time axis).
  const last = history.times.length - 1;
  let cpu = 0;
  let memory = 0;
  for (const s of history.series) {
    cpu += s.cpu[last] ?? 0;
    memory += s.memory[last] ?? 0;
  }
  const figures = history.references.figures;
  const out: OverviewFigures = {
    consumers,
    total: last >= 0 ? { cpu, memory, sampledAt: history.times[last]! } : { cpu: 0, memory: 0 },
    requests: { cpu: figures?.[0] ?? null, memory: figures?.[1] ?? null },
  };
  out.cpuShare = shareOf(cpu, out.requests.cpu);
  out.memoryShare = shareOf(memory, out.requests.memory);
  return out;
}
