import { describe, expect, it } from 'vitest';
import {
  EVERYTHING,
  labelSelector,
  makeRequirement,
  NOTHING,
  nodeSelectorTerms,
  nodeTermsMatch,
  selectorIsEmpty,
  selectorMatches,
  type Requirement,
} from './selectors';

const req = (key: string, op: string, values: string[] = []): Requirement => {
  const r = makeRequirement(key, op, values);
  if (typeof r === 'string') throw new Error(r);
  return r;
};

describe('node selector requirement operators (labels.Requirement.Matches)', () => {
  const labels = { zone: 'a', gpus: '4', bad: '4x', big: '9223372036854775808' };
  it.each([
    ['In match', req('zone', 'In', ['a', 'b']), true],
    ['In other value', req('zone', 'In', ['b']), false],
    ['In missing key', req('team', 'In', ['x']), false],
    ['NotIn other value', req('zone', 'NotIn', ['b']), true],
    ['NotIn same value', req('zone', 'NotIn', ['a']), false],
    ['NotIn missing key matches', req('team', 'NotIn', ['x']), true],
    ['Exists', req('zone', 'Exists'), true],
    ['Exists missing', req('team', 'Exists'), false],
    ['DoesNotExist', req('team', 'DoesNotExist'), true],
    ['DoesNotExist present', req('zone', 'DoesNotExist'), false],
    ['Gt true', req('gpus', 'Gt', ['3']), true],
    ['Gt equal is false', req('gpus', 'Gt', ['4']), false],
    ['Lt true', req('gpus', 'Lt', ['5']), true],
    ['Lt equal is false', req('gpus', 'Lt', ['4']), false],
    ['Gt on a non-integer label value', req('bad', 'Gt', ['1']), false],
    ['Gt on a value beyond int64', req('big', 'Gt', ['1']), false],
    ['Gt on a missing label', req('team', 'Gt', ['1']), false],
    ['Lt with a negative bound', req('gpus', 'Lt', ['-1']), false],
  ])('%s', (_name, r, want) => {
    expect(selectorMatches({ requirements: [r] }, labels)).toBe(want);
  });

  it('refuses what labels.NewRequirement refuses', () => {
    expect(makeRequirement('k', 'In', [])).toMatch(/can't be empty/);
    expect(makeRequirement('k', 'Exists', ['x'])).toMatch(/must be empty/);
    expect(makeRequirement('k', 'Gt', ['1', '2'])).toMatch(/exactly one value/);
    expect(makeRequirement('k', 'Lt', ['1.5'])).toMatch(/integer/);
    expect(makeRequirement('k', 'Near', ['1'])).toMatch(/not supported/);
  });
});

describe('label selectors (metav1.LabelSelectorAsSelector)', () => {
  it('nil selects nothing, {} selects everything', () => {
    expect(labelSelector(undefined)).toEqual(NOTHING);
    expect(labelSelector({})).toEqual(EVERYTHING);
    expect(selectorMatches(NOTHING, {})).toBe(false);
    expect(selectorMatches(EVERYTHING, {})).toBe(true);
    expect(selectorIsEmpty(EVERYTHING)).toBe(true);
    expect(selectorIsEmpty(NOTHING)).toBe(false);
  });
  it('ANDs matchLabels and matchExpressions', () => {
    const s = labelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }],
    });
    if (typeof s === 'string') throw new Error(s);
    expect(selectorMatches(s, { app: 'web' })).toBe(true);
    expect(selectorMatches(s, { app: 'web', tier: 'db' })).toBe(false);
    expect(selectorMatches(s, { tier: 'fe' })).toBe(false);
  });
  it('refuses Gt in a label selector', () => {
    expect(
      labelSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }),
    ).toMatch(/not a valid/);
  });
});

describe('node selector terms (nodeaffinity.LazyErrorNodeSelector)', () => {
  const labels = { zone: 'a' };
  it('ORs terms, ANDs expressions within a term', () => {
    const terms = nodeSelectorTerms({
      nodeSelectorTerms: [
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
        {
          matchExpressions: [
            { key: 'zone', operator: 'In', values: ['a'] },
            { key: 'gpu', operator: 'DoesNotExist' },
          ],
        },
      ],
    });
    expect(nodeTermsMatch(terms, 'n1', labels)).toBe(true);
    expect(nodeTermsMatch(terms, 'n1', { zone: 'a', gpu: 'yes' })).toBe(false);
  });
  it('matchFields metadata.name In / NotIn', () => {
    const pinned = nodeSelectorTerms({
      nodeSelectorTerms: [
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] },
      ],
    });
    expect(nodeTermsMatch(pinned, 'n1', labels)).toBe(true);
    expect(nodeTermsMatch(pinned, 'n2', labels)).toBe(false);
    const not = nodeSelectorTerms({
      nodeSelectorTerms: [
        { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }] },
      ],
    });
    expect(nodeTermsMatch(not, 'n1', labels)).toBe(false);
    expect(nodeTermsMatch(not, 'n2', labels)).toBe(true);
  });
  it('an empty term selects nothing; a term that does not parse never matches', () => {
    expect(nodeTermsMatch(nodeSelectorTerms({ nodeSelectorTerms: [{}] }), 'n1', labels)).toBe(
      false,
    );
    const broken = nodeSelectorTerms({
      nodeSelectorTerms: [
        { matchExpressions: [{ key: 'zone', operator: 'Gt', values: ['x'] }] },
        { matchExpressions: [{ key: 'zone', operator: 'Exists' }] },
      ],
    });
    expect(nodeTermsMatch(broken, 'n1', labels)).toBe(true);
    expect(nodeTermsMatch(broken.slice(0, 1), 'n1', labels)).toBe(false);
  });
});
