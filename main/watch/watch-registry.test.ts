import { describe, expect, it } from 'vitest';
import { UNPAGED } from './watch-cache';
import { listPageSize } from './watch-registry';

describe('listPageSize', () => {
  it('lists unpaged unless PILOTHOUSE_LIST_PAGE_SIZE names a positive whole number', () => {
    expect(listPageSize({})).toBe(UNPAGED);
    expect(listPageSize({ PILOTHOUSE_LIST_PAGE_SIZE: '500' })).toBe(500);
    for (const bad of ['0', '-5', '2.5', 'many', '', '1e400'])
      expect(listPageSize({ PILOTHOUSE_LIST_PAGE_SIZE: bad })).toBe(UNPAGED);
  });
});
