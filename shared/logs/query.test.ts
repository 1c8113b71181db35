import { describe, expect, it } from 'vitest';
import {
  parseDuration,
  parseQuery,
  podMatches,
  QueryError,
  queryNamespaces,
  splitViewFilters,
  type PodFacts,
} from './query';

const web1: PodFacts = {
  namespace: 'team-a',
  name: 'web-7f5f-abc',
  labels: { app: 'web', tier: 'frontend' },
  node: 'pilot-a1',
  owners: [
    { kind: 'ReplicaSet', name: 'web-7f5f' },
    { kind: 'Deployment', name: 'web' },
  ],
  services: ['web'],
  ingresses: ['storefront'],
};
const api1: PodFacts = {
  namespace: 'team-a',
  name: 'api-68d5-xyz',
  labels: { app: 'api', tier: 'backend' },
  node: 'pilot-c2',
  owners: [
    { kind: 'ReplicaSet', name: 'api-68d5' },
    { kind: 'Deployment', name: 'api' },
  ],
  services: ['api'],
  ingresses: [],
};
const db0: PodFacts = {
  namespace: 'team-b',
  name: 'db-0',
  labels: { app: 'db' },
  node: 'pilot-a1',
  owners: [{ kind: 'StatefulSet', name: 'db' }],
  services: ['db'],
  ingresses: [],
};
const pods = [web1, api1, db0];
const matching = (q: string) => pods.filter((p) => podMatches(parseQuery(q), p)).map((p) => p.name);

describe('kail semantics', () => {
  it.each([
    ['', ['web-7f5f-abc', 'api-68d5-xyz', 'db-0']],
    ['deploy:web', ['web-7f5f-abc']],
    ['deploy:web deploy:api', ['web-7f5f-abc', 'api-68d5-xyz']],
    ['deploy:web ns:team-b', []],
    ['ns:team-a ns:team-b node:pilot-a1', ['web-7f5f-abc', 'db-0']],
    ['label:tier in (frontend,backend)', ['web-7f5f-abc', 'api-68d5-xyz']],
    ['label:app=web label:app=db', ['web-7f5f-abc', 'db-0']],
    ['label:"tier=backend,app=api"', ['api-68d5-xyz']],
    ['l:!tier', ['db-0']],
    ['sts:db', ['db-0']],
    ['rs:api-68d5', ['api-68d5-xyz']],
    ['svc:web svc:db', ['web-7f5f-abc', 'db-0']],
    ['ing:storefront', ['web-7f5f-abc']],
    ['pod:team-b/db-0', ['db-0']],
    ['ds:node-agent', []],
    ['deploy:team-a/web deploy:team-b/web', ['web-7f5f-abc']],
    ['svc:team-b/db', ['db-0']],
    ['svc:team-a/db', []],
  ])('%s', (query, names) => expect(matching(query)).toEqual(names));
});

describe('options', () => {
  it('reads since, tail, include/exclude and flags', () => {
    const q = parseQuery(
      'deploy:web since:1h30m tail:100 include:ERROR -exclude:healthz exclude:ready previous init timestamps',
    );
    expect(q.since).toEqual({ ms: 5_400_000 });
    expect(q.tail).toBe(100);
    expect(q.include).toEqual(['ERROR']);
    expect(q.exclude).toEqual(['healthz', 'ready']);
    expect([q.previous, q.initContainers, q.timestamps]).toEqual([true, true, true]);
    expect(q.selectors.deployment).toEqual(['web']);
  });

  it('accepts an absolute since', () => {
    expect(parseQuery('since:2026-11-21T10:00:00Z').since).toEqual({
      time: '2026-11-21T10:00:00Z',
    });
  });

  it.each([
    ['10m', 600_000],
    ['45s', 45_000],
    ['2d', 172_800_000],
    ['1.5h', 5_400_000],
    ['10', undefined],
    ['m', undefined],
    ['10x', undefined],
  ])('duration %s', (text, ms) => expect(parseDuration(text)).toBe(ms));
});

describe('errors point at the bad token', () => {
  it.each([
    ['deploy:web web', 'web', 11, /not a selector/],
    ['deploy:web colour:red', 'colour:red', 11, /unknown selector "colour"/],
    ['ns:', 'ns:', 0, /needs a value/],
    ['since:yesterday', 'since:yesterday', 0, /neither a duration/],
    ['tail:-3', 'tail:-3', 0, /whole number/],
    ['include:(', 'include:(', 0, /not a valid regular expression/],
    ['label:app=we$b', 'label:app=we$b', 0, /invalid label value/],
    ['pod:"unclosed', 'pod:"unclosed', 0, /unclosed quote/],
  ])('%s', (query, token, index, message) => {
    try {
      parseQuery(query);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(QueryError);
      expect((error as QueryError).token).toBe(token);
      expect((error as QueryError).index).toBe(index);
      expect((error as QueryError).message).toMatch(message);
    }
  });
});

describe('scope', () => {
  it.each([
    ['deploy:web', ['team-a'], ['team-a']],
    ['deploy:web', 'all', 'all'],
    ['ns:team-b ns:team-b', ['team-a'], ['team-b']],
    ['deploy:team-b/worker svc:team-c/x', ['team-a'], ['team-b', 'team-c']],
    ['deploy:team-b/worker svc:x', ['team-a'], ['team-a']],
  ] as const)('%s in %j → %j', (query, current, expected) =>
    expect(queryNamespaces(parseQuery(query), current as string[] | 'all')).toEqual(expected),
  );
});

describe('view filters', () => {
  it('keeps what the engine needs, verbatim, and lifts include/exclude out', () => {
    expect(
      splitViewFilters('deploy:web  include:"a b" label:tier in (x,y) -exclude:healthz since:5m'),
    ).toEqual({
      engineQuery: 'deploy:web label:tier in (x,y) since:5m',
      include: ['a b'],
      exclude: ['healthz'],
    });
  });
});
