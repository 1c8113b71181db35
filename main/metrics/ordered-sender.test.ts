import { describe, expect, it } from 'vitest';
import type { StreamSink } from '../rpc/handler-types';
import { OrderedSender } from './ordered-sender';

/** A sink that records each event with the turn of the event loop it was flushed in. */
function recordingSink() {
  let turn = 0;
  let holding = false;
  let release: (() => void) | undefined;
  const flushed: { event: string; turn: number }[] = [];
  let emitted: string[] = [];
  const tick = () =>
    setImmediate(() => {
      turn++;
      if (flushed.length < 100) tick();
    });
  tick();
  const sink: StreamSink<string> = {
    emit: (event) => emitted.push(event),
    flush: () => {
      for (const event of emitted) flushed.push({ event, turn });
      emitted = [];
    },
    end: () => undefined,
    fail: () => undefined,
    pending: () => 0,
    held: () => holding,
    writable: () =>
      new Promise<void>((resolve) => {
        release = resolve;
      }),
  };
  return {
    sink,
    flushed,
    hold: () => {
      holding = true;
    },
    letGo: () => {
      holding = false;
      release?.();
    },
  };
}

describe('OrderedSender', () => {
  it('sends each event as a message of its own, one per turn', async () => {
    const { sink, flushed } = recordingSink();
    await new OrderedSender(sink, new AbortController().signal).send(['a', 'b', 'c']);
    expect(flushed.map((f) => f.event)).toEqual(['a', 'b', 'c']);
    const turns = flushed.map((f) => f.turn);
    expect(new Set(turns).size).toBe(3);
  });

  it('keeps a later send behind the rest of an earlier one', async () => {
    const { sink, flushed } = recordingSink();
    const sender = new OrderedSender(sink, new AbortController().signal);
    void sender.send(['samples 1', 'samples 2', 'gone']);
    await sender.send(['state: unavailable']);
    expect(flushed.map((f) => f.event)).toEqual([
      'samples 1',
      'samples 2',
      'gone',
      'state: unavailable',
    ]);
  });

  it('waits while the renderer holds back, then goes on in order', async () => {
    const { sink, flushed, hold, letGo } = recordingSink();
    const sender = new OrderedSender(sink, new AbortController().signal);
    hold();
    const done = sender.send(['a', 'b']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(flushed).toEqual([]);
    letGo();
    await done;
    expect(flushed.map((f) => f.event)).toEqual(['a', 'b']);
  });

  it('sends nothing more once the stream is aborted', async () => {
    const { sink, flushed } = recordingSink();
    const stream = new AbortController();
    const emit = sink.emit;
    sink.emit = (event) => {
      emit(event);
      stream.abort(); // the page went away while 'a' was on its way
    };
    await new OrderedSender(sink, stream.signal).send(['a', 'b', 'c']);
    expect(flushed.map((f) => f.event)).toEqual(['a']);
  });

  it('goes on after a sink that throws', async () => {
    const { sink, flushed } = recordingSink();
    let throwOnce = true;
    const emit = sink.emit;
    sink.emit = (event) => {
      if (throwOnce) {
        throwOnce = false;
        throw new Error('transport closed');
      }
      emit(event);
    };
    const sender = new OrderedSender(sink, new AbortController().signal);
    await sender.send(['lost']);
    await sender.send(['next']);
    expect(flushed.map((f) => f.event)).toEqual(['next']);
  });
});
