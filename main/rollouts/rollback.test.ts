import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../shared/kube/object-types';
import { buildRollback } from './rollback';
import { cleanTemplate, templateDiff } from './diff';
import type { RevisionEntry } from './history';

const template = (image: string, hash?: string) => ({
  metadata: { labels: { app: 'd', ...(hash ? { 'pod-template-hash': hash } : {}) } },
  spec: { containers: [{ name: 'main', image }] },
});

const deployment = (image: string, extra: Record<string, unknown> = {}): KubeObject => ({
  metadata: {
    name: 'd',
    annotations: {
      'deployment.kubernetes.io/revision': '3',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      team: 'live',
    },
  },
  spec: { template: template(image), ...extra },
});

const entry = (revision: number, image: string): RevisionEntry => ({
  revision,
  changeCause: '',
  template: template(image, `hash${revision}`),
  object: {
    metadata: {
      name: `d-hash${revision}`,
      annotations: {
        'deployment.kubernetes.io/revision': String(revision),
        'deployment.kubernetes.io/desired-replicas': '2',
        'deployment.kubernetes.io/max-replicas': '3',
        'kubernetes.io/change-cause': `cause ${revision}`,
        team: 'old',
      },
    },
  },
});

describe('template cleaning', () => {
  it('drops pod-template-hash, and an emptied labels map with it', () => {
    expect(cleanTemplate(template('x', 'h'))).toEqual(template('x'));
    expect(cleanTemplate({ metadata: { labels: { 'pod-template-hash': 'h' } } })).toEqual({
      metadata: {},
    });
  });
  it('does not change its input', () => {
    const t = template('x', 'h');
    cleanTemplate(t);
    expect(t.metadata.labels['pod-template-hash']).toBe('h');
  });
  it('two templates differing only by the hash have an empty diff', () => {
    const d = templateDiff(
      { label: 'a', template: template('x', 'h1') },
      { label: 'b', template: template('x') },
    );
    expect(d.patch).toBe('');
  });
});

describe('Deployment rollback patch (kubectl rollback.go)', () => {
  const history = [entry(1, 'nginx:1'), entry(2, 'nginx:2'), entry(3, 'nginx:3')];

  it("is a JSON patch of the ReplicaSet's template without the hash and kubectl's annotations", () => {
    const request = buildRollback('deployments', deployment('nginx:3'), history, 1);
    expect(request.type).toBe('patch');
    if (request.type !== 'patch') return;
    expect(request.contentType).toBe('application/json-patch+json');
    expect(JSON.parse(request.body)).toEqual([
      { op: 'replace', path: '/spec/template', value: template('nginx:1') },
      {
        op: 'replace',
        path: '/metadata/annotations',
        value: {
          // annotationsToSkip keep the Deployment's values (absent ones stay absent) …
          'deployment.kubernetes.io/revision': '3',
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
          // … the rest come from the ReplicaSet; the Deployment's others are dropped.
          'kubernetes.io/change-cause': 'cause 1',
          team: 'old',
        },
      },
    ]);
  });

  it('skips when the live template already matches (hash aside)', () => {
    expect(buildRollback('deployments', deployment('nginx:3'), history, 3)).toEqual({
      type: 'skip',
      message: 'skipped rollback (current template already matches revision 3)',
    });
  });

  it('refuses a paused Deployment and an unknown revision with kubectl words', () => {
    expect(() =>
      buildRollback('deployments', deployment('nginx:3', { paused: true }), history, 1),
    ).toThrow(
      "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    );
    expect(() => buildRollback('deployments', deployment('nginx:3'), history, 7)).toThrow(
      'unable to find specified revision 7 in history',
    );
  });
});

describe('StatefulSet and DaemonSet rollback patch', () => {
  const data = (image: string) => ({
    spec: { template: { ...template(image), $patch: 'replace' } },
  });
  const cr = (revision: number, image: string): RevisionEntry => ({
    revision,
    changeCause: '',
    template: template(image),
    object: { metadata: { name: `s-${revision}` }, revision, data: data(image) },
  });
  const sts: KubeObject = { metadata: { name: 's' }, spec: { template: template('nginx:2') } };

  it("is a strategic-merge patch whose body is the revision's data", () => {
    const request = buildRollback('statefulsets', sts, [cr(1, 'nginx:1'), cr(2, 'nginx:2')], 1);
    expect(request).toEqual({
      type: 'patch',
      contentType: 'application/strategic-merge-patch+json',
      body: JSON.stringify(data('nginx:1')),
    });
  });

  it('skips when the live template equals the revision', () => {
    expect(buildRollback('daemonsets', sts, [cr(1, 'nginx:1'), cr(2, 'nginx:2')], 2).type).toBe(
      'skip',
    );
  });
});
