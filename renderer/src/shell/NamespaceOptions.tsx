import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';

// Estimated height of one option row; rows with long names wrap and are measured.
const ROW_HEIGHT_PX = 26;
// Up to this many namespaces every row is in the DOM (find-in-page and tests see them all);
// beyond it only the visible rows and a margin are: 20,000 checkboxes would take seconds
// to mount and make every keystroke in the filter a long task.
const RENDER_ALL_UP_TO = 200;
const OVERSCAN_ROWS = 12;

/** The namespace checkboxes of the picker, virtualized for clusters with thousands of them. */
export function NamespaceOptions(props: {
  names: readonly string[];
  isChosen(name: string): boolean;
  isAdded(name: string): boolean;
  onToggle(name: string, on: boolean): void;
  onForget(name: string): void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const { names } = props;
  // TanStack Virtual returns fresh functions each render, which the React Compiler cannot
  // memoise; this small component opts out of it knowingly.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: names.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: names.length <= RENDER_ALL_UP_TO ? names.length : OVERSCAN_ROWS,
    // The first paint has no measured viewport yet; without this it would show no rows.
    initialRect: { width: 280, height: ROW_HEIGHT_PX * 16 },
  });
  return (
    <div className="ns-scroller" ref={scroller} style={{ height: virtualizer.getTotalSize() }}>
      <div className="ns-rows" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const name = names[item.index]!;
          return (
            <div
              className="ns-option"
              key={name}
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <label className="ns-label">
                <input
                  type="checkbox"
                  checked={props.isChosen(name)}
                  onChange={(e) => props.onToggle(name, e.target.checked)}
                />
                <span className="ns-name">{name}</span>
              </label>
              {props.isAdded(name) && (
                <button
                  type="button"
                  className="link"
                  aria-label={`Forget namespace ${name}`}
                  onClick={() => props.onForget(name)}
                >
                  ✕
                </button>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
