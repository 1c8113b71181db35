import { describe, expect, it } from 'vitest';
import { MAX_TARGET_BYTES, parseRequestTarget } from './request-target';

describe('parseRequestTarget', () => {
  it('reads plain paths and the query', () => {
    expect(parseRequestTarget('/')).toMatchObject({ ok: true, path: '/' });
    expect(parseRequestTarget('/assets/index-Bx3f.js')).toMatchObject({
      ok: true,
      path: '/assets/index-Bx3f.js',
    });
    const withCode = parseRequestTarget('/?code=abc-_1');
    expect(withCode.ok && withCode.query.get('code')).toBe('abc-_1');
    expect(parseRequestTarget('/a%20b.js')).toMatchObject({ ok: true, path: '/a b.js' });
  });

  it.each([
    ['//'],
    ['/%'],
    ['/%E0%A4%A'],
    ['/%c0%ae'],
    ['/..%2f'],
    ['/%2e%2e/x'],
    ['/a/../b'],
    ['/./a'],
    ['/a/'],
    ['/%00'],
    ['/a%0d%0ab'],
    ['/%5c..%5c'],
    ['*'],
    ['http://evil.example/'],
    [''],
    ['/' + 'a'.repeat(MAX_TARGET_BYTES)],
  ])('refuses %j without throwing', (target) => {
    const result = parseRequestTarget(target);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/\w/);
  });

  it('refuses no target at all', () => {
    expect(parseRequestTarget(undefined).ok).toBe(false);
  });

  it('never throws on a malformed query', () => {
    expect(parseRequestTarget('/?%=%E0%A4%A&&=&code')).toMatchObject({ ok: true, path: '/' });
  });
});
