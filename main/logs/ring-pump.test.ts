import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Ring } from '../../shared/logs/ring';
import { serveConnection } from '../rpc/dispatcher';
import type { Handlers, StreamSink } from '../rpc/handler-types';
import type { ServerMessage } from '../../shared/contract/wire';
import { startRingPump } from './ring-pump';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

type Event = { type: 'lines'; lines: string[] } | { type: 'skipped'; count: number };

describe('ring pump', () => {
  it('holds back at the stream window while nobody acks: 100,000 lines, bounded memory', async () => {
    const WINDOW = 64 * 1024;
    const LINE = 'l'.repeat(100);
    const sent: ServerMessage[] = [];
    let sink!: StreamSink<Event>;
    const handlers = {
      'kubeconfig.watch': (_i: unknown, s: StreamSink<Event>) => (sink = s),
    } as unknown as Handlers;
    const connection = serveConnection(handlers, (m) => sent.push(m), { windowBytes: WINDOW });
    connection.receive({ t: 'sub', id: 1, channel: 'kubeconfig.watch', input: {} });

    const ring = new Ring<string>(5_000);
    const pump = startRingPump<string>({
      ring: () => ring,
      chunkItems: 200,
      chunksPerTick: 1,
      tickMs: 50,
      firstTickMs: 50,
      holdBack: () => sink.held() && sink.writable(),
      write: (items, skipped) => {
        if (skipped > 0) sink.emit({ type: 'skipped', count: skipped });
        if (items.length > 0) sink.emit({ type: 'lines', lines: items });
      },
    });
    const chunkBytes = 200 * (LINE.length + 3) + 40;
    let peak = 0;
    for (let tick = 0; tick < 100; tick++) {
      for (let n = 0; n < 1_000; n++) ring.push(LINE);
      pump.schedule();
      await vi.advanceTimersByTimeAsync(50);
      peak = Math.max(peak, sink.pending());
    }
    const batches = sent.filter((m) => m.t === 'batch');
    const sentBytes = batches.reduce((sum, m) => sum + (m.t === 'batch' ? m.size : 0), 0);
    expect(sentBytes).toBeGreaterThanOrEqual(WINDOW);
    expect(sentBytes).toBeLessThan(WINDOW + chunkBytes);
    expect(peak).toBeLessThan(WINDOW + chunkBytes);

    // The renderer catches up: the pump goes on from the ring's present, saying what it lost.
    connection.receive({ t: 'ack', id: 1, size: sentBytes });
    for (let tick = 0; tick < 40; tick++) {
      await vi.advanceTimersByTimeAsync(50);
      const acked = sent.reduce((sum, m) => sum + (m.t === 'batch' ? m.size : 0), 0);
      connection.receive({ t: 'ack', id: 1, size: acked });
    }
    const events = sent.flatMap((m) => (m.t === 'batch' ? (m.events as Event[]) : []));
    const lines = events.reduce((sum, e) => sum + (e.type === 'lines' ? e.lines.length : 0), 0);
    const skipped = events.reduce((sum, e) => sum + (e.type === 'skipped' ? e.count : 0), 0);
    expect(skipped).toBeGreaterThan(0);
    expect(lines + skipped).toBe(100_000);
    pump.stop();
  });

  it('waits for a promised hold-back (stdout drain) and then drains to the end', async () => {
    const ring = new Ring<number>(100);
    const written: number[][] = [];
    let drain: (() => void) | undefined;
    let needDrain = false;
    const pump = startRingPump<number>({
      ring: () => ring,
      chunkItems: 10,
      chunksPerTick: Infinity,
      tickMs: 20,
      firstTickMs: 400,
      holdBack: () => needDrain && new Promise<void>((r) => (drain = r)),
      write: (items) => {
        written.push(items);
        needDrain = true; // every write fills the pipe
      },
    });
    for (let n = 0; n < 35; n++) ring.push(n);
    pump.schedule();
    await vi.advanceTimersByTimeAsync(399);
    expect(written).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(written).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(written).toHaveLength(1);
    for (let n = 2; n <= 4; n++) {
      needDrain = false;
      drain?.();
      await vi.advanceTimersByTimeAsync(0);
      expect(written).toHaveLength(n);
    }
    expect(written.flat()).toEqual([...Array(35).keys()]);
    pump.stop();
  });

  it('pumps at once on now(), and not at all after stop()', async () => {
    const ring = new Ring<number>(100);
    const written: number[] = [];
    const pump = startRingPump<number>({
      ring: () => ring,
      chunkItems: 10,
      chunksPerTick: 1,
      tickMs: 50,
      firstTickMs: 400,
      holdBack: () => false,
      write: (items) => written.push(...items),
    });
    ring.push(1);
    pump.schedule();
    pump.now();
    expect(written).toEqual([1]);
    ring.push(2);
    pump.schedule();
    pump.stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(written).toEqual([1]);
  });

  it('cuts chunks at chunkWeight: 64 KiB lines never make one huge batch', async () => {
    const ring = new Ring<string>(1_000, { weigh: (l) => l.length, maxWeight: Infinity });
    const LONG = 'x'.repeat(64 * 1024);
    for (let n = 0; n < 100; n++) ring.push(LONG);
    const chunks: number[] = [];
    const pump = startRingPump<string>({
      ring: () => ring,
      chunkItems: 2_000,
      chunkWeight: 1024 * 1024,
      chunksPerTick: Infinity,
      tickMs: 10,
      firstTickMs: 10,
      holdBack: () => false,
      write: (items) => chunks.push(items.length),
    });
    pump.schedule();
    await vi.advanceTimersByTimeAsync(20);
    pump.stop();
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(100);
    expect(Math.max(...chunks)).toBe(16);
  });
});
