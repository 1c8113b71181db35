import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { DEFAULT_LOG_BUFFER_LINES } from '../../../shared/contract/values';
import type { NamespaceChoice } from '../../../shared/contract/cluster';
import { navigate } from '../data/use-route';
import type { Route } from '../data/route';
import { useWorkspace } from '../data/workspace-context';
import { analyzeQuery } from './query-input';
import { LogStore, type LogSnapshot } from './log-store';
import { useLogStream, type StreamState } from './use-log-stream';
import { QueryBar } from './QueryBar';
import { SourcePanel } from './SourcePanel';
import { throttledFrames } from './frame-throttle';

/**
 * New lines reach the screen at most this often (30 renders/s while lines pour in): the
 * render cadence is one term of the newest line's lag (issue 15: p95 ≤ 150 ms at 20,000
 * lines/s, with main's 25 ms batches and the kubelet's own delay), and each render of a
 * following list replaces every row on screen, so per-frame renders would double the work.
 */
const NEW_LINES_EVERY_MS = 33;
import { LogToolbar } from './LogToolbar';
import { LogList, type LogListHandle } from './LogList';
import { LogsHint } from './LogsHint';
import { LogsEmpty } from './LogsEmpty';
import { ScopeNotes } from './ScopeNotes';
import type { RowOptions } from './LogRow';
import { downloadName, retainedText, saveText } from './download';
import '../ui/common.css';
import '../ui/banner.css';
import '../ui/buttons.css';
import './logs.css';
import './log-list.css';
import './ansi.css';

/**
 * The Logs view: a kail query (kept in the URL), the sources it matched, and the live,
 * virtualized list of their lines. Lines live in a LogStore outside React; the view
 * renders from its snapshot, at most once per animation frame.
 */
