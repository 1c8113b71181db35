import { describe, expect, it } from 'vitest';
import type { AnyKind } from '../../../../shared/contract/resources';
import { builtinKinds, resolveKind } from '../../../../shared/kube/kinds';
import { sectionsFor } from '../../ui/detail/detail-sections';
import { rolloutDetailSections } from './sections';

const target = (kind: AnyKind) => ({
  context: 'c',
  kind,
  def: resolveKind(kind)!,
  namespace: 'team-a',
  name: 'x',
});

describe('the rollout tabs', () => {
  it('Deployments, StatefulSets and DaemonSets get Rollout then History; no other kind does', () => {
    for (const kind of builtinKinds) {
      const tabs = sectionsFor(rolloutDetailSections, 'tab', target(kind.id), undefined);
      const expected = ['deployments', 'statefulsets', 'daemonsets'].includes(kind.id)
        ? ['Rollout', 'History']
        : [];
      expect(
        tabs.map((t) => t.label),
        kind.id,
      ).toEqual(expected);
    }
    const custom = {
      group: 'argoproj.io',
      version: 'v1alpha1',
      plural: 'rollouts',
      namespaced: true,
      kind: 'Rollout',
    };
    expect(sectionsFor(rolloutDetailSections, 'tab', target(custom), undefined)).toEqual([]);
  });
});
