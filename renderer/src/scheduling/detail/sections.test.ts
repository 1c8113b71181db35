import { describe, expect, it } from 'vitest';
import type { AnyKind } from '../../../../shared/contract/resources';
import { builtinKinds, resolveKind } from '../../../../shared/kube/kinds';
import { sectionsFor } from '../../ui/detail/detail-sections';
import { schedulingDetailSections } from './sections';

const target = (kind: AnyKind) => ({
  context: 'c',
  kind,
  def: resolveKind(kind)!,
  namespace: 'team-a',
  name: 'x',
});

describe('the scheduling sections', () => {
  it('Pods, Deployments, StatefulSets, DaemonSets and Jobs get a Scheduling tab; Nodes get operations', () => {
    for (const kind of builtinKinds) {
      const tabs = sectionsFor(schedulingDetailSections, 'tab', target(kind.id), undefined);
      const expected = ['pods', 'deployments', 'statefulsets', 'daemonsets', 'jobs'].includes(
        kind.id,
      )
        ? ['Scheduling']
        : [];
      expect(
        tabs.map((t) => t.label),
        kind.id,
      ).toEqual(expected);
      const summary = sectionsFor(schedulingDetailSections, 'summary', target(kind.id), undefined);
      expect(
        summary.map((s) => s.id),
        kind.id,
      ).toEqual(kind.id === 'nodes' ? ['node-operations'] : []);
    }
  });
});
