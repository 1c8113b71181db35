/**
 * Parses a query and starts a LogSession for it: the one entry point the contract stream
 * and the CLI share, so both accept and reject exactly the same input.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { DEFAULT_LOG_BUFFER_LINES } from '../../shared/contract/logs';
import { PilotError } from '../../shared/contract/errors';
import { parseQuery, queryNamespaces, QueryError, type LogQuery } from '../../shared/logs/query';
import type { WatchRegistry } from '../watch/watch-registry';
import { LogSession, type LogSessionOptions } from './log-session';

export interface StartOptions {
  watches: WatchRegistry;
  context: string;
  kubeConfig: () => KubeConfig;
  query: string;
  /** The namespaces in use when the query names none ('all' = every namespace). */
  current: string[] | 'all';
  bufferLines?: number;
  /** Applied when the query gives neither since nor tail: how much history to show. */
  defaultTail?: number;
}

export function parseLogQuery(text: string): LogQuery {
  try {
    return parseQuery(text);
  } catch (error) {
    if (error instanceof QueryError)
      throw new PilotError(
        'Invalid',
        `${error.message} (at "${error.token}", column ${error.index + 1})`,
      );
    throw error;
  }
}

export function startLogSession(
  options: StartOptions,
  events: Pick<LogSessionOptions, 'onSources' | 'onScope' | 'onLines'>,
): LogSession {
  const query = parseLogQuery(options.query);
  if (query.since === undefined && query.tail === undefined && options.defaultTail !== undefined)
    query.tail = options.defaultTail;
  return new LogSession({
    watches: options.watches,
    context: options.context,
    kubeConfig: options.kubeConfig,
    query,
    scope: queryNamespaces(query, options.current),
    bufferLines: options.bufferLines ?? DEFAULT_LOG_BUFFER_LINES,
    ...events,
  });
}
