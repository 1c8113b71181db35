import { describe, expect, it } from 'vitest';
import { metricsState, shouldDrop, type StateInput } from './metrics-state';

const base: StateInput = {
  nowMs: 100_000,
  newestMs: 95_000,
  windowMs: 15_000,
  resolutionMs: 15_000,
  failure: undefined,
  empty: false,
  first: false,
};

describe('metricsState', () => {
  it('is ready with when it was sampled', () => {
    expect(metricsState(base)).toEqual({
      state: 'ready',
      sampledAt: 95_000,
      windowMs: 15_000,
      resolutionMs: 15_000,
    });
  });

  it('waits for the first sample, saying how often metrics-server reports', () => {
    expect(metricsState({ ...base, newestMs: undefined, empty: true })).toEqual({
      state: 'waiting',
      message: 'waiting for the first sample, metrics-server reports every 15 s',
      resolutionMs: 15_000,
    });
    expect(metricsState({ ...base, newestMs: undefined, first: true }).state).toBe('loading');
  });

  it('is stale once the newest sample is older than two windows, with the reason', () => {
    expect(metricsState({ ...base, nowMs: 95_000 + 30_000 }).state).toBe('ready');
    const stale = metricsState({
      ...base,
      nowMs: 95_000 + 31_000,
      failure: { kind: 'unavailable', message: 'metrics-server is not answering: 503' },
    });
    expect(stale).toEqual({
      state: 'stale',
      message: 'metrics-server is not answering: 503',
      sampledAt: 95_000,
      windowMs: 15_000,
    });
    expect(metricsState({ ...base, nowMs: 95_000 + 45_000 })).toMatchObject({
      state: 'stale',
      message: 'metrics-server has reported no new sample for 45 s',
    });
  });

  it('drops the figures after four windows without metrics-server: unavailable', () => {
    const away = {
      ...base,
      nowMs: 95_000 + 61_000,
      failure: { kind: 'unavailable' as const, message: 'not answering' },
    };
    expect(shouldDrop(away)).toBe(true);
    expect(metricsState(away)).toEqual({ state: 'unavailable', message: 'not answering' });
    expect(shouldDrop({ ...away, failure: undefined })).toBe(false);
  });

  it('says forbidden with the API reason, and not installed with how to install', () => {
    expect(
      metricsState({
        ...base,
        failure: { kind: 'forbidden', message: 'cannot list pods.metrics.k8s.io' },
      }),
    ).toEqual({ state: 'forbidden', message: 'cannot list pods.metrics.k8s.io' });
    const missing = metricsState({
      ...base,
      newestMs: undefined,
      failure: { kind: 'not-installed' },
    });
    expect(missing.state).toBe('not-installed');
    expect(missing.state === 'not-installed' && missing.install).toContain('metrics-server');
  });
});
