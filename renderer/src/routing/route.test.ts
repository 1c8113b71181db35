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
