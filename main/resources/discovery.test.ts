import { describe, expect, it } from 'vitest';
import { customKindsOf, type ResourceList } from './discovery';
import { builtinKinds } from '../../shared/kube/kinds';

const watchable = ['get', 'list', 'watch'];
const resource = (name: string, kind: string, verbs = watchable, namespaced = true) => ({
  name,
  kind,
  namespaced,
  verbs,
});

describe('customKindsOf', () => {
  it.each([
    ['gateway.networking.k8s.io', 'v1', 'gateways', 'Gateway'],
    ['gateway.networking.k8s.io', 'v1', 'httproutes', 'HTTPRoute'],
    ['snapshot.storage.k8s.io', 'v1', 'volumesnapshots', 'VolumeSnapshot'],
    ['kwok.x-k8s.io', 'v1alpha1', 'logs', 'Logs'],
    ['cert-manager.io', 'v1', 'certificates', 'Certificate'],
  ])('%s %s/%s is a custom resource named %s', (group, version, plural, kind) => {
    expect(customKindsOf(group, version, { resources: [resource(plural, kind)] })).toEqual([
      { group, version, plural, namespaced: true, kind },
    ]);
  });

  it('leaves out every kind the registry lists, by group and plural', () => {
    for (const k of builtinKinds.filter((k) => k.group !== '')) {
      const found = customKindsOf(k.group, k.version, { resources: [resource(k.plural, k.kind)] });
      expect(found, k.id).toEqual([]);
    }
    // The same plural in another group is not the built-in one.
    expect(
      customKindsOf('example.com', 'v1', { resources: [resource('deployments', 'Deployment')] }),
    ).toHaveLength(1);
  });

  it.each([
    ['networking.k8s.io', 'networkpolicies', 'NetworkPolicy'],
    ['autoscaling', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler'],
    ['coordination.k8s.io', 'leases', 'Lease'],
    ['events.k8s.io', 'events', 'Event'],
    ['rbac.authorization.k8s.io', 'roles', 'Role'],
  ])('leaves out %s %s: a group kube-apiserver serves itself', (group, plural, kind) => {
    expect(customKindsOf(group, 'v1', { resources: [resource(plural, kind)] })).toEqual([]);
  });

  it('keeps only top-level resources that can be listed and watched', () => {
    const list: ResourceList = {
      resources: [
        resource('gateways', 'Gateway'),
        resource('gateways/status', 'Gateway'),
        resource('gatewayclasses', 'GatewayClass', watchable, false),
        resource('reviews', 'Review', ['create']),
      ],
    };
    expect(customKindsOf('gateway.networking.k8s.io', 'v1', list)).toEqual([
      {
        group: 'gateway.networking.k8s.io',
        version: 'v1',
        plural: 'gateways',
        namespaced: true,
        kind: 'Gateway',
      },
      {
        group: 'gateway.networking.k8s.io',
        version: 'v1',
        plural: 'gatewayclasses',
        namespaced: false,
        kind: 'GatewayClass',
      },
    ]);
  });
});
