// Issue 11, the history/rollback half, against the real API server with the built kubectl
// as the oracle. For each kind (Deployment, StatefulSet, DaemonSet): Pilothouse's history
// equals `kubectl rollout history`; twin workloads (identical manifests in two namespaces
// of this test's own) rolled back one by Pilothouse's engine and one by
// `kubectl rollout undo --to-revision` end with identical pod templates, revision numbers
// and histories; restart and pause equal kubectl's (the restartedAt value aside); a
// viewer-context rollback is refused with the API's reason. The engine is main's own
// (main/app.ts createHandlers), called as the dispatcher calls it.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, startServices, type AppServices } from '../../main/app';
import type { Handlers, StreamSink } from '../../main/rpc/handler-types';
import type {
  RolloutHistory,
  RolloutHistoryEvent,
  RolloutKind,
} from '../../shared/contract/rollouts';
import type { PilotErrorData } from '../../shared/contract/errors';
import {
  deleteNamespace,
  freshNamespace,
  kubectl,
  kubectlApply,
  requireClusterKubeconfig,
} from '../support/cluster';
import { eventually } from './cluster';

/** Twins: the same manifests in two namespaces; A is driven by Pilothouse, B by kubectl. */
const NS_A = 'e2e-rollout-history-a';
const NS_B = 'e2e-rollout-history-b';
const CONTEXT = 'pilothouse-admin';
const IMAGES = ['nginx:1.25', 'nginx:1.26', 'nginx:1.27'];

let services: AppServices;
let handlers: Handlers;

const kinds: readonly { id: RolloutKind; kind: string; short: string }[] = [
  { id: 'deployments', kind: 'Deployment', short: 'deployment' },
  { id: 'statefulsets', kind: 'StatefulSet', short: 'statefulset' },
  { id: 'daemonsets', kind: 'DaemonSet', short: 'daemonset' },
];

function manifest(kind: string, name: string, namespace: string, revision: number): string {
  const labels = { app: name };
  const template = {
    metadata: { labels },
    spec: {
      terminationGracePeriodSeconds: 0,
      containers: [
        {
          name: 'main',
          image: IMAGES[revision - 1],
          env: [{ name: 'REVISION', value: String(revision) }],
        },
      ],
    },
  };
  const spec: Record<string, unknown> = { selector: { matchLabels: labels }, template };
  if (kind !== 'DaemonSet') spec['replicas'] = 2;
  if (kind === 'StatefulSet') {
    spec['serviceName'] = name;
    spec['podManagementPolicy'] = 'Parallel';
  }
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind,
    metadata: {
      name,
      namespace,
      annotations: {
        'kubernetes.io/change-cause': `revision ${revision}: ${IMAGES[revision - 1]}`,
      },
    },
    spec,
  });
}

/** `kubectl rollout history` as [revision, change-cause] pairs (<none> as ''). */
function kubectlHistory(short: string, name: string, namespace: string): [number, string][] {
  const out = kubectl(['rollout', 'history', '-n', namespace, `${short}/${name}`]);
  return out
    .split('\n')
    .slice(2)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^(\d+)\s+(.*)$/.exec(line);
      if (!m) throw new Error(`unexpected kubectl history line: ${line}`);
      return [Number(m[1]), m[2] === '<none>' ? '' : m[2]!] as [number, string];
    });
}

/** The first history event of Pilothouse's live stream that satisfies `ready`. */
async function pilothouseHistory(
  kind: RolloutKind,
  namespace: string,
  name: string,
  ready: (h: RolloutHistory) => boolean = () => true,
  context = CONTEXT,
): Promise<RolloutHistory> {
  const controller = new AbortController();
  try {
    return await new Promise<RolloutHistory>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching history in 60 s')), 60_000);
      const sink: StreamSink<RolloutHistoryEvent> = {
        emit: (event) => {
          if (event.type === 'history' && ready(event.history)) {
            clearTimeout(timer);
            resolve(event.history);
          }
        },
        end: () => undefined,
        fail: (error) => reject(error as Error),
        pending: () => 0,
        held: () => false,
        writable: () => Promise.resolve(),
      };
      handlers['rollout.history']({ context, kind, namespace, name }, sink, controller.signal);
    });
  } finally {
    controller.abort();
  }
}

