import { describe, expect, it } from 'vitest';
import { ResumePoint, splitTimestamp, timeKey } from './resume';

describe('timeKey', () => {
  it.each([
    ['2026-11-22T00:22:47.711000051Z', '2026-11-22T00:22:47.711000051Z'],
    ['2026-11-22T00:22:47.7Z', '2026-11-22T00:22:47.700000000Z'],
    ['2026-11-22T00:22:47Z', '2026-11-22T00:22:47.000000000Z'],
    ['2026-11-22T02:22:47.5+02:00', '2026-11-22T00:22:47.500000000Z'],
    ['yesterday', ''],
  ])('%s', (time, key) => expect(timeKey(time)).toBe(key));

  it('orders trimmed fractions correctly', () => {
    expect(timeKey('2026-11-22T00:00:00.7Z') > timeKey('2026-11-22T00:00:00.61Z')).toBe(true);
  });
});

describe('splitTimestamp', () => {
  it('separates the kubelet timestamp from the text', () => {
    expect(splitTimestamp('2026-11-22T00:00:01.5Z GET / 200')).toEqual({
      time: '2026-11-22T00:00:01.5Z',
      text: 'GET / 200',
    });
  });
  it('keeps a line without a timestamp whole', () => {
    expect(splitTimestamp('plain text')).toEqual({ time: '', text: 'plain text' });
  });
});

describe('ResumePoint', () => {
  const t = (s: string) => `2026-11-22T00:00:${s}Z`;

  it('drops exactly the lines a resumed request repeats', () => {
    const point = new ResumePoint();
    const first = [t('01.1'), t('01.2'), t('02.0'), t('02.0')];
    expect(first.map((x) => point.accept(x))).toEqual([true, true, true, true]);
    expect(point.sinceTime()).toBe('2026-11-22T00:00:02Z');

    // The server replays from 00:00:02 (whole seconds): the two lines at 02.0 are old,
    // a third line at 02.0 is new, and so is everything after.
    point.restart();
    const resumed = [t('02.0'), t('02.0'), t('02.0'), t('03.0')];
    expect(resumed.map((x) => point.accept(x))).toEqual([false, false, true, true]);
  });

  it('drops lines older than the last one even if the server sends them', () => {
    const point = new ResumePoint();
    point.accept(t('05.5'));
    point.restart();
    expect([t('05.1'), t('05.5'), t('05.6')].map((x) => point.accept(x))).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('has no sinceTime before the first line and never drops untimed lines', () => {
    const point = new ResumePoint();
    expect(point.sinceTime()).toBeUndefined();
    expect(point.accept('')).toBe(true);
  });
});
