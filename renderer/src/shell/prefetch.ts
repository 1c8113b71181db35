/**
 * Fetching the chunks a user is likely to need next, once the first view is on screen:
 * the other views' (view-chunks.ts) and the detail sections' (composition.ts), one at a
 * time, each when the page is idle, starting a little after the first view so that
 * prefetching never competes with the first view's own data for the main thread.
 */
import { detailSectionChunks } from './composition';
import { prefetchOrder } from './view-chunks';

/** Milliseconds after the first view is shown before prefetching starts. */
const PREFETCH_DELAY_MS = 1_500;
/** Milliseconds an idle callback may wait for an idle moment before it runs anyway. */
const IDLE_TIMEOUT_MS = 2_000;

let started = false;

/**
 * The benchmark's baseline for opening a view cold (e2e/bench/bundle.ts) sets
 * `localStorage['pilothouse.prefetch'] = 'off'`. No UI sets it.
 */
function prefetchEnabled(): boolean {
  try {
    return globalThis.localStorage?.getItem('pilothouse.prefetch') !== 'off';
  } catch {
    return true;
  }
}

/** Starts prefetching (once per page). */
export function prefetchAfterFirstView(): void {
  if (started || !prefetchEnabled()) return;
  started = true;
  // The table's own detail sections first (a click on a row is the likeliest next step),
  // then the views, then the other features' sections.
  const [tableSections, ...otherSections] = detailSectionChunks;
  const queue = [...(tableSections ? [tableSections] : []), ...prefetchOrder, ...otherSections];
  const next = () => {
    const chunk = queue.shift();
    if (!chunk) return;
    whenIdle(() => void chunk.load().then(next, next));
  };
  setTimeout(next, PREFETCH_DELAY_MS);
}

function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function')
    requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(run, 0);
}