function pairs(h: RolloutHistory): [number, string][] {
  return h.revisions.map((r) => [r.revision, r.changeCause]);
}

/** The fields of a workload these tests read. */
interface Workload {
  metadata: { uid: string; resourceVersion: string; annotations: Record<string, string> };
  spec: Record<string, unknown>;
  status: Record<string, unknown>;
}

function object(short: string, name: string, namespace: string): Workload {
  return JSON.parse(kubectl(['get', '-n', namespace, `${short}/${name}`, '-o', 'json']));
}

/** The pod template as the user wrote it (the Deployment controller's hash label aside). */
function template(short: string, name: string, namespace: string): unknown {
  return object(short, name, namespace)['spec']['template'];
}

async function createWithHistory(kind: string, short: string, name: string): Promise<void> {
  for (const ns of [NS_A, NS_B]) {
    for (let revision = 1; revision <= 3; revision++) {
      kubectlApply(manifest(kind, name, ns, revision));
      await eventually(`${ns}/${name} revision ${revision}`, async () =>
        kubectlHistory(short, name, ns).length === revision ? true : undefined,
      );
    }
  }
}

beforeAll(async () => {
  freshNamespace(NS_A);
  freshNamespace(NS_B);
  services = await startServices({
    mode: 'web',
    kubeconfig: requireClusterKubeconfig(),
    settingsDir: mkdtempSync(path.join(os.tmpdir(), 'pilothouse-rollout-history-')),
    version: 'test',
    watchKubeconfig: false,
    loadSettings: false,
  });
  handlers = createHandlers(services);
}, 240_000);
afterAll(async () => {
  await services?.stop();
  deleteNamespace(NS_A);
  deleteNamespace(NS_B);
});

