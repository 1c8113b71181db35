/**
 * The one retry policy of everything that talks to the API server for a long time (watch
 * caches, followed logs, the connection check): exponential backoff with a cap, jitter so
 * that many retriers do not hit a restarting apiserver in step, and a sleep that an
 * AbortSignal cuts short without leaving a listener behind on that signal (a watch of a
 * forbidden namespace retries for hours on one signal).
 */

/** The longest pause between two attempts that failed for a reason that may pass by itself. */
export const MAX_BACKOFF_MS = 15_000;
/** Pause after 401/403: permissions change rarely, so retry slowly (no backoff growth). */
export const DENIED_RETRY_MS = 60_000;

export interface Backoff {
  /** The pause after the first failure is baseMs * 2 (failures count from 1). */
  baseMs: number;
  /** No pause is longer than this. */
  capMs: number;
  /** The doubling stops after this many failures (keeps 2 ** n finite and small). */
  maxExponent: number;
}

/** The pause before the next attempt after `failures` consecutive failures (no jitter). */
export function backoffMs(failures: number, { baseMs, capMs, maxExponent }: Backoff): number {
  return Math.min(capMs, baseMs * 2 ** Math.min(Math.max(failures, 0), maxExponent));
}

/** `ms` spread over ±20 %, so retriers that failed together do not retry together. */
export function jittered(ms: number, random: () => number = Math.random): number {
  return ms * (0.8 + random() * 0.4);
}

/** setTimeout's largest delay (a signed 32-bit count of milliseconds). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Waits `ms` (Infinity: until aborted). Resolves, never rejects, when `signal` aborts
 * (callers check `signal.aborted` after waking); its abort listener is removed whichever
 * way the wait ends, so any number of sleeps on one signal leave none behind.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    // setTimeout would fire Infinity (and anything over MAX_TIMER_MS, ~24.8 days) after 1 ms.
    if (!(ms > MAX_TIMER_MS)) timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}
