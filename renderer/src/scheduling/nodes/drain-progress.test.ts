import { describe, expect, it } from 'vitest';
import { applyDrainEvents, drainCounts, drainStart } from './drain-progress';

const pod = (name: string, state: 'pending' | 'blocked' | 'done', message = '') => ({
  namespace: 'e2e',
  name,
  uid: `uid-${name}`,
  state,
  message,
});

describe('the drain progress list', () => {
  it('folds plan, pod changes and drained in order', () => {
    let s = applyDrainEvents(drainStart, [
      {
        type: 'plan',
        pods: [pod('a', 'pending'), pod('b', 'pending')],
        skipped: [],
        warnings: ['w'],
      },
    ]);
    expect(s.phase).toBe('draining');
    expect(drainCounts(s)).toBe('0 of 2 pods evicted');
    s = applyDrainEvents(s, [
      { type: 'pod', pod: pod('a', 'done') },
      { type: 'pod', pod: pod('b', 'blocked', 'disruption budget') },
    ]);
    expect(s.pods.map((p) => p.state)).toEqual(['done', 'blocked']);
    expect(drainCounts(s)).toBe('1 of 2 pods evicted, 1 waiting on a PodDisruptionBudget');
    s = applyDrainEvents(s, [
      { type: 'pod', pod: pod('b', 'done') },
      { type: 'drained', message: 'node/n drained' },
    ]);
    expect(s).toMatchObject({ phase: 'drained', message: 'node/n drained', warnings: ['w'] });
    expect(drainCounts(s)).toBe('2 of 2 pods evicted');
  });
  it('adds a pod it did not know', () => {
    const s = applyDrainEvents(drainStart, [{ type: 'pod', pod: pod('x', 'pending') }]);
    expect(s.pods).toHaveLength(1);
  });
});
