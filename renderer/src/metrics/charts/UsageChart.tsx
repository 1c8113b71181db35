import { useId, useState } from 'react';
import {
  Area,
  AreaChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCpuShort, formatMemoryShort, formatTime } from '../format';
import {
  chartSummary,
  formatValue,
  type ChartModel,
  type ChartPoint,
  type ChartReference,
} from '../chart-model';
import { ChartTable } from './ChartTable';
import '../metrics.css';
import '../../ui/buttons.css';

/** Mid tones that read on the light and the dark panel alike. */
export const SERIES_COLORS = [
  '#3b82f6',
  '#10b981',
  '#f59e0b',
  '#8b5cf6',
  '#ec4899',
  '#06b6d4',
  '#84cc16',
  '#f97316',
  '#a855f7',
  '#14b8a6',
  '#94a3b8',
];
const REFERENCE_COLORS: Record<ChartReference['kind'], string> = {
  request: '#d97706',
  limit: '#dc2626',
  allocatable: '#6b7280',
};
const CHART_HEIGHT_PX = 180;

/**
 * One usage chart over time (CPU or memory), with reference lines, a tooltip giving exact
 * values (as `kubectl top` writes them) and the sample's time, an accessible name that
 * says the newest figure and the lines, and "Show as table" for the same numbers as text.
 */
export function UsageChart(props: { title: string; model: ChartModel }) {
  const { title, model } = props;
  const [asTable, setAsTable] = useState(false);
  const captionId = useId();
  const summary = chartSummary(title, model);
  const axis = model.resource === 'cpu' ? formatCpuShort : formatMemoryShort;
  // Minutes on the time axis once it spans ten of them; seconds before (no "04:05, 04:05").
  const span = (model.points.at(-1)?.t ?? 0) - (model.points[0]?.t ?? 0);
  const short = span >= 10 * 60_000;
  const top = Math.max(
    model.latest?.total ?? 0,
    ...model.references.map((r) => r.value),
    ...model.points.map((p) =>
      model.series.reduce(
        (sum, s) => (model.stacked ? sum + (p[s.key] ?? 0) : Math.max(sum, p[s.key] ?? 0)),
        0,
      ),
    ),
  );
  return (
    <figure className="usage-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        <span className="usage-chart-title">{title}</span>
        <span className="muted">
          {model.latest
            ? ` ${formatValue(model.resource, model.latest.total)}, sampled ${formatTime(model.latest.at)}`
            : ' no sample yet'}
        </span>
        <button
          type="button"
          className="chart-toggle"
          aria-pressed={asTable}
          onClick={() => setAsTable((v) => !v)}
        >
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </figcaption>
      {asTable ? (
        <ChartTable title={title} model={model} />
      ) : (
        <div className="usage-chart-plot" role="img" aria-label={summary}>
          <ResponsiveContainer width="100%" height={CHART_HEIGHT_PX}>
            <AreaChart data={model.points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" className="usage-grid" />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={['dataMin', 'dataMax']}
                tickFormatter={(t: number) => (short ? formatTime(t).slice(0, 5) : formatTime(t))}
                minTickGap={40}
              />
              <YAxis
                tickFormatter={(v: number) => axis(v)}
                width={64}
                domain={[0, Math.ceil(top * 1.1) || 1]}
              />
              <Tooltip
                isAnimationActive={false}
                content={(p) => (
                  <ChartTooltip
                    model={model}
                    point={p.active ? (p.payload[0]?.payload as ChartPoint | undefined) : undefined}
                  />
                )}
              />
              {model.series.map((s, i) => (
                <Area
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  type="monotone"
                  stackId={model.stacked ? 'usage' : undefined}
                  stroke={SERIES_COLORS[i % SERIES_COLORS.length]}
                  fill={SERIES_COLORS[i % SERIES_COLORS.length]}
                  fillOpacity={model.stacked ? 0.35 : 0.15}
                  isAnimationActive={false}
                  connectNulls={false}
                  dot={false}
                />
              ))}
              {model.references.map((r) => (
                <ReferenceLine
                  key={r.label}
                  y={r.value}
                  stroke={REFERENCE_COLORS[r.kind]}
                  strokeDasharray={r.kind === 'allocatable' ? undefined : '6 3'}
                  className={`usage-reference reference-${r.kind}`}
                  label={{
                    value: `${r.label} ${formatValue(model.resource, r.value)}`,
                    position: 'insideTopRight',
                    className: 'usage-reference-label',
                  }}
                  ifOverflow="extendDomain"
                />
              ))}
            </AreaChart>
          </ResponsiveContainer>
          <ul className="usage-legend" aria-hidden="true">
            {model.series.map((s, i) => (
              <li key={s.key}>
                <span
                  className="swatch"
                  style={{ background: SERIES_COLORS[i % SERIES_COLORS.length] }}
                />
                {s.label}
              </li>
            ))}
          </ul>
        </div>
      )}
    </figure>
  );
}

/** Exact figures at one time: each series, the total when stacked, and the lines. */
function ChartTooltip(props: { model: ChartModel; point: ChartPoint | undefined }) {
  const { model, point } = props;
  if (!point) return null;
  const values = model.series
    .map((s, i) => ({ s, i, v: point[s.key] }))
    .filter((x): x is { s: (typeof model.series)[number]; i: number; v: number } => x.v != null);
  const total = values.reduce((sum, x) => sum + x.v, 0);
  return (
    <div className="usage-tooltip" role="tooltip">
      <time dateTime={new Date(point.t).toISOString()}>sampled {formatTime(point.t)}</time>
      <ul>
        {values.length === 0 && <li className="muted">no sample (gap)</li>}
        {values.map((x) => (
          <li key={x.s.key}>
            <span
              className="swatch"
              style={{ background: SERIES_COLORS[x.i % SERIES_COLORS.length] }}
            />
            <span className="usage-tooltip-name">{x.s.label}</span>
            <span className="usage-tooltip-value">{formatValue(model.resource, x.v)}</span>
          </li>
        ))}
        {model.stacked && values.length > 1 && (
          <li className="usage-tooltip-total">
            <span className="usage-tooltip-name">total</span>
            <span className="usage-tooltip-value">{formatValue(model.resource, total)}</span>
          </li>
        )}
        {model.references.map((r) => (
          <li key={r.label} className="muted">
            <span className="usage-tooltip-name">{r.label}</span>
            <span className="usage-tooltip-value">{formatValue(model.resource, r.value)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