describe.each(kinds)('$kind', ({ id, kind, short }) => {
  const name = `twin-${short}`;

  it('history equals kubectl rollout history (revisions and change-causes)', async () => {
    await createWithHistory(kind, short, name);
    // Figures (printed, not asserted): kubectl's history as a process, Pilothouse's first
    // snapshot on fresh watch caches, and again on warm ones.
    let t = performance.now();
    const expected = kubectlHistory(short, name, NS_A);
    const kubectlMs = performance.now() - t;
    t = performance.now();
    await pilothouseHistory(id, NS_A, name);
    const coldMs = performance.now() - t;
    t = performance.now();
    await pilothouseHistory(id, NS_A, name);
    const warmMs = performance.now() - t;
    console.log(
      `[figures] ${kind} history: kubectl rollout history ${kubectlMs.toFixed(0)} ms, ` +
        `Pilothouse first snapshot ${coldMs.toFixed(0)} ms (cold caches), ${warmMs.toFixed(0)} ms (warm)`,
    );
    expect(expected.map(([r]) => r)).toEqual([1, 2, 3]);
    expect(expected[1]![1]).toBe('revision 2: nginx:1.26');
    const history = await pilothouseHistory(id, NS_A, name, (h) => h.revisions.length === 3);
    expect(pairs(history)).toEqual(expected);
    expect(history.revisions.map((r) => r.images)).toEqual(IMAGES.map((i) => [i]));
    expect(history.revisions.at(-1)?.current).toBe(true);
  }, 240_000);

  it('a two-revision diff shows the image change', async () => {
    const diff = await handlers['rollout.diff'](
      { context: CONTEXT, kind: id, namespace: NS_A, name, from: 1, to: 3 },
      new AbortController().signal,
    );
    expect(diff.patch).toMatch(/^- +image: nginx:1\.25$/m);
    expect(diff.patch).toMatch(/^\+ +image: nginx:1\.27$/m);
    expect(diff.patch).not.toContain('pod-template-hash');
    const live = await handlers['rollout.diff'](
      { context: CONTEXT, kind: id, namespace: NS_A, name, from: 3, to: 'live' },
      new AbortController().signal,
    );
    expect(live.patch).toBe('');
  });

  it('rolling back twins (Pilothouse vs kubectl rollout undo --to-revision=1) leaves identical templates, revisions and histories', async () => {
    const { uid } = await pilothouseHistory(id, NS_A, name);
    const signal = new AbortController().signal;
    const preview = await handlers['rollout.rollbackPreview'](
      { context: CONTEXT, kind: id, namespace: NS_A, name, revision: 1 },
      signal,
    );
    expect(preview.outcome).toBe('rollback');
    expect(preview.diff.patch).toMatch(/^\+ +image: nginx:1\.25$/m);
    // The dry run changed nothing.
    expect(JSON.stringify(template(short, name, NS_A))).toContain('nginx:1.27');

    const outcome = await handlers['rollout.rollback'](
      { context: CONTEXT, kind: id, namespace: NS_A, name, uid, revision: 1 },
      signal,
    );
    expect(outcome.message).toBe('rolled back');
    kubectl(['rollout', 'undo', '-n', NS_B, `${short}/${name}`, '--to-revision=1']);

    await eventually('both histories move revision 1 to 4', async () =>
      kubectlHistory(short, name, NS_A).length === 3 &&
      kubectlHistory(short, name, NS_B).length === 3 &&
      kubectlHistory(short, name, NS_A).at(-1)?.[0] === 4 &&
      kubectlHistory(short, name, NS_B).at(-1)?.[0] === 4
        ? true
        : undefined,
    );
    expect(template(short, name, NS_A)).toEqual(template(short, name, NS_B));
    expect(kubectlHistory(short, name, NS_A)).toEqual(kubectlHistory(short, name, NS_B));
    const history = await pilothouseHistory(
      id,
      NS_A,
      name,
      (h) => h.revisions.at(-1)?.revision === 4,
    );
    expect(pairs(history)).toEqual(kubectlHistory(short, name, NS_B));
    // Pods on each revision, live from the pod watch: every pod moves to revision 4.
    const desired =
      id === 'daemonsets'
        ? Number(object(short, name, NS_A)['status']['desiredNumberScheduled'])
        : 2;
    const moved = await pilothouseHistory(
      id,
      NS_A,
      name,
      (h) =>
        h.revisions.at(-1)?.pods === desired && h.revisions.every((r) => r.current || r.pods === 0),
    );
    expect(moved.revisions.find((r) => r.current)?.revision).toBe(4);
    if (id === 'deployments') {
      // kubectl's annotation handling: the Deployment's annotations (revision aside) are equal.
      const annotations = (ns: string) => {
        const a = { ...object(short, name, ns)['metadata']['annotations'] };
        delete a['kubectl.kubernetes.io/last-applied-configuration'];
        return a;
      };
      expect(annotations(NS_A)).toEqual(annotations(NS_B));
    }

    // Rolling back to the revision the template is on: kubectl's "skipped rollback".
    const again = await handlers['rollout.rollback'](
      { context: CONTEXT, kind: id, namespace: NS_A, name, uid, revision: 4 },
      signal,
    );
    expect(again.message).toBe('skipped rollback (current template already matches revision 4)');
  }, 120_000);

  it('restart equals kubectl rollout restart (the restartedAt value aside)', async () => {
    const { uid } = await pilothouseHistory(id, NS_A, name);
    const outcome = await handlers['rollout.restart'](
      { context: CONTEXT, kind: id, namespace: NS_A, name, uid },
      new AbortController().signal,
    );
    expect(outcome.message).toBe('restarted');
    kubectl(['rollout', 'restart', '-n', NS_B, `${short}/${name}`]);
    const stamped = (ns: string) => {
      const t = template(short, name, ns) as { metadata: { annotations?: Record<string, string> } };
      const at = t.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'];
      expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
      delete t.metadata.annotations!['kubectl.kubernetes.io/restartedAt'];
      return t;
    };
    expect(stamped(NS_A)).toEqual(stamped(NS_B));
  });
});

