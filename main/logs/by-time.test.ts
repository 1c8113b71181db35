import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../shared/contract/logs';
import { sortByTime } from './by-time';

const t = (s: string) => `2026-11-22T00:00:${s}Z`;

describe('sortByTime', () => {
  it('interleaves containers by time and keeps equal times in arrival order', () => {
    const lines: LogLine[] = [
      [1, t('01.1'), 'a1'],
      [1, t('03'), 'a2'],
      [2, t('02.05'), 'b1'],
      [2, t('03'), 'b2'],
      [3, t('01.1'), 'c1'],
    ];
    expect(sortByTime(lines).map((l) => l[2])).toEqual(['a1', 'c1', 'b1', 'a2', 'b2']);
  });

  it('keeps an untimed line right after the line before it', () => {
    const lines: LogLine[] = [
      [1, t('05'), 'a1'],
      [1, '', 'a1 continued'],
      [2, t('04'), 'b1'],
    ];
    expect(sortByTime(lines).map((l) => l[2])).toEqual(['b1', 'a1', 'a1 continued']);
  });
});