export function LogsView(props: { route: Route; context: string; namespaces: NamespaceChoice }) {
  const { api } = useWorkspace();
  const [store] = useState(
    () => new LogStore(DEFAULT_LOG_BUFFER_LINES, throttledFrames(NEW_LINES_EVERY_MS)),
  );
  const snapshot = useSyncExternalStore(store.subscribe, store.get);
  // Stable, so the memoised source panel does not re-render with every batch.
  const setHidden = useCallback(
    (hidden: ReadonlySet<number>) => store.setFilters({ ...store.get().filters, hidden }),
    [store],
  );
  const list = useRef<LogListHandle>(null);

  const applied = props.route.query ?? '';
  const analysis = useMemo(() => analyzeQuery(applied), [applied]);
  // The field follows the URL when it changes from outside (links, back and forward).
  const [text, setText] = useState(applied);
  const [seen, setSeen] = useState(applied);
  if (seen !== applied) {
    setSeen(applied);
    setText(applied);
  }
  const [followAll, setFollowAll] = useState(false);
  const [options, setOptions] = useState<RowOptions>({
    timestamps: false,
    wrap: false,
    json: false,
    namespaces: false,
  });
  const [search, setSearch] = useState('');
  // The query's `timestamps` flag (shared with the CLI) turns the toggle on.
  const timestampsAsked = analysis.ok && analysis.chips.some((c) => c.kind === 'timestamps');
  const [seenTimestamps, setSeenTimestamps] = useState(false);
  if (timestampsAsked !== seenTimestamps) {
    setSeenTimestamps(timestampsAsked);
    if (timestampsAsked) setOptions((o) => ({ ...o, timestamps: true }));
  }

  const started = analysis.ok && (applied.trim() !== '' || followAll);
  const stream = useLogStream(
    api,
    store,
    started
      ? { context: props.context, engineQuery: analysis.engineQuery, namespaces: props.namespaces }
      : undefined,
  );

  const liveFilters = analysis.ok ? JSON.stringify([analysis.include, analysis.exclude]) : '';
  useEffect(() => {
    if (!liveFilters) return;
    const [include, exclude] = JSON.parse(liveFilters) as [string[], string[]];
    store.setFilters({ include, exclude, hidden: store.get().filters.hidden });
  }, [store, liveFilters]);

  const apply = (next: string, restart: boolean) => {
    const { query: _query, ...rest } = props.route;
    navigate(
      {
        ...rest,
        context: props.context,
        namespaces: props.namespaces,
        ...(next.trim() ? { query: next } : {}),
      },
      restart,
    );
  };

  const moveMatch = (direction: 1 | -1) => {
    const [first, last] = list.current?.visibleRows() ?? [0, 0];
    const row = store.moveMatch(direction, direction > 0 ? first : last);
    if (row !== undefined) list.current?.revealRow(row);
  };

  const namespaceCount = new Set(snapshot.sources.map((s) => s.namespace)).size;
  const rowOptions = useMemo(
    () => ({ ...options, namespaces: namespaceCount > 1 }),
    [options, namespaceCount],
  );

  return (
    <section className="page logs-page" aria-labelledby="view-title">
      <div className="logs-head">
        <h1 id="view-title" className="page-title">
          Logs
        </h1>
        {started && (
          <>
            <StreamBadge phase={stream.state.phase} snapshot={snapshot} />
            <span className="logs-actions">
              <span className="row-count" data-testid="log-count">
                {lineCountText(snapshot)}
              </span>
              <button type="button" onClick={() => store.clear()} disabled={!snapshot.retained}>
                Clear
              </button>
              <button
                type="button"
                onClick={() => saveText(downloadName(props.context), retainedText(store))}
                disabled={!snapshot.retained}
                title="Save every retained line, filtered or not, as a text file"
              >
                Download
              </button>
            </span>
          </>
        )}
      </div>
      <QueryBar text={text} onText={setText} applied={analysis} onApply={apply} />
      {stream.state.phase === 'failed' && (
        <div role="alert" className="banner banner-bad">
          {stream.state.error.message}{' '}
          <button type="button" onClick={stream.retry}>
            Retry
          </button>
        </div>
      )}
      <ScopeNotes scopes={snapshot.scopes} />
      {snapshot.dropped > 0 && (
        <p role="status" className="banner banner-info">
          Showing the latest {snapshot.capacity.toLocaleString('en-US')} lines;{' '}
          {snapshot.dropped.toLocaleString('en-US')} older lines were let go.
        </p>
      )}
      {!started ? (
        analysis.ok && (
          <LogsHint
            namespaces={props.namespaces}
            onExample={setText}
            onFollowAll={() => setFollowAll(true)}
          />
        )
      ) : (
        <div className="logs-body">
          {snapshot.sources.length > 0 && (
            <SourcePanel
              store={store}
              sources={snapshot.sources}
              hidden={snapshot.filters.hidden}
              onHidden={setHidden}
            />
          )}
          <div className="logs-main">
            <LogToolbar
              snapshot={snapshot}
              options={options}
              onOptions={setOptions}
              onPause={(paused) => store.setPaused(paused)}
              search={search}
              onSearch={(value) => {
                setSearch(value);
                store.setSearch(value);
              }}
              onMatch={moveMatch}
            />
            <LogList
              ref={list}
              store={store}
              snapshot={snapshot}
              options={rowOptions}
              empty={
                <LogsEmpty
                  phase={stream.state.phase}
                  snapshot={snapshot}
                  engineQuery={analysis.ok ? analysis.engineQuery : ''}
                  namespaces={props.namespaces}
                />
              }
            />
          </div>
        </div>
      )}
    </section>
  );
}

/** "1,234 lines", or "120 of 1,234 lines" while filters or hidden sources leave some out. */
function lineCountText(snapshot: LogSnapshot): string {
  const shown = `${snapshot.rowCount.toLocaleString('en-US')} lines`;
  const { include, exclude, hidden } = snapshot.filters;
  if (include.length + exclude.length + hidden.size === 0) return shown;
  return `${snapshot.rowCount.toLocaleString('en-US')} of ${snapshot.retained.toLocaleString('en-US')} lines`;
}

function StreamBadge(props: { phase: StreamState['phase']; snapshot: LogSnapshot }) {
  const phases = Object.values(props.snapshot.scopes).map((s) => s.phase);
  const [label, tone] = props.snapshot.paused
    ? ['Paused', 'warn']
    : props.phase === 'failed'
      ? ['Stopped', 'bad']
      : props.phase === 'ended'
        ? ['Ended', 'muted']
        : props.phase !== 'live'
          ? ['Starting…', 'warn']
          : phases.length > 0 && phases.every((p) => p === 'forbidden' || p === 'error')
            ? ['Forbidden', 'bad']
            : phases.includes('reconnecting')
              ? ['Reconnecting', 'warn']
              : ['Live', 'ok'];
  return (
    <span role="status" aria-label="Stream" className={`tone tone-${tone} stream-badge`}>
      <span className="dot" aria-hidden="true" />
      {label}
    </span>
  );
}
