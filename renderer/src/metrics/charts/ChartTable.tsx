import { formatTime } from '../format';
import { formatValue, type ChartModel } from '../chart-model';

/** At most this many samples in the fallback table (newest first): 15 minutes at 15 s. */
const MAX_TABLE_ROWS = 60;

/**
 * The chart's numbers as a table, newest sample first: one column per series, the total
 * when stacked, and the reference lines in the caption. What "Show as table" shows.
 */
export function ChartTable(props: { title: string; model: ChartModel }) {
  const { model } = props;
  const rows = model.points.slice(-MAX_TABLE_ROWS).reverse();
  const total = model.stacked && model.series.length > 1;
  return (
    <div className="usage-table-scroll">
      <table className="usage-table" aria-label={`${props.title} as a table`}>
        <caption>
          {model.references.length > 0
            ? model.references
                .map((r) => `${r.label}: ${formatValue(model.resource, r.value)}`)
                .join(' · ')
            : 'No requests or limits set'}
          {model.points.length > MAX_TABLE_ROWS &&
            ` · the newest ${MAX_TABLE_ROWS} of ${model.points.length} samples`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Sampled</th>
            {model.series.map((s) => (
              <th scope="col" key={s.key}>
                {s.label}
              </th>
            ))}
            {total && <th scope="col">Total</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => {
            let sum = 0;
            let any = false;
            return (
              <tr key={p.t}>
                <th scope="row">
                  <time dateTime={new Date(p.t).toISOString()}>{formatTime(p.t)}</time>
                </th>
                {model.series.map((s) => {
                  const v = p[s.key];
                  if (v != null) {
                    sum += v;
                    any = true;
                  }
                  return <td key={s.key}>{v == null ? '—' : formatValue(model.resource, v)}</td>;
                })}
                {total && <td>{any ? formatValue(model.resource, sum) : '—'}</td>}
              </tr>
            );
          })}
          {rows.length === 0 && (
            <tr>
              <td colSpan={model.series.length + 2}>No samples yet.</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
