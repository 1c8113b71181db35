import { describe, expect, it } from 'vitest';
import { choosePod, isUsable } from './pod-choice';
import { selectorMatches, type PodFacts } from './target-facts';

const pod = (name: string, p: Partial<PodFacts> = {}): PodFacts => ({
  uid: name,
  name,
  labels: { app: 'web' },
  nodeName: 'n1',
  phase: 'Running',
  ready: true,
  readySince: '2026-01-01T00:00:00Z',
  deleting: '',
  restarts: 0,
  created: '2026-01-01T00:00:00Z',
  ports: [],
  ...p,
});

describe('which pod a forward uses', () => {
  it('only Running, Ready pods that are not being deleted', () => {
    expect(isUsable(pod('a'))).toBe(true);
    expect(isUsable(pod('a', { ready: false }))).toBe(false);
    expect(isUsable(pod('a', { phase: 'Pending' }))).toBe(false);
    expect(isUsable(pod('a', { deleting: '2026-01-01T00:00:00Z' }))).toBe(false);
  });
  it('keeps the current pod while it is usable', () => {
    const pods = [
      pod('a', { readySince: '2026-01-01T00:00:00Z' }),
      pod('b', { readySince: '2025-01-01T00:00:00Z' }),
    ];
    expect(choosePod(pods, 'a')?.name).toBe('a');
    // Without a current pod, kubectl's order: ready for longer first.
    expect(choosePod(pods, null)?.name).toBe('b');
  });
  it('moves when the current pod stops being ready; null when none is', () => {
    expect(choosePod([pod('a', { ready: false }), pod('b')], 'a')?.name).toBe('b');
    expect(choosePod([pod('a', { ready: false })], 'a')).toBeNull();
  });
  it('fewer restarts, then older, win', () => {
    expect(choosePod([pod('a', { restarts: 3 }), pod('b')], null)?.name).toBe('b');
    expect(choosePod([pod('a', { created: '2026-02-01T00:00:00Z' }), pod('b')], null)?.name).toBe(
      'b',
    );
  });
});

describe('label selectors (metav1.LabelSelector)', () => {
  const labels = { app: 'web', tier: 'front' };
  it('null selects nothing, {} everything', () => {
    expect(selectorMatches(null, labels)).toBe(false);
    expect(selectorMatches({ matchLabels: {}, matchExpressions: [] }, labels)).toBe(true);
  });
  it('matchLabels and every operator', () => {
    const sel = (op: string, values: string[] = []) => ({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: op, values }],
    });
    expect(selectorMatches(sel('In', ['front']), labels)).toBe(true);
    expect(selectorMatches(sel('NotIn', ['front']), labels)).toBe(false);
    expect(selectorMatches(sel('Exists'), labels)).toBe(true);
    expect(selectorMatches(sel('DoesNotExist'), labels)).toBe(false);
    expect(selectorMatches(sel('Bogus'), labels)).toBe(false);
    expect(selectorMatches({ matchLabels: { app: 'db' }, matchExpressions: [] }, labels)).toBe(
      false,
    );
  });
});
