import { describe, expect, it } from 'vitest';
import type { Row } from '../../../../shared/resources/rows';
import { perRow } from './row-cache';

describe('perRow', () => {
  it('computes once per row object, again for a replacing row', () => {
    let calls = 0;
    const key = perRow((r) => {
      calls++;
      return `${r.namespace}/${r.name}`;
    });
    const a: Row = { uid: 'a', name: 'web', namespace: 'team-a', cells: {} };
    expect(key(a)).toBe('team-a/web');
    expect(key(a)).toBe('team-a/web');
    expect(calls).toBe(1);
    expect(key({ ...a, name: 'api' })).toBe('team-a/api');
    expect(calls).toBe(2);
  });
});
