import type { LogSnapshot, SearchState } from './log-store';
import type { RowOptions } from './LogRow';

/** Pause, search and display toggles: what changes how the list reads. */
export function LogToolbar(props: {
  snapshot: LogSnapshot;
  options: RowOptions;
  onOptions(options: RowOptions): void;
  onPause(paused: boolean): void;
  search: string;
  onSearch(text: string): void;
  onMatch(direction: 1 | -1): void;
}) {
  const { snapshot, options } = props;
  const { search } = snapshot;
  const toggle = (key: 'timestamps' | 'wrap' | 'json', label: string) => (
    <label className="toggle">
      <input
        type="checkbox"
        checked={options[key]}
        onChange={(e) => props.onOptions({ ...options, [key]: e.target.checked })}
      />{' '}
      {label}
    </label>
  );
  return (
    <div className="log-toolbar" role="toolbar" aria-label="Log controls">
      <div className="toolbar-group">
        <button
          type="button"
          className={snapshot.paused ? 'primary' : undefined}
          onClick={() => props.onPause(!snapshot.paused)}
        >
          {snapshot.paused ? '▶ Resume' : '❚❚ Pause'}
        </button>
        {snapshot.paused && (
          <span role="status" aria-label="New lines" className="pending-count">
            {snapshot.pendingCount.toLocaleString('en-US')} new
          </span>
        )}
      </div>
      <div className="toolbar-group log-search">
        <input
          type="search"
          aria-label="Search logs"
          placeholder="Search"
          value={props.search}
          onChange={(e) => props.onSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            props.onMatch(e.shiftKey ? -1 : 1);
          }}
        />
        <span className="match-count" aria-label="Matches" aria-live="polite">
          {matchText(search)}
        </span>
        <button
          type="button"
          aria-label="Previous match"
          disabled={search.count === 0}
          onClick={() => props.onMatch(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          aria-label="Next match"
          disabled={search.count === 0}
          onClick={() => props.onMatch(1)}
        >
          ↓
        </button>
      </div>
      <div className="toolbar-group">
        {toggle('timestamps', 'Timestamps')}
        {toggle('wrap', 'Wrap')}
        {toggle('json', 'Pretty JSON')}
      </div>
    </div>
  );
}

function matchText(search: SearchState): string {
  if (!search.needle) return '';
  const count = search.count.toLocaleString('en-US');
  if (search.count === 0) return 'No matches';
  if (search.position > 0) return `${search.position.toLocaleString('en-US')} of ${count}`;
  return `${count} ${search.count === 1 ? 'match' : 'matches'}`;
}
