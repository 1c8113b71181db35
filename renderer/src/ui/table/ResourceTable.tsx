import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Column, Row } from '../../../../shared/resources/rows';
import { humanDuration } from '../../../../shared/kube/human-duration';
import { useNow } from '../../data/clock';
import { statusCounts, type SortState } from './row-order';
import { useShownRows } from './use-shown-rows';
import { isProvided, providedSortColumn } from './column-providers';
import '../common.css';
import './table.css';

const ROW_HEIGHT = 30;

export type CellRenderer = (row: Row, column: Column) => React.ReactNode | undefined;

/**
 * A virtualized, sortable, filterable table of live rows. Only the visible rows exist in
 * the DOM, so 10,000 rows scroll like 40. Keyboard: Tab to a row, Enter opens it.
 */
export function ResourceTable(props: {
  label: string;
  /** Plural noun for the count line: "pods". */
  noun: string;
  columns: readonly Column[];
  rows: Row[];
  selectedUid?: string | undefined;
  onOpen(row: Row): void;
  initialSort?: SortState;
  /** Extra controls for the toolbar (the Events view's toggles). */
  toolbar?: React.ReactNode;
  /** Shown instead of rows when there are none at all. */
  empty: React.ReactNode;
  hideNamespace?: boolean;
  /** Rows are still arriving (a large first list fills in page by page). */
  loading?: boolean;
  /**
   * A view's own drawing of some cells (the Rollouts view's progress bar): return
   * undefined to keep the default. Sorting and filtering still read `row.cells`.
   */
  renderCell?: CellRenderer | undefined;
}) {
  const [sort, setSort] = useState<SortState>(
    props.initialSort ?? { column: 'name', direction: 'asc' },
  );
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  // One array per column set: the sort below is redone whenever it changes.
  const columns = useMemo(
    () => (props.hideNamespace ? props.columns.filter((c) => c.id !== 'namespace') : props.columns),
    [props.columns, props.hideNamespace],
  );
  const shown = useShownRows(props.rows, columns, text, status, sort);
  const statuses = useMemo(() => statusCounts(props.rows), [props.rows]);
  // Sorted by a provided column, each round of its values puts other rows in view: keyed
  // by uid, React would remove every visible row element and build new ones (a long task
  // at 10,000 rows); keyed by position, it rewrites the cells of the same elements.
  const keyByPosition = providedSortColumn(columns, sort.column) !== undefined;
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns fresh functions each render, which the React Compiler cannot
  // memoise; this component opts out of it knowingly (the rows below are memoised instead).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  // Columns share the width by weight but never shrink below a readable size; a narrow
  // window scrolls the table sideways instead of cutting every value to "…".
  const template = columns
    .map((c) => `minmax(${Math.round((c.width ?? 1) * 64)}px, ${c.width ?? 1}fr)`)
    .join(' ');
  const minWidth = columns.reduce((sum, c) => sum + Math.round((c.width ?? 1) * 64) + 8, 20);

  const toggleSort = (column: string) =>
    setSort((s) =>
      s.column === column
        ? { column, direction: s.direction === 'asc' ? 'desc' : 'asc' }
        : { column, direction: 'asc' },
    );

  const count =
    shown.length === props.rows.length
      ? `${props.rows.length.toLocaleString('en-US')} ${props.noun}`
      : `${shown.length.toLocaleString('en-US')} of ${props.rows.length.toLocaleString('en-US')} ${props.noun}`;
  const countText = props.loading ? `${count} (loading…)` : count;

  return (
    <div className="resource-table">
      <div className="table-toolbar">
        <input
          type="search"
          aria-label="Filter"
          placeholder="Filter by name, label, node…"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {statuses.length > 0 && (
          <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">All statuses</option>
            {statuses.map(([s, n]) => (
              <option key={s} value={s}>
                {s} ({n.toLocaleString('en-US')})
              </option>
            ))}
          </select>
        )}
        {props.toolbar}
        <span className="row-count" aria-live="polite" data-testid="row-count">
          {countText}
        </span>
      </div>
      <div className="table-scroll">
        <div
          role="table"
          aria-label={props.label}
          aria-rowcount={shown.length + 1}
          className="table"
          style={{ minWidth }}
        >
          <div role="rowgroup" className="table-head">
            <div
              role="row"
              aria-rowindex={1}
              className="table-row"
              style={{ gridTemplateColumns: template }}
            >
              {columns.map((c) => (
                <div
                  role="columnheader"
                  key={c.id}
                  aria-sort={
                    sort.column === c.id
                      ? sort.direction === 'asc'
                        ? 'ascending'
                        : 'descending'
                      : 'none'
                  }
                  className={`cell ${c.align === 'end' ? 'end' : ''}`}
                >
                  <button type="button" className="sort-button" onClick={() => toggleSort(c.id)}>
                    {c.label}
                    <span aria-hidden="true">
                      {sort.column === c.id ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                </div>
              ))}
            </div>
          </div>
          {props.rows.length === 0 ? (
            <div className="table-empty">{props.empty}</div>
          ) : shown.length === 0 ? (
            <div className="table-empty">No {props.noun} match the filter.</div>
          ) : (
            <div ref={scroller} role="rowgroup" className="table-body">
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {virtualizer.getVirtualItems().map((item) => {
                  const row = shown[item.index]!;
                  return (
                    <TableRow
                      key={keyByPosition ? item.index : row.uid}
                      row={row}
                      columns={columns}
                      template={template}
                      index={item.index}
                      top={item.start}
                      selected={row.uid === props.selectedUid}
                      onOpen={props.onOpen}
                      renderCell={props.renderCell}
                    />
                  );
                })}
              </div>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

function TableRow(props: {
  row: Row;
  columns: readonly Column[];
  template: string;
  index: number;
  top: number;
  selected: boolean;
  onOpen(row: Row): void;
  renderCell?: CellRenderer | undefined;
}) {
  const { row } = props;
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      props.onOpen(row);
    }
  };
  return (
    <div
      role="row"
      aria-rowindex={props.index + 2}
      aria-selected={props.selected}
      tabIndex={0}
      className={`table-row body-row${props.selected ? ' selected' : ''}`}
      style={{
        gridTemplateColumns: props.template,
        transform: `translateY(${props.top}px)`,
        height: ROW_HEIGHT,
      }}
      onClick={() => props.onOpen(row)}
      onKeyDown={onKey}
    >
      {props.columns.map((c) => (
        <div
          role="cell"
          key={c.id}
          className={`cell ${c.align === 'end' ? 'end' : ''}`}
          title={titleOf(row, c)}
        >
          {isProvided(c) ? (
            <c.Cell row={row} />
          ) : (
            (props.renderCell?.(row, c) ?? <CellContent row={row} column={c} />)
          )}
        </div>
      ))}
    </div>
  );
}

function titleOf(row: Row, column: Column): string | undefined {
  if (column.type === 'status' && row.facts?.detail) return row.facts.detail;
  if (column.id === 'name') return row.name;
  return undefined;
}

function CellContent({ row, column }: { row: Row; column: Column }) {
  if (column.id === 'name') return <span className="name">{row.name}</span>;
  if (column.id === 'namespace') return <>{row.namespace ?? ''}</>;
  if (column.type === 'age') {
    const at = column.id === 'age' ? row.created : row.cells[column.id];
    return typeof at === 'string' ? <Age at={at} /> : <>—</>;
  }
  if (column.type === 'status') {
    return (
      <span className={`tone tone-${row.tone ?? 'muted'}`}>
        <span className="dot" aria-hidden="true" />
        {String(row.cells[column.id] ?? row.status ?? '')}
      </span>
    );
  }
  const value = row.cells[column.id];
  return <>{value === null || value === undefined ? '—' : String(value)}</>;
}

/** Re-renders itself once a second; nothing around it does. */
export function Age({ at }: { at: string }) {
  const now = useNow();
  return <time dateTime={at}>{humanDuration(now - Date.parse(at))}</time>;
}
