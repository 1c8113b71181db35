import { describe, expect, it } from 'vitest';
import { parseQuery, queryNamespaces } from './query';
import { logQueryFor } from './object-query';

describe('logQueryFor', () => {
  it.each([
    ['pods', 'team-a', 'web-1', 'pod:team-a/web-1'],
    ['deployments', 'team-a', 'web', 'deploy:team-a/web'],
    ['statefulsets', 'team-a', 'db', 'sts:team-a/db'],
    ['daemonsets', 'kube-system', 'agent', 'ds:kube-system/agent'],
    ['replicasets', 'team-a', 'web-abc', 'rs:team-a/web-abc'],
    ['jobs', 'team-b', 'migrate', 'job:team-b/migrate'],
    ['services', 'team-a', 'web', 'svc:team-a/web'],
    ['ingresses', 'team-a', 'web', 'ing:team-a/web'],
    ['nodes', undefined, 'node-1', 'node:node-1'],
  ] as const)('%s %s/%s → %s', (kind, ns, name, query) => {
    expect(logQueryFor(kind, ns, name)).toBe(query);
    // The query parses, and names its own namespace.
    const parsed = parseQuery(query);
    if (ns) expect(queryNamespaces(parsed, 'all')).toEqual([ns]);
  });

  it('has nothing for kinds without logs', () => {
    expect(logQueryFor('configmaps', 'team-a', 'x')).toBeUndefined();
    expect(logQueryFor('deployments', undefined, 'x')).toBeUndefined();
  });
});
