import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../shared/logs/query';
import { flagsToQuery, selectorFlags } from './kail-flags';

describe('kail flags', () => {
  it('offers every selector kind under its long names', () => {
    expect(Object.keys(selectorFlags)).toEqual(
      expect.arrayContaining(['ns', 'label', 'pod', 'container', 'rs', 'deploy', 'sts', 'ds']),
    );
    expect(Object.keys(selectorFlags)).toEqual(
      expect.arrayContaining(['job', 'svc', 'node', 'ing', 'deployment', 'service', 'ingress']),
    );
  });

  it('builds the same query the filter bar would read', () => {
    const text = flagsToQuery(['pod:db-0'], {
      selectors: { deploy: ['web', 'api'], ns: ['team-a'], label: ['tier in (a,b)'] },
      since: '10m',
      include: ['ERROR|WARN'],
      exclude: ['say "hi"'],
      timestamps: true,
    });
    const q = parseQuery(text);
    expect(q.selectors.deployment).toEqual(['web', 'api']);
    expect(q.selectors.pod).toEqual(['db-0']);
    expect(q.selectors.namespace).toEqual(['team-a']);
    expect(q.selectors.label).toHaveLength(1);
    expect(q.since).toEqual({ ms: 600_000 });
    expect(q.include).toEqual(['ERROR|WARN']);
    expect(q.exclude).toEqual(['say "hi"']);
    expect(q.timestamps).toBe(true);
  });
});
