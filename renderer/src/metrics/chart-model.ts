/**
 * A history (shared/contract/metrics.ts) turned into what one chart draws: points on the
 * time axis, the series (stacked: containers of a pod, pods of a workload, top consumers
 * of an overview), the reference lines (requests, limits, allocatable, the requested sum
 * on a node) and the sentence that names the chart for screen readers. Pure, so tested.
 */
import type { MetricsHistory, ResourceFigures } from '../../../shared/contract/metrics';
import { formatCpu, formatMemory, formatTime } from './format';

export type ChartResource = 'cpu' | 'memory';

export interface ChartSeries {
  /** The point field: `s0`, `s1`… (series ids are names a cluster chose). */
  key: string;
  label: string;
}

export interface ChartReference {
  label: string;
  value: number;
  kind: 'request' | 'limit' | 'allocatable';
}

export type ChartPoint = { t: number } & Record<string, number | null>;

export interface ChartModel {
  resource: ChartResource;
  points: ChartPoint[];
  series: ChartSeries[];
  references: ChartReference[];
  stacked: boolean;
  /** The newest time with a value, and the total then. */
  latest?: { at: number; total: number };
}

export const formatValue = (resource: ChartResource, value: number): string =>
  resource === 'cpu' ? formatCpu(value) : formatMemory(value);

const pick = (figures: ResourceFigures | null, resource: ChartResource, limit: boolean) =>
  figures?.[(resource === 'cpu' ? 0 : 1) + (limit ? 2 : 0)] ?? null;

function referencesOf(history: MetricsHistory, resource: ChartResource): ChartReference[] {
  const refs: ChartReference[] = [];
  const add = (label: string, value: number | null, kind: ChartReference['kind']) => {
    if (value !== null && value > 0) refs.push({ label, value, kind });
  };
  const { target, references } = history;
  if (target.kind === 'node') {
    const allocatable = references.allocatable?.[resource === 'cpu' ? 0 : 1] ?? null;
    add('allocatable', allocatable, 'allocatable');
    add('requested (sum of pods)', pick(references.allocated, resource, false), 'request');
    add('limits (sum of pods)', pick(references.allocated, resource, true), 'limit');
    return refs;
  }
  const figures =
    target.kind === 'container'
      ? (references.perSeries.find(([id]) => id === target.container)?.[1] ?? null)
      : references.figures;
  const sum = target.kind === 'workload' || target.kind === 'overview' ? ' (sum)' : '';
  add(`requests${sum}`, pick(figures, resource, false), 'request');
  add(`limits${sum}`, pick(figures, resource, true), 'limit');
  return refs;
}

export function chartModel(history: MetricsHistory, resource: ChartResource): ChartModel {
  const series = history.series.map((s, i) => ({ key: `s${i}`, label: s.id }));
  const points: ChartPoint[] = history.times.map((t, i) => {
    const point: ChartPoint = { t } as ChartPoint;
    history.series.forEach((s, j) => {
      point[`s${j}`] = (resource === 'cpu' ? s.cpu : s.memory)[i] ?? null;
    });
    return point;
  });
  let latest: ChartModel['latest'];
  for (let i = points.length - 1; i >= 0 && !latest; i--) {
    const values = series.map((s) => points[i]![s.key]).filter((v): v is number => v != null);
    if (values.length > 0) latest = { at: points[i]!.t, total: values.reduce((a, b) => a + b, 0) };
  }
  const model: ChartModel = {
    resource,
    points,
    series,
    references: referencesOf(history, resource),
    stacked: history.target.kind !== 'node' && series.length > 1,
  };
  if (latest) model.latest = latest;
  return model;
}

/** What the chart's accessible name says: the newest figure, its time and the lines. */
export function chartSummary(title: string, model: ChartModel): string {
  const parts = [title];
  if (model.latest)
    parts.push(
      `${formatValue(model.resource, model.latest.total)} at ${formatTime(model.latest.at)}`,
    );
  else parts.push('no sample yet');
  for (const r of model.references)
    parts.push(`${r.label} ${formatValue(model.resource, r.value)}`);
  return parts.join('; ');
}
