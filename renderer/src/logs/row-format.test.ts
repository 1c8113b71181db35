import { describe, expect, it } from 'vitest';
import { shortTime, sourcePrefix } from './row-format';

describe('shortTime', () => {
  it.each([
    ['2024-05-01T10:00:00.123456789Z', '10:00:00.123'],
    ['2024-05-01T10:00:00.1Z', '10:00:00.100'],
    ['2024-05-01T10:00:00Z', '10:00:00'],
    ['', ''],
  ])('%s → %s', (time, short) => expect(shortTime(time)).toBe(short));
});

describe('sourcePrefix', () => {
  const source = {
    id: 1,
    namespace: 'team-a',
    pod: 'web-1',
    container: 'nginx',
    init: false,
    state: 'streaming' as const,
  };
  it('names pod and container, and the namespace when asked', () => {
    expect(sourcePrefix(source, false)).toBe('web-1[nginx]');
    expect(sourcePrefix(source, true)).toBe('team-a/web-1[nginx]');
    expect(sourcePrefix(undefined, true)).toBe('?');
  });
});
