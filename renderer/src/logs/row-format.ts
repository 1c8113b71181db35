/** How a row names its source and time on screen (the download uses the full forms). */
import type { LogSource } from '../../../shared/contract/logs';

/**
 * The time of day with milliseconds, cut from the kubelet's RFC 3339 UTC time without a
 * Date (rows re-render often): `2024-05-01T10:00:00.123456789Z` → `10:00:00.123`.
 */
export function shortTime(time: string): string {
  const t = time.indexOf('T');
  if (t < 0) return time;
  const clock = time.slice(t + 1, t + 9);
  if (time[t + 9] !== '.') return clock;
  const fraction = /^\d{1,3}/.exec(time.slice(t + 10))?.[0] ?? '';
  return `${clock}.${fraction.padEnd(3, '0')}`;
}

/** `pod[container]`, with the namespace in front when sources span several. */
export function sourcePrefix(source: LogSource | undefined, withNamespace: boolean): string {
  if (!source) return '?';
  const name = `${source.pod}[${source.container}]`;
  return withNamespace ? `${source.namespace}/${name}` : name;
}
