// A followed container whose stream always has data ready must leave the event loop
// turns for timers (the pump and the dispatcher's flush run on them): with 50 busy
// streams on a loaded CPU, reading chunk after chunk in one chain of promise callbacks
// delayed every timer by seconds. Ordering only: no clock is read.
import { describe, expect, it, vi } from 'vitest';
import type { KubeConfig } from '@kubernetes/client-node';

const CHUNKS = 500;

vi.mock('../platform/http', async (original) => ({
  ...(await original<typeof import('../platform/http')>()),
  // Every chunk is ready at once, as when the socket has a backlog.
  async *kubeChunks() {
    const encoder = new TextEncoder();
    for (let n = 0; n < CHUNKS; n++)
      yield encoder.encode(`2026-12-03T06:00:00.${String(n).padStart(9, '0')}Z line ${n}\n`);
  },
}));

const { ContainerLog } = await import('./container-log');

describe('ContainerLog', () => {
  it('lets a timer run while a stream with a backlog is read', async () => {
    const texts: string[] = [];
    let atTimer = -1;
    setTimeout(() => (atTimer = texts.length), 0);
    const log = new ContainerLog(
      () => ({}) as KubeConfig,
      {
        namespace: 'ns',
        pod: 'pod',
        container: { name: 'c', init: false, state: 'running', restartCount: 0 },
      },
      { previous: false },
      { line: (_time, text) => texts.push(text), state: () => undefined },
    );
    await vi.waitFor(() => expect(texts).toHaveLength(CHUNKS));
    log.stop();
    expect(texts[0]).toBe('line 0');
    expect(texts.at(-1)).toBe(`line ${CHUNKS - 1}`);
    // The timer ran between chunks, not after the whole backlog.
    expect(atTimer).toBeGreaterThanOrEqual(0);
    expect(atTimer).toBeLessThan(CHUNKS);
  });
});
