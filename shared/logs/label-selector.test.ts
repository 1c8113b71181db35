import { describe, expect, it } from 'vitest';
import { matchesLabels, parseLabelSelector } from './label-selector';

const pod = { app: 'web', tier: 'frontend', 'pilothouse.dev/team': 'a' };

describe('label selectors as kubectl -l', () => {
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app!=api', true],
    ['tier in (frontend,backend)', true],
    ['tier notin (frontend)', false],
    ['canary', false],
    ['!canary', true],
    ['app=web,tier in (frontend, backend),!canary', true],
    ['pilothouse.dev/team=a', true],
    ['missing!=x', true],
    ['missing in (x)', false],
    ['app=', false],
  ])('%s → %s', (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), pod)).toBe(expected);
  });

  it.each([
    ['app=-bad', '-bad'],
    ['=web', '"=web"'],
    ['app=we b', 'we b'],
    ['tier in (a b)', 'a b'],
    ['a,,b', 'empty requirement'],
  ])('rejects %s', (selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrow(message);
  });
});
