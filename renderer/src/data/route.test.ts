import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, sidebarSections, viewOfKind, views, type Route } from './route';
import { builtinKinds } from '../../../shared/kube/kinds';

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
    ['Ingresse', undefined],
    ['pods', undefined],
  ])('%s → %s', (kind, view) => expect(viewOfKind(kind)).toBe(view));
});

describe('views derived from the kind registry', () => {
  it('has one table view per registry kind, with its label and section', () => {
    for (const k of builtinKinds) {
      expect(views.find((v) => v.id === k.id)).toEqual({
        id: k.id,
        label: k.label,
        section: k.section,
        kind: k.id,
      });
    }
    expect(views.filter((v) => v.kind).map((v) => v.id)).toEqual(builtinKinds.map((k) => k.id));
  });

  it('keeps the feature views, Overview first', () => {
    expect(views[0]?.id).toBe('overview');
    for (const id of ['logs', 'port-forwards', 'rollouts', 'custom'])
      expect(views.some((v) => v.id === id && !v.kind)).toBe(true);
    expect(new Set(views.map((v) => v.id)).size).toBe(views.length);
  });

  it('orders the sidebar sections as their views come', () => {
    expect(sidebarSections.slice(0, 4)).toEqual(['Cluster', 'Workloads', 'Network', 'Config']);
    expect(sidebarSections.at(-1)).toBe('Tools');
    expect(sidebarSections).not.toContain('Custom');
  });

  it.each(builtinKinds.map((k) => [k.kind, k.id] as const))('viewOfKind(%s) → %s', (kind, id) =>
    expect(viewOfKind(kind)).toBe(id),
  );

  it('parses every view’s route', () => {
    for (const v of views) expect(parseRoute(formatRoute({ view: v.id })).view).toBe(v.id);
  });
});
