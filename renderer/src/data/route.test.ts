import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, viewOfKind, type Route } from './route';

describe('hash routes', () => {
  it.each([
    [
      '#/pods?context=pilothouse-admin&ns=team-a,team-b&object=team-a/web-1',
      {
        view: 'pods',
        object: 'team-a/web-1',
        context: 'pilothouse-admin',
        namespaces: { all: false, namespaces: ['team-a', 'team-b'] },
      },
    ],
    [
      '#/nodes?context=a%40b%3Ac&ns=all',
      { view: 'nodes', context: 'a@b:c', namespaces: { all: true } },
    ],
    [
      '#/logs?context=pilothouse-admin&ns=team-a&q=deploy:web+-exclude:healthz',
      {
        view: 'logs',
        context: 'pilothouse-admin',
        namespaces: { all: false, namespaces: ['team-a'] },
        query: 'deploy:web -exclude:healthz',
      },
    ],
    ['', { view: 'overview' }],
    ['#/no-such-view', { view: 'overview' }],
  ] as const)('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('round-trips', () => {
    const route: Route = {
      view: 'logs',
      context: 'prod/eu@x',
      namespaces: { all: false, namespaces: ['a', 'b'] },
    };
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(formatRoute(route)).toContain('ns=a,b');
  });

  it('round-trips a log query with spaces, quotes, sets and regular expressions', () => {
    const route: Route = {
      view: 'logs',
      context: 'pilothouse-admin',
      query: `deploy:team-a/web label:"tier in (a,b)" include:'^GET /(api|v1)[?]x=1&y=%2C+' since:10m`,
    };
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(formatRoute(route)).toContain('q=deploy:team-a/web+');
  });
});

describe('viewOfKind', () => {
  it.each([
    ['Pod', 'pods'],
    ['ReplicaSet', 'replicasets'],
    ['Deployment', 'deployments'],
    ['Ingress', 'ingresses'],
    ['Node', 'nodes'],
    ['Widget', undefined],
  ])('%s → %s', (kind, view) => expect(viewOfKind(kind)).toBe(view));
});
