import { describe, expect, it } from 'vitest';
import { compileFilters, sameFilters } from './line-filter';
import { lineEntry, markerEntry } from './log-entry';

const line = (source: number, text: string) => lineEntry(0, [source, '', text]);

describe('compileFilters', () => {
  it('passes everything without filters', () => {
    const pass = compileFilters({ include: [], exclude: [], hidden: new Set() });
    expect(pass(line(1, 'x'))).toBe(true);
  });

  it('needs one include and no exclude (stern)', () => {
    const pass = compileFilters({
      include: ['GET', 'POST'],
      exclude: ['healthz'],
      hidden: new Set(),
    });
    expect(pass(line(1, 'GET /api'))).toBe(true);
    expect(pass(line(1, 'POST /api'))).toBe(true);
    expect(pass(line(1, 'GET /healthz'))).toBe(false);
    expect(pass(line(1, 'DELETE /api'))).toBe(false);
  });

  it('matches the text without ANSI escapes', () => {
    const pass = compileFilters({ include: ['error: disk'], exclude: [], hidden: new Set() });
    expect(pass(line(1, '\u001b[31merror\u001b[0m: disk full'))).toBe(true);
  });

  it('hides sources but never markers', () => {
    const pass = compileFilters({ include: ['nothing'], exclude: [], hidden: new Set([2]) });
    expect(pass(line(2, 'nothing'))).toBe(false);
    expect(pass(line(1, 'nothing'))).toBe(true);
    expect(pass(markerEntry(0, 5))).toBe(true);
  });

  it('throws on an invalid expression', () => {
    expect(() => compileFilters({ include: ['('], exclude: [], hidden: new Set() })).toThrow();
  });
});

describe('sameFilters', () => {
  it('compares by value', () => {
    const a = { include: ['a'], exclude: [], hidden: new Set([1]) };
    expect(sameFilters(a, { include: ['a'], exclude: [], hidden: new Set([1]) })).toBe(true);
    expect(sameFilters(a, { include: ['a'], exclude: [], hidden: new Set([2]) })).toBe(false);
    expect(sameFilters(a, { include: ['b'], exclude: [], hidden: new Set([1]) })).toBe(false);
  });
});
