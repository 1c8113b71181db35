import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../shared/kube/object-types';
import {
  historyFromReplicaSets,
  historyFromRevisions,
  replicaSetRevision,
  revisionTemplate,
} from './history';

const owner = (uid: string, controller = true) => [
  { uid, controller, kind: 'Deployment', name: 'd' },
];

function rs(
  name: string,
  revision: string | undefined,
  extra: Partial<KubeObject['metadata']> = {},
): KubeObject {
  return {
    metadata: {
      name,
      uid: `uid-${name}`,
      ownerReferences: owner('D'),
      annotations: revision === undefined ? {} : { 'deployment.kubernetes.io/revision': revision },
      ...extra,
    },
    spec: { template: { metadata: { labels: { app: 'd', 'pod-template-hash': name } }, spec: {} } },
  };
}

describe('Deployment history from ReplicaSets (kubectl history.go)', () => {
  it('orders revisions numerically, not as text, and keeps only ReplicaSets the Deployment controls', () => {
    const entries = historyFromReplicaSets('D', [
      rs('r10', '10'),
      rs('r2', '2'),
      rs('r9', '9'),
      rs('other', '3', { ownerReferences: owner('X') }),
      rs('not-controller', '4', { ownerReferences: owner('D', false) }),
    ]);
    expect(entries.map((e) => e.revision)).toEqual([2, 9, 10]);
  });

  it('a ReplicaSet without the annotation is revision 0; a malformed one is skipped', () => {
    expect(replicaSetRevision(rs('a', undefined))).toBe(0);
    expect(replicaSetRevision(rs('a', 'x1'))).toBeUndefined();
    expect(
      historyFromReplicaSets('D', [rs('a', 'x1'), rs('b', '1')]).map((e) => e.revision),
    ).toEqual([1]);
  });

  it("the change-cause is the ReplicaSet's annotation, else its template's", () => {
    const own = rs('a', '1');
    own.metadata!.annotations!['kubernetes.io/change-cause'] = 'on the rs';
    const onTemplate = rs('b', '2');
    (onTemplate.spec as { template: { metadata: Record<string, unknown> } }).template.metadata[
      'annotations'
    ] = {
      'kubernetes.io/change-cause': 'on the template',
    };
    expect(
      historyFromReplicaSets('D', [own, onTemplate, rs('c', '3')]).map((e) => e.changeCause),
    ).toEqual(['on the rs', 'on the template', '']);
  });

  it('a later ReplicaSet with the same revision wins, as in kubectl map', () => {
    expect(
      historyFromReplicaSets('D', [rs('first', '1'), rs('second', '1')])[0]?.object.metadata?.name,
    ).toBe('second');
  });
});

describe('StatefulSet and DaemonSet history from ControllerRevisions', () => {
  const cr = (name: string, revision: unknown, ownerUid = 'S'): KubeObject => ({
    metadata: {
      name,
      uid: name,
      ownerReferences: owner(ownerUid),
      annotations: { 'kubernetes.io/change-cause': name },
    },
    revision,
    data: {
      spec: {
        template: {
          $patch: 'replace',
          metadata: { labels: { app: 's' } },
          spec: { containers: [] },
        },
      },
    },
  });

  it('orders by revision and keeps only controlled revisions with a numeric revision', () => {
    const entries = historyFromRevisions('S', [
      cr('c3', 3),
      cr('c1', 1),
      cr('x', 2, 'X'),
      cr('bad', '2'),
    ]);
    expect(entries.map((e) => [e.revision, e.changeCause])).toEqual([
      [1, 'c1'],
      [3, 'c3'],
    ]);
  });

  it("the revision's template is its data's template without the $patch directive", () => {
    expect(revisionTemplate(cr('c', 1))).toEqual({
      metadata: { labels: { app: 's' } },
      spec: { containers: [] },
    });
  });
});
