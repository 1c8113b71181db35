import { describe, expect, it } from 'vitest';
import { keyed, withKey } from './keyed';

describe('keyed records take any name', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    '"%s" is absent until set, then holds its value',
    (name) => {
      const empty = keyed<number>();
      expect(empty[name]).toBeUndefined();
      const one = withKey(empty, name, 1);
      expect(one[name]).toBe(1);
      expect(Object.keys(one)).toEqual([name]);
      const two = withKey(one, 'other', 2);
      expect(two[name]).toBe(1);
      expect(two['other']).toBe(2);
      // The original is untouched (stores compare by identity) and nothing leaked globally.
      expect(one['other']).toBeUndefined();
      expect(({} as Record<string, unknown>)['other']).toBeUndefined();
    },
  );
});
