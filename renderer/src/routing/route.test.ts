import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from './route';

describe('hash routes', () => {
  it.each([
    [
      '#/workloads?context=pilothouse-admin&ns=team-a,team-b',
      {
        view: 'workloads',
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
