import { describe, expect, it } from 'vitest';
import { analyzeQuery, removeChip, splitAtError } from './query-input';

describe('analyzeQuery', () => {
  it('splits engine selectors from live filters and makes chips', () => {
    const a = analyzeQuery('deploy:web ns:team-a label:"tier in (a,b)" -exclude:healthz previous');
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.engineQuery).toBe('deploy:web ns:team-a label:"tier in (a,b)" previous');
    expect(a.exclude).toEqual(['healthz']);
    expect(a.chips.map((c) => [c.kind, c.value, c.live])).toEqual([
      ['deploy', 'web', false],
      ['ns', 'team-a', false],
      ['label', 'tier in (a,b)', false],
      ['-exclude', 'healthz', true],
      ['previous', '', false],
    ]);
  });

  it('points at the bad token', () => {
    const input = 'deploy:web bogus:1 ns:x';
    const a = analyzeQuery(input);
    expect(a).toMatchObject({ ok: false, token: 'bogus:1', index: 11 });
    if (a.ok) return;
    expect(a.message).toMatch(/unknown selector "bogus"/);
    expect(splitAtError(input, a)).toEqual(['deploy:web ', 'bogus:1', ' ns:x']);
  });

  it('reports a bad regular expression at its token', () => {
    expect(analyzeQuery('deploy:web include:(')).toMatchObject({ ok: false, index: 11 });
  });

  it('accepts the empty query', () => {
    expect(analyzeQuery('  ')).toMatchObject({ ok: true, chips: [], engineQuery: '' });
  });
});

describe('removeChip', () => {
  it('removes one token and tidies the spaces', () => {
    const input = 'deploy:web  label:"a in (x, y)" since:5m';
    const a = analyzeQuery(input);
    if (!a.ok) throw new Error('should parse');
    expect(removeChip(input, a.chips[1]!)).toBe('deploy:web since:5m');
    expect(removeChip(input, a.chips[0]!)).toBe('label:"a in (x, y)" since:5m');
  });
});
