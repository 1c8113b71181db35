/**
 * The scheduler's own word on a Pending pod. Its latest attempt's message is the pod's
 * PodScheduled condition: kube-scheduler sets it on every failed attempt whose message
 * changed (schedule_one.go, handleSchedulingFailure). Its FailedScheduling events say the
 * same but can be stale: the recorder (client-go tools/events) folds a repeated message into
 * the existing event's series and writes the series to the API only every 30 minutes, so a
 * message that comes back (0/6 nodes, then 0/10 while nodes were added, then 0/6 again)
 * leaves the 0/10 event as the newest one the API shows. The events give when and how often
 * the message was said; the condition gives what the scheduler says now.
 *
 * The scheduler records events through events.k8s.io/v1 (eventTime, series for repeats; no
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

/**
 * The scheduler's verdict on `pod`: its PodScheduled condition's message when it has one
 * (dated and counted by the latest FailedScheduling event that says the same), otherwise
 * the latest FailedScheduling event among `events` (all about this pod); null without either.
 */
export function schedulerVerdict(
  pod: KubeObject,
  events: readonly KubeObject[],
  summary: string,
): SchedulerVerdict | null {
  const said = unschedulableMessage(pod);
  if (said === undefined) return latestFailedScheduling(events, summary);
  const event = latestFailedScheduling(
    events.filter((e) => typeof e['message'] === 'string' && sameNote(e['message'], said)),
    summary,
  );
  const message = bounded(said);
  const comparable = comparableMessage(message);
  return {
    message,
    comparable,
    at: event?.at ?? '',
    count: event?.count ?? 1,
    differs: comparable !== summary.trim(),
  };
}

/** The message of a pod's PodScheduled=False condition, if the scheduler wrote one. */
function unschedulableMessage(pod: KubeObject): string | undefined {
  const conditions = asRecord(pod['status'])['conditions'];
  if (!Array.isArray(conditions)) return undefined;
  for (const item of conditions) {
    const condition = asRecord(item);
    if (condition['type'] !== 'PodScheduled' || condition['status'] !== 'False') continue;
    const message = condition['message'];
    return typeof message === 'string' && message !== '' ? message : undefined;
  }
  return undefined;
}

/** Events carry the message cut to 1,024 characters with " ..." (truncateMessage). */
function sameNote(note: string, message: string): boolean {
  return note === message || (note.endsWith(' ...') && message.startsWith(note.slice(0, -4)));
}

const bounded = (raw: string) =>
  raw.length > MAX_EVENT_MESSAGE_CHARS ? raw.slice(0, MAX_EVENT_MESSAGE_CHARS) : raw;

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
  const message = bounded(typeof best['message'] === 'string' ? best['message'] : '');
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
