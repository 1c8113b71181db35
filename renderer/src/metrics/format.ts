/**
 * How the renderer writes usage figures: as `kubectl top` does (shared/metrics/format.ts:
 * CPU in whole millicores rounded up, memory in whole Mi rounded down), plus readable
 * forms for axes, shares and sample times. The wire carries millicores (fractional) and
 * bytes (shared/contract/metrics.ts).
 */

const MI_BYTES = 1024 * 1024;

/** "250m" and "128Mi", exactly as `kubectl top` prints them (shared with main and the CLI). */
export { formatCpu, formatMemory } from '../../../shared/metrics/format';

/** A CPU figure for an axis or a reference line: "1.5 cores" above 1000m. */
export function formatCpuShort(milli: number): string {
  if (milli >= 1000) {
    const cores = trim(milli / 1000);
    return `${cores} ${cores === '1' ? 'core' : 'cores'}`;
  }
  return `${Math.round(milli)}m`;
}

/** A memory figure for an axis: Ki/Mi/Gi with at most one decimal. */
export function formatMemoryShort(bytes: number): string {
  if (bytes >= 1024 * MI_BYTES) return `${trim(bytes / (1024 * MI_BYTES))}Gi`;
  if (bytes >= MI_BYTES) return `${trim(bytes / MI_BYTES)}Mi`;
  if (bytes >= 1024) return `${trim(bytes / 1024)}Ki`;
  return `${Math.round(bytes)}B`;
}

function trim(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(1).replace(/\.0$/, '');
}

/** "42%", or "—" when there is nothing to share against. */
export function formatShare(share: number | undefined): string {
  if (share === undefined || !Number.isFinite(share)) return '—';
  return `${Math.round(share * 100)}%`;
}

/** The share of `value` in `of`, undefined when `of` is unset or zero. */
export function shareOf(value: number, of: number | null | undefined): number | undefined {
  return of === null || of === undefined || of <= 0 ? undefined : value / of;
}

// One formatter for every call: toLocaleTimeString with a locale builds a new one each
// time (0.3 ms here), and a table's usage cells write a sample time into every title, 128
// of them when a round re-sorts the visible rows or updates them.
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "14:03:15", the local time of a sample. */
export function formatTime(ms: number): string {
  return timeFormat.format(ms);
}

/** "sampled 14:03:15 (15 s window)": what every figure says about its sample. */
export function sampledText(sampledAt: number, windowMs: number): string {
  const window = windowMs > 0 ? ` (${Math.round(windowMs / 1000)} s window)` : '';
  return `sampled ${formatTime(sampledAt)}${window}`;
}
