/**
 * The scheduler's own word on a Pending pod: its latest FailedScheduling event. The
 * scheduler records events through events.k8s.io/v1 (eventTime, series for repeats; no
 * lastTimestamp), which core/v1 lists show too; older recorders set lastTimestamp/count.
 * The message ends with " preemption: …" (the PostFilter's verdict), which the fit engine
 * does not model: that part is cut before comparing with the engine's summary.
 */
import type { SchedulerVerdict } from '../../shared/contract/scheduling';
import { asRecord, type KubeObject } from '../../shared/kube/object-types';

/** The scheduler's messages are a few hundred characters; anything longer is cut. */
export const MAX_EVENT_MESSAGE_CHARS = 8192;

/** The message without its " preemption: …" part, as compared with the engine's summary. */
export function comparableMessage(message: string): string {
  const at = message.indexOf(' preemption:');
  return (at >= 0 ? message.slice(0, at) : message).trim();
}

/** When an event (core/v1 shape) was last observed, as an RFC 3339 string ('' if none). */
export function observedAt(event: KubeObject): string {
  const series = asRecord(event['series']);
  for (const value of [
    series['lastObservedTime'],
    event['lastTimestamp'],
    event['eventTime'],
    event['firstTimestamp'],
    event.metadata?.creationTimestamp,
  ]) {
    if (typeof value === 'string' && value !== '') return value;
  }
  return '';
}

/** The latest FailedScheduling event among `events` (all about one pod), or null. */
export function latestFailedScheduling(
  events: readonly KubeObject[],
  summary: string,
): SchedulerVerdict | null {
  let best: KubeObject | undefined;
  let bestAt = '';
  for (const event of events) {
    if (event['reason'] !== 'FailedScheduling') continue;
    const at = observedAt(event);
    // RFC 3339 UTC strings of one server sort as text; sub-second digits vary in length,
    // so compare as dates.
    if (!best || Date.parse(at) >= Date.parse(bestAt)) {
      best = event;
      bestAt = at;
    }
  }
  if (!best) return null;
  const raw = typeof best['message'] === 'string' ? best['message'] : '';
  const message =
    raw.length > MAX_EVENT_MESSAGE_CHARS ? raw.slice(0, MAX_EVENT_MESSAGE_CHARS) : raw;
  const series = asRecord(best['series']);
  const count =
    typeof series['count'] === 'number'
      ? series['count']
      : typeof best['count'] === 'number'
        ? best['count']
        : 1;
  const comparable = comparableMessage(message);
  return { message, comparable, at: bestAt, count, differs: comparable !== summary.trim() };
}
