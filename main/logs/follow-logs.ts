/**
 * The `logs.follow` stream: a log session whose ring buffer is pumped to the renderer in
 * batches (at most 40 a second), each sent as soon as it is cut (sink.flush) rather than
 * at the dispatcher's next flush tick, so a line waits for one batching interval, not two. When the renderer falls behind (the stream's window of
 * unacknowledged bytes is full, on either transport), the pump waits; if the ring laps it
 * meanwhile, the renderer gets an explicit 'skipped' count.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { ParsedInputOf } from '../../shared/contract/channels';
import type { LogStreamEvent } from '../../shared/contract/logs';
import type { StreamSink } from '../rpc/handler-types';
import type { WatchRegistry } from '../watch/watch-registry';
import { startLogSession } from './start-session';
import type { LogSession } from './log-session';
import { sortByTime } from './by-time';
import { startRingPump } from './ring-pump';

/**
 * Batch interval (ms): a line waits up to this long in main. Half the dispatcher's
 * STREAM_FLUSH_MS: the newest line's lag behind the kubelet is the sum of this, the wire
 * and the renderer's render cadence (issue 15's goal: p95 ≤ 150 ms at 20,000 lines/s),
 * while 40 batches/s of ≤ 500 lines at that rate stay cheap for the renderer to take.
 */
const PUMP_MS = 25;
const FIRST_PUMP_MS = 400;
/**
 * Lines per batch: 80,000 lines/s at 40 batches a second, four times the benchmark's
 * load, in pieces a renderer parses within a frame.
 */
const MAX_BATCH_LINES = 2_000;
/**
 * Text per batch (UTF-16 code units): 2,000 lines of 64 KiB would make one 128 MiB frame;
 * this keeps a batch about the size of the client's acknowledgement step (1 MiB).
 */
const MAX_BATCH_TEXT_UNITS = 1024 * 1024;
/** Without since/tail, each container already running shows this much history. */
export const DEFAULT_TAIL_LINES = 100;

export function followLogs(
  watches: WatchRegistry,
  kubeConfig: (context: string) => KubeConfig,
  input: ParsedInputOf<'logs.follow'>,
  sink: StreamSink<LogStreamEvent>,
  signal: AbortSignal,
): void {
  let session: LogSession;
  // Holds back while the stream's credits are used up (STREAM_WINDOW_BYTES unacknowledged).
  const pump = startRingPump({
    ring: () => session.ring,
    chunkItems: MAX_BATCH_LINES,
    chunkWeight: MAX_BATCH_TEXT_UNITS,
    chunksPerTick: 1,
    tickMs: PUMP_MS,
    firstTickMs: FIRST_PUMP_MS,
    holdBack: () => sink.held() && sink.writable(),
    write: (items, skipped) => {
      if (skipped > 0) sink.emit({ type: 'skipped', count: skipped });
      if (items.length > 0) sink.emit({ type: 'lines', lines: sortByTime(items) });
      sink.flush?.();
    },
  });

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
          if (sources.some((s) => s.state === 'ended' || s.state === 'terminated')) pump.now();
          sink.emit({ type: 'sources', sources });
        },
        onScope: (namespace, status) => sink.emit({ type: 'scope', namespace, status }),
        onLines: pump.schedule,
      },
    );
  } catch (error) {
    pump.stop();
    sink.fail(error);
    return;
  }
  signal.addEventListener('abort', () => {
    pump.stop();
    session.stop();
  });
}
