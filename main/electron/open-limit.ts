/**
 * A page that may ask for links to open in the user's browser could ask a thousand times
 * a second (window.open in a loop) and flood the desktop with tabs. At most one external
 * open per EXTERNAL_OPEN_MIN_INTERVAL_MS goes through; the rest are dropped and logged.
 * The clock is injected so the unit test needs no timers.
 */

/** A person clicks links slower than this; a script in a loop does not. */
export const EXTERNAL_OPEN_MIN_INTERVAL_MS = 1_000;

/** Returns a gate: true when an external open may go ahead now. */
export function externalOpenLimiter(
  now: () => number = () => performance.now(),
  intervalMs = EXTERNAL_OPEN_MIN_INTERVAL_MS,
): () => boolean {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const at = now();
    if (at - last < intervalMs) return false;
    last = at;
    return true;
  };
}
