/**
 * What the `logs.follow` stream carries. Lines are tuples that name their source by a
 * number, so 20,000 lines a second do not repeat namespace/pod/container strings; the
 * sources themselves arrive (and change state) as separate events, always before their
 * first line.
 */
import { z } from 'zod';
import { DEFAULT_LOG_BUFFER_LINES } from './values';
import type { ScopeStatus } from './resources';
import { contextName, namespaceChoice, stream } from './define';

export type LogSourceState =
  /** The container has not started yet (Pending pod, init containers still running). */
  | 'waiting'
  | 'streaming'
  /** The stream broke; it resumes from the last timestamp it delivered. */
  | 'reconnecting'
  /** The container exited; its log was read to the end. A restart resumes it. */
  | 'terminated'
  /** The pod stopped matching or was deleted: no more lines will come. */
  | 'ended'
  | 'forbidden'
  | 'error';

export interface LogSource {
  id: number;
  namespace: string;
  pod: string;
  container: string;
  init: boolean;
  state: LogSourceState;
  /** Why it is waiting, forbidden, failing… as the API said it. */
  message?: string;
}

/**
 * [source id, RFC 3339 timestamp from the kubelet, text without the timestamp, bytes cut].
 * The text is at most MAX_LINE_BYTES (64 KiB) of UTF-8; `cut`, present only on a line
 * that was longer, counts the bytes dropped from its end (viewers show "… [cut N bytes]").
 */
export type LogLine = [source: number, time: string, text: string, cut?: number];

export type LogStreamEvent =
  /** New sources, or new states of known ones (matched by id). */
  | { type: 'sources'; sources: LogSource[] }
  | { type: 'lines'; lines: LogLine[] }
  /**
   * Lines that were dropped before this consumer read them (its buffer filled up while it
   * fell behind). Shown in place, never silently.
   */
  | { type: 'skipped'; count: number }
  /** The state of the pod watch in one namespace ('' = all namespaces). */
  | { type: 'scope'; namespace: string; status: ScopeStatus };

export { DEFAULT_LOG_BUFFER_LINES };

export const logChannels = {
  /**
   * Follows the logs a kail-style query selects (shared/logs/query.ts), picking up pods as
   * they come and go. `namespaces` is the scope when the query names none.
   */
  'logs.follow': stream<LogStreamEvent>()(
    z
      .object({
        context: contextName,
        query: z.string().max(4000),
        namespaces: namespaceChoice,
        bufferLines: z.number().int().min(100).max(1_000_000).optional(),
      })
      .strict(),
  ),
} as const;
