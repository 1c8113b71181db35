import { describe, expect, it } from 'vitest';
import type { AnyKind } from '../../../../shared/contract/resources';
import { builtinKinds, resolveKind } from '../../../../shared/kube/kinds';
import { sectionsFor } from '../../ui/detail/detail-sections';
import { forwardDetailSections } from './sections';

const target = (kind: AnyKind, namespace: string | undefined = 'team-a') => ({
  context: 'c',
  kind,
  def: resolveKind(kind)!,
  namespace,
  name: 'x',
});

describe('the forwards feature’s detail sections', () => {
  it('Forward… on pods, Services, Deployments, StatefulSets and ReplicaSets; Forward all Services on namespaces', () => {
    for (const kind of builtinKinds) {
      const ns = kind.namespaced ? 'team-a' : undefined;
      const ids = sectionsFor(forwardDetailSections, 'actions', target(kind.id, ns), undefined).map(
        (s) => s.id,
      );
      const expected = ['pods', 'services', 'deployments', 'statefulsets', 'replicasets'].includes(
        kind.id,
      )
        ? ['forward']
        : kind.id === 'namespaces'
          ? ['forward-namespace']
          : [];
      expect(ids, kind.id).toEqual(expected);
    }
    const custom = { group: 'x.io', version: 'v1', plural: 'pods', namespaced: true, kind: 'Pod' };
    expect(sectionsFor(forwardDetailSections, 'actions', target(custom), undefined)).toEqual([]);
  });
});
