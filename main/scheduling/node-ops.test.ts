import { describe, expect, it } from 'vitest';
import { PilotError } from '../../shared/contract/errors';
import { taintText, taintsAfter } from './node-ops';

describe('kubectl taint', () => {
  const current = [{ key: 'a', value: '1', effect: 'NoSchedule' as const }];

  it('adds a taint (NoExecute ones with timeAdded), refusing a second one with the same key and effect', () => {
    expect(taintsAfter(current, 'add', { key: 'b', effect: 'PreferNoSchedule' }, 'n')).toEqual([
      ...current,
      { key: 'b', value: '', effect: 'PreferNoSchedule' },
    ]);
    const added = taintsAfter(
      current,
      'add',
      { key: 'b', value: 'x', effect: 'NoExecute' },
      'n',
    ).at(-1);
    expect(added?.timeAdded).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(() =>
      taintsAfter(current, 'add', { key: 'a', value: '2', effect: 'NoSchedule' }, 'n'),
    ).toThrow(PilotError);
    expect(taintsAfter(current, 'add', { key: 'a', effect: 'NoExecute' }, 'n')).toHaveLength(2);
  });

  it('removes by key and effect; a taint that is not there is NotFound', () => {
    expect(taintsAfter(current, 'remove', { key: 'a', effect: 'NoSchedule' }, 'n')).toEqual([]);
    try {
      taintsAfter(current, 'remove', { key: 'a', effect: 'NoExecute' }, 'n');
      expect.unreachable();
    } catch (e) {
      expect((e as PilotError).code).toBe('NotFound');
      expect((e as PilotError).message).toBe('taint "a:NoExecute" not found on node n');
    }
  });

  it('spells taints as kubectl does', () => {
    expect(taintText({ key: 'k', value: 'v', effect: 'NoSchedule' })).toBe('k=v:NoSchedule');
    expect(taintText({ key: 'k', effect: 'NoExecute' })).toBe('k:NoExecute');
  });
});
