import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  cellText,
  failCounts,
  failingFilters,
  orderedRows,
  preferenceTerms,
  verdictMark,
  type FitMatrixModel,
  type MatrixRow,
} from './fit-view';

/** Two lines of reason text per cell; the whole reason is the cell's tooltip and accessible name. */
const ROW_HEIGHT = 42;
/** Enough rows to fill a tall panel; more scroll inside the matrix (only visible rows exist). */
const MAX_VISIBLE_ROWS = 12;

/**
 * Nodes as rows, kube-scheduler's filters as columns in its order: each cell an icon and
 * a word (never colour alone) with the reason; nodes that fit first. Rows are virtualized,
 * so hundreds or thousands of nodes cost what the visible ones cost. A row opens the full
 * reasons of its node and its preference scores below the matrix.
 */
export function FitMatrix({ model: full }: { model: FitMatrixModel }) {
  const [onlyFailing, setOnlyFailing] = useState(false);
  const model = useMemo(() => (onlyFailing ? failingFilters(full) : full), [full, onlyFailing]);
  const rows = useMemo(() => orderedRows(model.rows), [model.rows]);
  const counts = useMemo(() => failCounts(model), [model]);
  const [open, setOpen] = useState<string>();
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns fresh functions each render (see ResourceTable): opted out knowingly.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const template = `minmax(8em, 1.3fr) 4em repeat(${model.filters.length}, minmax(7em, 1fr))`;
  const height = Math.min(rows.length, MAX_VISIBLE_ROWS) * ROW_HEIGHT;
  // The full row (every filter), whatever columns the matrix shows.
  const openRow = full.rows.find((r) => r.node === open);

  return (
    <>
      <label className="toggle fit-toggle">
        <input
          type="checkbox"
          checked={onlyFailing}
          onChange={(e) => setOnlyFailing(e.target.checked)}
        />
        Only the filters some node fails ({failingFilters(full).filters.length} of{' '}
        {full.filters.length})
      </label>
      <div className="fit-matrix-wrap">
        <div
          role="table"
          aria-label="Fit matrix"
          aria-rowcount={rows.length + 1}
          className="fit-matrix"
          style={{ minWidth: `${8 + 4 + model.filters.length * 7 + 2}em` }}
        >
          <div role="rowgroup">
            <div role="row" className="fit-row fit-head" style={{ gridTemplateColumns: template }}>
              <span role="columnheader">Node</span>
              <span role="columnheader">Fits</span>
              {model.filters.map((f, i) => (
                <span
                  role="columnheader"
                  key={f}
                  title={`${f}: ${counts[i]} node(s) fail`}
                  className="fit-filter"
                >
                  {f}
                  {counts[i]! > 0 && <span className="fit-count"> ({counts[i]} ✗)</span>}
                </span>
              ))}
            </div>
          </div>
          <div
            role="rowgroup"
            ref={scroller}
            className="fit-body"
            style={{ height: height || ROW_HEIGHT }}
          >
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = rows[item.index]!;
                return (
                  <div
                    key={row.node}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-label={`Node ${row.node}`}
                    aria-selected={open === row.node}
                    tabIndex={0}
                    className={`fit-row ${row.fits ? 'fits' : 'no-fit'}`}
                    style={{
                      gridTemplateColumns: template,
                      transform: `translateY(${item.start}px)`,
                      height: ROW_HEIGHT,
                    }}
                    onClick={() => setOpen(open === row.node ? undefined : row.node)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') setOpen(open === row.node ? undefined : row.node);
                    }}
                  >
                    <span role="cell" className="cut" title={row.node}>
                      {row.node}
                    </span>
                    <span role="cell" className={`verdict verdict-${row.fits ? 'pass' : 'fail'}`}>
                      {row.fits ? '✓ fits' : '✗ no'}
                    </span>
                    {model.filters.map((f, i) => {
                      const cell = row.cells[i] ?? { verdict: 'skipped', reason: '' };
                      const mark = verdictMark[cell.verdict];
                      const label = `${f} ${mark.word}${cell.reason ? `: ${cell.reason}` : ''}`;
                      return (
                        <span
                          role="cell"
                          key={f}
                          aria-label={label}
                          title={label}
                          className={`verdict verdict-${cell.verdict}`}
                        >
                          <span className="clamp">
                            <span aria-hidden="true">{mark.icon}</span>{' '}
                            {cell.verdict === 'pass' ? 'pass' : cellText(cell.reason) || mark.word}
                          </span>
                        </span>
                      );
                    })}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      </div>
      {openRow && <NodeReasons row={openRow} model={full} />}
    </>
  );
}

/** One node's verdicts in full (the matrix cuts them to the column) and its scores. */
function NodeReasons({ row, model }: { row: MatrixRow; model: FitMatrixModel }) {
  return (
    <section className="fit-reasons" aria-label={`Why ${row.node}`}>
      <h4>
        {row.node}: {row.fits ? 'fits' : 'does not fit'}
      </h4>
      <ul>
        {model.filters.map((f, i) => {
          const cell = row.cells[i];
          if (!cell) return null;
          const mark = verdictMark[cell.verdict];
          return (
            <li key={f} className={`verdict-${cell.verdict}`}>
              <span aria-hidden="true">{mark.icon}</span> <strong>{f}</strong> {mark.word}
              {cell.reason ? `: ${cell.reason}` : ''}
            </li>
          );
        })}
      </ul>
      {row.scores.length > 0 && (
        <p className="muted">
          Preferences: {row.scores.map((s) => `${s.term} ${s.score}`).join(' · ')}
        </p>
      )}
    </section>
  );
}

/**
 * The preferred side for feasible nodes: one column per term (PreferNoSchedule taints,
 * preferred node affinity, preferred pod affinity), each node's score for it. It does not
 * say which node the scheduler will pick: other scores and ties decide that.
 */
export function PreferenceScores({ model }: { model: FitMatrixModel }) {
  const terms = useMemo(() => preferenceTerms(model.rows), [model.rows]);
  const feasible = model.rows.filter((r) => r.fits);
  if (feasible.length === 0) return null;
  if (terms.length === 0)
    return <p className="muted">No preferences (no preferred terms, no PreferNoSchedule taint).</p>;
  return (
    <div className="fit-scores-wrap">
      <table className="mini-table fit-scores" aria-label="Preference scores">
        <thead>
          <tr>
            <th>Node</th>
            {terms.map((t) => (
              <th key={t}>{t}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {feasible.slice(0, 200).map((r) => (
            <tr key={r.node}>
              <td>{r.node}</td>
              {terms.map((t) => (
                <td key={t}>{r.scores.find((s) => s.term === t)?.score ?? '–'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {feasible.length > 200 && (
        <p className="muted">The first 200 of {feasible.length} feasible nodes.</p>
      )}
      <p className="muted">
        Scores per term only; kube-scheduler adds its other scores (balance, images, spread) and
        breaks ties at random, so this does not say which node it will pick.
      </p>
    </div>
  );
}
