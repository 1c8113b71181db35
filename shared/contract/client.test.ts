import { describe, expect, it } from 'vitest';
import { createClient, type MessagePipe } from './client';
import type { ClientMessage, ServerMessage } from './wire';
import type { Cancellation } from './cancellation';

/** Shared code has no DOM or Node typings, so no AbortController: the contract's shape. */
class Controller {
  private readonly listeners = new Set<() => void>();
  readonly signal: Cancellation & { aborted: boolean } = {
    aborted: false,
    addEventListener: (_type, listener) => void this.listeners.add(listener),
    removeEventListener: (_type, listener) => void this.listeners.delete(listener),
  };
  abort(): void {
    this.signal.aborted = true;
    for (const listener of this.listeners) listener();
  }
}

function setup(ackEveryBytes = 1000) {
  const sent: ClientMessage[] = [];
  let receive: (message: ServerMessage) => void = () => undefined;
  const pipe: MessagePipe = {
    send: (message) => sent.push(message),
    onMessage: (fn) => (receive = fn),
    onClose: () => undefined,
  };
  const client = createClient(pipe, { ackEveryBytes });
  return { sent, client, deliver: (message: ServerMessage) => receive(message) };
}

const batch = (id: number, size: number): ServerMessage => ({
  t: 'batch',
  id,
  events: [{}],
  size,
});

describe('the client acknowledges batches', () => {
  it('coalesces: one ack per ackEveryBytes handled, however many batches', () => {
    const { sent, client, deliver } = setup(1000);
    const seen: unknown[] = [];
    client.subscribe(
      'kubeconfig.watch',
      {},
      { onBatch: (e) => seen.push(...e) },
      new Controller().signal,
    );
    for (let n = 0; n < 10_000; n++) deliver(batch(1, 30));
    expect(seen).toHaveLength(10_000);
    const acks = sent.filter((m) => m.t === 'ack');
    // 300,000 bytes in acks of ≥ 1,000: at most 300 messages, each after its batches.
    expect(acks.length).toBe(Math.floor(300_000 / 1020));
    expect(acks.every((a) => a.t === 'ack' && a.id === 1 && a.size === 1020)).toBe(true);
  });

  it('acks only after the subscriber had the batch, even if it threw', () => {
    const { sent, client, deliver } = setup(100);
    const order: string[] = [];
    const original = sent.push.bind(sent);
    sent.push = (...messages) => {
      order.push(...messages.map((m) => m.t));
      return original(...messages);
    };
    client.subscribe(
      'kubeconfig.watch',
      {},
      {
        onBatch: () => {
          order.push('onBatch');
          throw new Error('renderer bug');
        },
      },
      new Controller().signal,
    );
    expect(() => deliver(batch(1, 150))).toThrow('renderer bug');
    expect(order).toEqual(['sub', 'onBatch', 'ack']);
  });

  it('does not ack streams it cancelled or that ended, nor ids it does not know', () => {
    const { sent, client, deliver } = setup(100);
    const controller = new Controller();
    client.subscribe('kubeconfig.watch', {}, { onBatch: () => undefined }, controller.signal);
    client.subscribe(
      'connections.watch',
      {},
      { onBatch: () => undefined },
      new Controller().signal,
    );
    deliver(batch(1, 60));
    controller.abort();
    deliver(batch(1, 60)); // in flight when the cancel left
    deliver({ t: 'end', id: 2 });
    deliver(batch(2, 500));
    deliver(batch(3, 500));
    expect(sent.map((m) => m.t)).toEqual(['sub', 'sub', 'cancel']);
  });

  it('ignores sizes that are not positive safe integers', () => {
    const { sent, client, deliver } = setup(100);
    client.subscribe('kubeconfig.watch', {}, { onBatch: () => undefined }, new Controller().signal);
    for (const size of [-500, Number.NaN, Infinity, 1e300, 0]) deliver(batch(1, size));
    expect(sent.filter((m) => m.t === 'ack')).toEqual([]);
  });
});
