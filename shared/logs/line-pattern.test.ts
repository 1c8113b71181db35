import { describe, expect, it } from 'vitest';
import { compileLinePattern, LinePatternError } from './line-pattern';
import { parseQuery, QueryError } from './query';

describe('compileLinePattern', () => {
  it('matches anywhere in the line, like RegExp.test', () => {
    const p = compileLinePattern('GET|POST');
    expect(p.test('"GET /cart HTTP/1.1" 200')).toBe(true);
    expect(p.test('"PUT /cart HTTP/1.1" 200')).toBe(false);
    expect(compileLinePattern('(?i)error').test('level=ERROR')).toBe(true);
    expect(compileLinePattern('^\\d{3}$').test('404')).toBe(true);
  });

  it('answers a catastrophic-backtracking pattern against a hostile line (no RegExp)', () => {
    // With JavaScript's RegExp this test never finishes; RE2 scans the line once.
    const hostile = 'a'.repeat(50_000) + 'b';
    expect(compileLinePattern('(a+)+$').test(hostile)).toBe(false);
    expect(compileLinePattern('(a|aa)+$').test(hostile)).toBe(false);
    expect(compileLinePattern('(.*a){20}$').test(hostile)).toBe(false);
    expect(compileLinePattern('(a+)+b$').test(hostile)).toBe(true);
  });

  it.each([
    ['(a)\\1', /invalid escape sequence/],
    ['(?=x)y', /unsupported Perl syntax/],
    ['(?!x)y', /unsupported Perl syntax/],
    ['(?<=x)y', /invalid named capture|unsupported/],
    ['(?<!x)y', /invalid named capture|unsupported/],
    ['\\u0041', /invalid escape sequence/],
    ['a{1001}', /invalid repeat count/],
    ['(', /missing closing \)/],
  ])('refuses %s with a message naming the problem', (pattern, message) => {
    expect(() => compileLinePattern(pattern)).toThrow(LinePatternError);
    expect(() => compileLinePattern(pattern)).toThrow(message);
    expect(() => compileLinePattern(pattern)).toThrow(/RE2 syntax/);
  });

  it('refuses a pattern whose program is too large to match quickly', () => {
    expect(() => compileLinePattern('.{1000}')).toThrow(/too complex.*at most 400/);
    expect(() => compileLinePattern('.{300}x')).not.toThrow();
  });
});

describe('include:/exclude: in the query', () => {
  it('an unsupported pattern is a query error pointing at its token', () => {
    const input = 'deploy:web include:(a)\\1';
    try {
      parseQuery(input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(QueryError);
      const e = error as QueryError;
      expect(e.message).toMatch(/^include:\(a\)\\1 is not a valid regular expression: .*RE2/);
      expect(e.index).toBe(input.indexOf('include:'));
    }
  });

  it('a hostile pattern is accepted (it is safe to run)', () => {
    expect(parseQuery('include:(a+)+$').include).toEqual(['(a+)+$']);
  });
});
