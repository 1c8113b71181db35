import { describe, expect, it } from 'vitest';
import type { AnyKind } from '../../../../shared/contract/resources';
import { builtinKinds, resolveKind } from '../../../../shared/kube/kinds';
import type { Row } from '../../../../shared/resources/rows';
import { sectionsFor, type DetailSection, type DetailSlot } from '../../ui/detail/detail-sections';
import { resourceDetailSections } from './sections';

const target = (kind: AnyKind) => ({
  context: 'c',
  kind,
  def: resolveKind(kind)!,
  namespace: 'team-a',
  name: 'x',
});
const ids = (kind: AnyKind, slot: DetailSlot, row?: Row) =>
  sectionsFor(resourceDetailSections, slot, target(kind), row).map((s) => s.id);

describe('the resources feature’s detail sections', () => {
  it.each([
    ['pods', ['logs', 'delete']],
    ['deployments', ['scale', 'logs', 'delete']],
    ['statefulsets', ['scale', 'logs', 'delete']],
    ['daemonsets', ['logs', 'delete']],
    ['configmaps', ['delete']],
    ['nodes', ['logs']],
    ['namespaces', []],
    ['events', []],
  ] as const)('%s offers actions %j', (kind, actions) => {
    expect(ids(kind, 'actions')).toEqual(actions);
  });

  it('follows the registry: scale where actions include it, logs where a selector exists', () => {
    for (const k of builtinKinds) {
      const got = ids(k.id, 'actions');
      expect(got.includes('scale'), k.id).toBe(k.actions.includes('scale'));
      expect(got.includes('delete'), k.id).toBe(k.actions.includes('delete'));
      expect(got.includes('logs'), k.id).toBe(k.logs !== undefined);
    }
  });

  it('offers nothing to do on a custom resource', () => {
    const widget = {
      group: 'example.com',
      version: 'v1',
      plural: 'widgets',
      namespaced: true,
      kind: 'Widget',
    };
    expect(ids(widget, 'actions')).toEqual([]);
    expect(ids(widget, 'summary')).toEqual([
      'owners',
      'facts',
      'conditions',
      'labels',
      'annotations',
      'events',
    ]);
  });

  it('shows containers for pods and values for secrets, in order', () => {
    expect(ids('pods', 'summary')).toEqual([
      'owners',
      'facts',
      'containers',
      'conditions',
      'labels',
      'annotations',
      'events',
    ]);
    expect(ids('secrets', 'summary')).toContain('secret-data');
  });

  it('links an event’s involved object when the row names one', () => {
    const row: Row = {
      uid: 'e',
      name: 'e',
      cells: {},
      facts: { involved: { kind: 'Pod', name: 'p' } },
    };
    expect(ids('events', 'notice', row)).toEqual(['involved-object']);
    expect(ids('events', 'notice', { ...row, facts: {} })).toEqual([]);
  });

  it('lets another feature slot a section between the built-ins', () => {
    const extra: DetailSection = {
      id: 'rollout-history',
      slot: 'summary',
      order: 550,
      applies: (t) => t.def.actions.includes('scale'),
      Component: () => null,
    };
    const all = [...resourceDetailSections, extra];
    const names = (kind: AnyKind) =>
      sectionsFor(all, 'summary', target(kind), undefined).map((s) => s.id);
    expect(names('deployments')).toEqual([
      'owners',
      'facts',
      'conditions',
      'rollout-history',
      'labels',
      'annotations',
      'events',
    ]);
    expect(names('pods')).not.toContain('rollout-history');
  });
});
