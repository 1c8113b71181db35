import { describe, expect, it, vi } from 'vitest';
import { serveConnection } from './dispatcher';
import { jsonSize } from './stream-outbox';
import type { Handlers } from './handler-types';
import type { ServerMessage } from '../../shared/contract/wire';

function setup(overrides: Partial<Handlers> = {}) {
  const sent: ServerMessage[] = [];
  const handlers = {
    'app.info': async () => ({ version: '1', mode: 'web' as const }),
    'kubeconfig.watch': (_i: unknown, sink: { emit(e: unknown): void }, signal: AbortSignal) => {
      for (let n = 0; n < 5; n++) sink.emit({ n });
      signal.addEventListener('abort', () => sent.push({ t: 'end', id: -1 }));
    },
    ...overrides,
  } as unknown as Handlers;
  const connection = serveConnection(handlers, (m) => sent.push(m));
  return { sent, connection };
}

describe('serveConnection', () => {
  it('answers a valid call', async () => {
    const { sent, connection } = setup();
    connection.receive({ t: 'call', id: 1, channel: 'app.info', input: {} });
    await vi.waitFor(() =>
      expect(sent).toEqual([{ t: 'result', id: 1, value: { version: '1', mode: 'web' } }]),
    );
  });

  it.each([
    [{ t: 'call', id: 2, channel: 'app.info', input: { extra: 1 } }, 'Invalid'],
    [{ t: 'call', id: 3, channel: 'nope', input: {} }, 'NotFound'],
    [{ t: 'sub', id: 4, channel: 'app.info', input: {} }, 'NotFound'],
    [{ t: 'call', id: 5, channel: 'context.select', input: { context: '' } }, 'Invalid'],
  ])('refuses %j with %s', async (message, code) => {
    const { sent, connection } = setup();
    connection.receive(message);
    await vi.waitFor(() =>
      expect(sent[0]).toMatchObject({ t: 'error', id: message.id, error: { code } }),
    );
  });

  it('answers malformed envelopes without crashing, under their id where there is one', () => {
    const { sent, connection } = setup();
    connection.receive('garbage');
    connection.receive(null);
    const malformed = { code: 'Invalid', message: 'malformed message' };
    expect(sent).toEqual([
      { t: 'error', id: null, error: malformed },
      { t: 'error', id: null, error: malformed },
    ]);
    connection.receive({ t: 'call', id: 12 });
    expect(sent.at(-1)).toEqual({ t: 'error', id: 12, error: malformed });
  });

  it('batches stream events and stops the stream on cancel', async () => {
    vi.useFakeTimers();
    const { sent, connection } = setup();
    connection.receive({ t: 'sub', id: 7, channel: 'kubeconfig.watch', input: {} });
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(60);
    const events = [0, 1, 2, 3, 4].map((n) => ({ n }));
    expect(sent).toEqual([{ t: 'batch', id: 7, events, size: jsonSize(events) }]);
    connection.receive({ t: 'cancel', id: 7 });
    expect(sent.at(-1)).toEqual({ t: 'end', id: -1 });
    vi.useRealTimers();
  });

  it('sends at once on flush(), without waiting for the flush tick', () => {
    vi.useFakeTimers();
    const { sent, connection } = setup({
      'kubeconfig.watch': (_i: unknown, sink: { emit(e: unknown): void; flush?(): void }) => {
        sink.emit({ n: 1 });
        sink.flush?.();
        sink.emit({ n: 2 });
      },
    } as unknown as Partial<Handlers>);
    connection.receive({ t: 'sub', id: 7, channel: 'kubeconfig.watch', input: {} });
    // The first event went with flush(); the second waits for the tick as before.
    expect(sent).toEqual([{ t: 'batch', id: 7, events: [{ n: 1 }], size: jsonSize([{ n: 1 }]) }]);
    vi.advanceTimersByTime(60);
    expect(sent.at(-1)).toEqual({
      t: 'batch',
      id: 7,
      events: [{ n: 2 }],
      size: jsonSize([{ n: 2 }]),
    });
    vi.useRealTimers();
  });

  it('turns a thrown error into a typed Internal error', async () => {
    const { sent, connection } = setup({
      'app.info': async () => {
        throw new Error('boom');
      },
    } as Partial<Handlers>);
    connection.receive({ t: 'call', id: 9, channel: 'app.info', input: {} });
    await vi.waitFor(() =>
      expect(sent[0]).toEqual({ t: 'error', id: 9, error: { code: 'Internal', message: 'boom' } }),
    );
  });
});
