import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type Ref,
} from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { LogSnapshot, LogStore } from './log-store';
import { LogRow, type RowOptions } from './LogRow';

/** The height of one unwrapped line (CSS keeps .log-row at exactly this). */
export const ROW_HEIGHT = 20;
/** How close to the bottom counts as "at the bottom" when the reader scrolls back down. */
const BOTTOM_SLACK = 4;

export interface LogListHandle {
  /** The first and last rows on screen. */
  visibleRows(): [first: number, last: number];
  /** Shows a row in the middle of the list and stops following. */
  revealRow(row: number): void;
}

/**
 * The virtualized log list. Only rows on screen exist in the DOM. Follows the newest
 * line until the reader scrolls up; then the list stays where it is (compensating when
 * the buffer drops old rows above) and offers "Jump to latest".
 */
export function LogList(props: {
  store: LogStore;
  snapshot: LogSnapshot;
  options: RowOptions;
  empty: React.ReactNode;
  ref?: Ref<LogListHandle>;
}) {
  const { store, snapshot, options } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const following = useRef(follow);
  following.current = follow;
  /** Where we last put scrollTop ourselves: other scroll positions are the reader's. */
  const pinned = useRef(0);
  const seenTrimmed = useRef(snapshot.trimmed);
  const variable = options.wrap || options.json;

  const toBottom = () => {
    const el = scroller.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    pinned.current = el.scrollTop;
  };

  // Wrapped rows are keyed by sequence, so measured heights survive rows being dropped
  // from the top. Fixed-height rows need no keys: the virtualizer re-keys every row (all
  // 100,000) whenever the count changes, and looking each one up cost most of a frame.
  const { trimmed } = snapshot;
  const seqKey = useCallback(
    (index: number) => store.row(index, trimmed)?.seq ?? -1 - index,
    [store, trimmed],
  );
  const indexKey = useCallback((index: number) => index, []);
  const itemKey = variable ? seqKey : indexKey;

  // TanStack Virtual returns fresh functions each render, which the React Compiler cannot
  // memoise; this component opts out knowingly (rows are memoised instead).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: snapshot.rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: itemKey,
    // Every row on screen is new at each batch while following a busy stream: rendering
    // few beyond the screen keeps that work small. Wrapped rows vary, so keep more.
    overscan: variable ? 15 : 4,
    // Measure wrapped rows once per frame, not once per row as each one mounts.
    useAnimationFrameWithResizeObserver: true,
    // Wrapped rows are measured after they render; keep the bottom in view as they grow.
    onChange: () => {
      if (following.current && variable) toBottom();
    },
  });

  // While following, the list is pinned to the bottom here; the virtualizer's own scroll
  // corrections for rows measured above the fold would only fight that (and force layout
  // once per new row). A reader scrolled up keeps them, so the lines they read stay put.
  virtualizer.shouldAdjustScrollPositionOnItemSizeChange = () => !following.current;

  // Row heights mean something else once wrapping, JSON or timestamps change.
  useEffect(() => {
    virtualizer.measure();
  }, [virtualizer, variable, options.timestamps]);

  /** The reader's place: the first row on screen (by sequence) and how far it is scrolled. */
  const anchor = useRef<{ seq: number; offset: number } | undefined>(undefined);
  const rememberAnchor = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const item = virtualizer.getVirtualItems().find((i) => i.end > el.scrollTop);
    const seq = item ? store.row(item.index)?.seq : undefined;
    anchor.current =
      item && seq !== undefined ? { seq, offset: el.scrollTop - item.start } : undefined;
  }, [virtualizer, store]);

  useLayoutEffect(() => {
    const el = scroller.current;
    const trimmed = snapshot.trimmed - seenTrimmed.current;
    seenTrimmed.current = snapshot.trimmed;
    if (trimmed > 0) forgetSizesBefore(virtualizer.itemSizeCache, store.row(0)?.seq ?? 0);
    if (!el) return;
    if (follow) return toBottom();
    if (trimmed > 0 && anchor.current) {
      // Rows above the reader were dropped: put the row they were reading back where it
      // was, and tell the virtualizer now, so no frame shows the old window at the new spot.
      const index = store.indexOf(anchor.current.seq);
      const start = index < 0 ? 0 : (virtualizer.measurementsCache[index]?.start ?? 0);
      el.scrollTop = Math.max(0, start + (index < 0 ? 0 : anchor.current.offset));
      pinned.current = el.scrollTop;
      el.dispatchEvent(new Event('scroll'));
    }
    rememberAnchor();
  }, [snapshot.version, snapshot.trimmed, follow, store, virtualizer, rememberAnchor]);

  useImperativeHandle(props.ref, () => ({
    visibleRows() {
      const items = virtualizer.getVirtualItems();
      const el = scroller.current;
      if (!el || items.length === 0) return [0, 0];
      const top = el.scrollTop;
      const bottom = top + el.clientHeight;
      const onScreen = items.filter((i) => i.end > top && i.start < bottom);
      return [onScreen[0]?.index ?? 0, onScreen.at(-1)?.index ?? 0];
    },
    revealRow(row) {
      setFollow(false);
      following.current = false;
      virtualizer.scrollToIndex(row, { align: 'center' });
      pinned.current = scroller.current?.scrollTop ?? 0;
    },
  }));

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    rememberAnchor();
    const gap = el.scrollHeight - el.scrollTop - el.clientHeight;
    if (gap <= BOTTOM_SLACK) {
      if (!following.current) setFollow(true);
    } else if (following.current && Math.abs(el.scrollTop - pinned.current) > 1) {
      setFollow(false);
    }
  };

  const items = virtualizer.getVirtualItems();
  // While following a busy stream every row on screen is new at each frame. Keyed by line,
  // React would remove ~50 row elements and create ~50 (their attributes, spans and text)
  // per frame; keyed by their slot on screen, it rewrites the text of the same elements.
  // Wrapped rows are measured per element, and a reader scrolling keeps rows keyed by line.
  const slotKeys = follow && !variable;
  const firstIndex = items[0]?.index ?? 0;
  const sources = new Map(snapshot.sources.map((s) => [s.id, s]));
  const currentRow = snapshot.search.row;
  return (
    <div className="log-frame">
      {snapshot.rowCount === 0 && <div className="log-empty">{props.empty}</div>}
      <div
        ref={scroller}
        role="log"
        aria-label="Log lines"
        // A live region reading out thousands of lines a second helps nobody.
        aria-live="off"
        tabIndex={0}
        className={`log-scroll${options.wrap ? ' wrap' : ''}`}
        data-line-count={snapshot.rowCount}
        data-newest-time={snapshot.newestTime ?? ''}
        onScroll={onScroll}
        hidden={snapshot.rowCount === 0}
      >
        <div className="log-canvas" style={{ height: virtualizer.getTotalSize() }}>
          <div
            className="log-window"
            style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}
          >
            {items.map((item) => {
              const entry = store.row(item.index, snapshot.trimmed);
              if (!entry) return null;
              return (
                <LogRow
                  key={slotKeys ? item.index - firstIndex : entry.seq}
                  ref={variable ? virtualizer.measureElement : undefined}
                  index={item.index}
                  entry={entry}
                  source={sources.get(entry.source)}
                  options={options}
                  needle={snapshot.search.needle}
                  current={item.index === currentRow}
                />
              );
            })}
          </div>
        </div>
      </div>
      {!follow && snapshot.rowCount > 0 && (
        <button type="button" className="jump-latest" onClick={() => setFollow(true)}>
          ↓ Jump to latest
        </button>
      )}
    </div>
  );
}

/**
 * Drops measured heights of rows the buffer let go: keyed by an ever-growing sequence,
 * the virtualizer's cache would otherwise grow with every line ever shown. Heights are
 * stored in the order rows were measured (mostly ascending), so this stops at the first
 * one still retained.
 */
function forgetSizesBefore(cache: Map<unknown, number>, firstSeq: number): void {
  for (const key of cache.keys()) {
    if (typeof key !== 'number' || key >= firstSeq) break;
    cache.delete(key);
  }
}
