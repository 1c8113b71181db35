/**
 * The `logs.follow` stream: a log session whose ring buffer is pumped to the renderer in
 * batches (at most 20 a second). When the renderer falls behind (the socket's backlog grows), the
 * pump waits; if the ring laps it meanwhile, the renderer gets an explicit 'skipped' count.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { ParsedInputOf } from '../../shared/contract/channels';
import type { LogStreamEvent } from '../../shared/contract/logs';
import type { StreamSink } from '../rpc/handler-types';
import type { WatchRegistry } from '../watch/watch-registry';
import { startLogSession } from './start-session';
import type { LogSession } from './log-session';
import { sortByTime } from './by-time';

const PUMP_MS = 50;
const FIRST_PUMP_MS = 400;
/**
 * Lines per batch: 40,000 lines/s at 20 batches a second, twice the benchmark's load, in
 * pieces a renderer parses within a frame.
 */
const MAX_BATCH_LINES = 2_000;
/** Hold back while this much is still on its way to the renderer. */
const MAX_BACKLOG_BYTES = 8 * 1024 * 1024;
/** Without since/tail, each container already running shows this much history. */
export const DEFAULT_TAIL_LINES = 100;

export function followLogs(
  watches: WatchRegistry,
  kubeConfig: (context: string) => KubeConfig,
  input: ParsedInputOf<'logs.follow'>,
  sink: StreamSink<LogStreamEvent>,
  signal: AbortSignal,
): void {
  let cursor = 0;
  let timer: NodeJS.Timeout | undefined;
  let session: LogSession;

  const pump = () => {
    clearTimeout(timer);
    timer = undefined;
    if (signal.aborted) return;
    if (sink.backlog() > MAX_BACKLOG_BYTES) {
      schedule();
      return;
    }
    const read = session.ring.read(cursor, MAX_BATCH_LINES);
    cursor = read.cursor;
    if (read.skipped > 0) sink.emit({ type: 'skipped', count: read.skipped });
    if (read.items.length > 0) sink.emit({ type: 'lines', lines: sortByTime(read.items) });
    if (cursor < session.ring.end) schedule();
  };
  let first = true;
  const schedule = () => {
    // The first batch waits a little longer, so every container's history is in it and
    // sorted together rather than one container after another.
    timer ??= setTimeout(pump, first ? FIRST_PUMP_MS : PUMP_MS);
    first = false;
  };

  try {
    session = startLogSession(
      {
        watches,
        context: input.context,
        kubeConfig: () => kubeConfig(input.context),
        query: input.query,
        current: input.namespaces.all ? 'all' : input.namespaces.namespaces,
        defaultTail: DEFAULT_TAIL_LINES,
        ...(input.bufferLines ? { bufferLines: input.bufferLines } : {}),
      },
      {
        onSources: (sources) => {
          // A container's last lines go before the news that it ended.
          if (sources.some((s) => s.state === 'ended' || s.state === 'terminated')) pump();
          sink.emit({ type: 'sources', sources });
        },
        onScope: (namespace, status) => sink.emit({ type: 'scope', namespace, status }),
        onLines: schedule,
      },
    );
  } catch (error) {
    sink.fail(error);
    return;
  }
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    session.stop();
  });
}
