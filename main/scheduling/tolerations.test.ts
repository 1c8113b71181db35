import { describe, expect, it } from 'vitest';
import { evictionDelaySeconds, toleratesTaint } from './tolerations';

const taint = { key: 'k', value: 'v', effect: 'NoExecute' };

describe('tolerations (Toleration.ToleratesTaint, the taint manager)', () => {
  it.each([
    [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute' }, true],
    [{ key: 'k', value: 'v' }, true],
    [{ key: 'k', value: 'w' }, false],
    [{ key: 'k', operator: 'Exists' }, true],
    [{ operator: 'Exists' }, true],
    [{ operator: 'Exists', effect: 'NoSchedule' }, false],
    [{ key: 'other', operator: 'Exists' }, false],
    [{ key: 'k', operator: 'Weird' }, false],
  ])('%j tolerates k=v:NoExecute: %s', (toleration, expected) => {
    expect(toleratesTaint(toleration, taint)).toBe(expected);
  });

  it('evicts at once, after the smallest tolerationSeconds, or never', () => {
    expect(evictionDelaySeconds([], [taint])).toBe(0);
    expect(evictionDelaySeconds([{ key: 'k', operator: 'Exists' }], [taint])).toBeNull();
    expect(
      evictionDelaySeconds([{ key: 'k', operator: 'Exists', tolerationSeconds: 30 }], [taint]),
    ).toBe(30);
    expect(
      evictionDelaySeconds([{ key: 'k', operator: 'Exists', tolerationSeconds: 0 }], [taint]),
    ).toBe(0);
    const other = { key: 'o', value: '', effect: 'NoExecute' };
    expect(
      evictionDelaySeconds(
        [
          { key: 'k', operator: 'Exists', tolerationSeconds: 60 },
          { key: 'o', operator: 'Exists', tolerationSeconds: 20 },
        ],
        [taint, other],
      ),
    ).toBe(20);
    expect(evictionDelaySeconds([{ key: 'k', operator: 'Exists' }], [taint, other])).toBe(0);
    expect(evictionDelaySeconds([], [])).toBeNull();
  });
});
