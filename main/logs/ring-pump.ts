/**
 * Moves a log session's ring buffer to a destination in chunks: the app's stream (through
 * the dispatcher's credits) and the CLI's stdout (through its 'drain'). The destination
 * says when to hold back; meanwhile the ring may lap the reader, which then learns exactly
 * how many items it missed (`skipped`) instead of anything piling up in memory.
 */
import type { Ring } from '../../shared/logs/ring';

export interface RingPumpOptions<T> {
  /** The ring to read; a function, since callers create the session after the pump. */
  ring: () => Pick<Ring<T>, 'read' | 'end'>;
  /** Items per chunk (bounds one write's size). */
  chunkItems: number;
  /** Weight per chunk (the ring's weight: text length for log lines); at least one item. */
  chunkWeight?: number;
  /** Chunks per wake-up: 1 paces a stream to the tick; Infinity drains to the end. */
  chunksPerTick: number;
  /** Delay between a `schedule()` and the pump running (ms). */
  tickMs: number;
  /** The first tick waits longer, so every container's history is in one sorted chunk. */
  firstTickMs: number;
  /**
   * Asked before each chunk: false to go on, or a promise that settles when the
   * destination can take more (the stream's credits come back, stdout drains).
   */
  holdBack(): false | Promise<void>;
  /** Writes one chunk: items in ring order and how many were lost to a lap before them. */
  write(items: T[], skipped: number): void;
}

export interface RingPump {
  /** More items are in the ring: pump them after a tick (no-op if already due). */
  schedule(): void;
  /** Pump now, e.g. so a container's last lines go before the news that it ended. */
  now(): void;
  stop(): void;
}

export function startRingPump<T>(options: RingPumpOptions<T>): RingPump {
  let cursor = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let first = true;
  /** A run is in progress or waiting for the destination; later wake-ups join it. */
  let running = false;
  let stopped = false;

  const schedule = () => {
    if (stopped || running) return;
    timer ??= setTimeout(run, first ? options.firstTickMs : options.tickMs);
    first = false;
  };

  const run = () => {
    clearTimeout(timer);
    timer = undefined;
    if (stopped || running) return;
    running = true;
    void pump().finally(() => {
      running = false;
      if (!stopped && cursor < options.ring().end) schedule();
    });
  };

  async function pump(): Promise<void> {
    let chunks = 0;
    while (chunks < options.chunksPerTick && !stopped && cursor < options.ring().end) {
      const wait = options.holdBack();
      // Settles only once the destination can take more (or is gone: then `stopped`).
      if (wait) {
        await wait;
        continue;
      }
      const read = options.ring().read(cursor, options.chunkItems, options.chunkWeight);
      cursor = read.cursor;
      options.write(read.items, read.skipped);
      chunks++;
    }
  }

  return {
    schedule,
    now: run,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