describe('Deployment pause and resume', () => {
  const name = 'twin-deployment';
  /** The spec, without the restartedAt value the restart test left (A's and B's differ). */
  const spec = (ns: string) => {
    const s = object('deployment', name, ns)['spec'] as {
      template: { metadata: { annotations?: Record<string, string> } };
    };
    delete s.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'];
    return s as Record<string, unknown>;
  };

  it('pause equals kubectl rollout pause; a paused Deployment refuses rollback and restart as kubectl does', async () => {
    const { uid } = await pilothouseHistory('deployments', NS_A, name);
    const signal = new AbortController().signal;
    const ref = { context: CONTEXT, kind: 'deployments' as const, namespace: NS_A, name, uid };
    expect((await handlers['rollout.pause'](ref, signal)).message).toBe('paused');
    kubectl(['rollout', 'pause', '-n', NS_B, `deployment/${name}`]);
    expect(spec(NS_A)).toEqual(spec(NS_B));
    expect(spec(NS_A)['paused']).toBe(true);

    await expect(
      handlers['rollout.rollback']({ ...ref, revision: 2 }, signal),
    ).rejects.toMatchObject({
      code: 'Invalid',
      message:
        "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    });
    await expect(handlers['rollout.restart'](ref, signal)).rejects.toMatchObject({
      message: "can't restart paused deployment (run rollout resume first)",
    });
    await expect(handlers['rollout.pause'](ref, signal)).rejects.toMatchObject({
      message: `deployments.apps "${name}" is already paused`,
    });

    expect((await handlers['rollout.resume'](ref, signal)).message).toBe('resumed');
    kubectl(['rollout', 'resume', '-n', NS_B, `deployment/${name}`]);
    expect(spec(NS_A)).toEqual(spec(NS_B));
    expect(spec(NS_A)['paused']).toBeUndefined();
  });

  it('a rollback with the uid of a replaced object is refused and changes nothing', async () => {
    const before = template('deployment', name, NS_A);
    await expect(
      handlers['rollout.rollback'](
        {
          context: CONTEXT,
          kind: 'deployments',
          namespace: NS_A,
          name,
          uid: '00000000-0000-0000-0000-000000000000',
          revision: 2,
        },
        new AbortController().signal,
      ),
    ).rejects.toMatchObject({ code: 'Conflict' });
    expect(template('deployment', name, NS_A)).toEqual(before);
  });

  it('a call cancelled before it is sent changes nothing', async () => {
    const { uid } = await pilothouseHistory('deployments', NS_A, name);
    const before = object('deployment', name, NS_A)['metadata']['resourceVersion'];
    const controller = new AbortController();
    const call = handlers['rollout.restart'](
      { context: CONTEXT, kind: 'deployments', namespace: NS_A, name, uid },
      controller.signal,
    );
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: 'Cancelled' });
    expect(object('deployment', name, NS_A)['metadata']['resourceVersion']).toBe(before);
  });
});

describe('StatefulSet partition', () => {
  it('sets spec.updateStrategy.rollingUpdate.partition', async () => {
    const name = 'twin-statefulset';
    const { uid } = await pilothouseHistory('statefulsets', NS_A, name);
    const outcome = await handlers['rollout.partition'](
      { context: CONTEXT, kind: 'statefulsets', namespace: NS_A, name, uid, partition: 1 },
      new AbortController().signal,
    );
    expect(outcome.message).toBe('partition set to 1');
    expect(object('statefulset', name, NS_A)['spec']['updateStrategy']).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { partition: 1 },
    });
  });
});

describe('viewer context', () => {
  it("a rollback is refused with the API's reason (Forbidden), and nothing changes", async () => {
    // team-a/api is a fixture with three revisions; the viewer may read Deployments and
    // ReplicaSets there but not patch them.
    const viewer = 'pilothouse-viewer';
    const before = kubectl([
      'get',
      '-n',
      'team-a',
      'deployment/api',
      '-o',
      'jsonpath={.metadata.resourceVersion}',
    ]);
    const { uid } = await pilothouseHistory(
      'deployments',
      'team-a',
      'api',
      () => true,
      viewer,
    ).catch(async () => ({
      uid: object('deployment', 'api', 'team-a')['metadata']['uid'] as string,
    }));
    const error = (await handlers['rollout.rollback'](
      { context: viewer, kind: 'deployments', namespace: 'team-a', name: 'api', uid, revision: 1 },
      new AbortController().signal,
    ).catch((e: unknown) => e)) as PilotErrorData;
    expect(error.code).toBe('Forbidden');
    expect(error.message).toContain('cannot patch resource "deployments"');
    expect(error.message).toContain('system:serviceaccount:team-a:pilothouse-viewer');
    expect(
      kubectl([
        'get',
        '-n',
        'team-a',
        'deployment/api',
        '-o',
        'jsonpath={.metadata.resourceVersion}',
      ]),
    ).toBe(before);
  });
});
