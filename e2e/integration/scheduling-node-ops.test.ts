// Issue 14, node operations against the real cluster (the scheduling services of
// main/scheduling/, as the channels call them): cordon/uncordon; drain like `kubectl drain
// --ignore-daemonsets --delete-emptydir-data` with a PodDisruptionBudget that blocks and
// then allows; a NoExecute taint evicting exactly the pods its preview named (and when);
// a removed taint scheduling exactly the Pending pods its preview named. Every node here
// is the test's own kwok node, tainted so no fixture DaemonSet lands on it, and deleted
// afterwards: the fixtures other suites rely on are not touched.
//
// Repeat: PILOTHOUSE_CLUSTER_NAME=pilothouse-<name> npx vitest run -c vitest.integration.config.ts
//   e2e/integration/scheduling-node-ops.test.ts
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PilotError, toErrorData } from '../../shared/contract/errors';
import type { DrainEvent } from '../../shared/contract/scheduling';
import { drainNode } from '../../main/scheduling/drain';
import { changeTaint, previewTaint, setUnschedulable } from '../../main/scheduling/node-ops';
import type { StreamSink } from '../../main/rpc/handler-types';
import { WatchRegistry } from '../../main/watch/watch-registry';
import { deleteNamespace, freshNamespace, kubectlApply } from '../support/cluster';
import { admin, apps, core, eventually, kubeConfig, sleep } from './cluster';

const NAMESPACE = 'e2e-scheduling-node-ops';
const CONTEXT = 'pilothouse-admin';
/** Every test node carries this taint: fixture DaemonSets do not tolerate it. */
const FENCE = { key: 'pilothouse.dev/e2e-scheduling', value: 'only', effect: 'NoSchedule' };
const FENCE_TOLERATION = { key: FENCE.key, operator: 'Exists', effect: 'NoSchedule' };
const NODES = ['e2e-sched-cordon', 'e2e-sched-drain', 'e2e-sched-noexec', 'e2e-sched-gate'];

let watches: WatchRegistry;
const policy = admin.makeApiClient(k8s.PolicyV1Api);
const deps = () => ({ watches, kubeConfig: () => admin });
const signal = () => new AbortController().signal;

function nodeManifest(name: string, taints: object[] = []): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        type: 'kwok',
        'pilothouse.dev/e2e': NAMESPACE,
      },
    },
    spec: { taints: [FENCE, ...taints] },
    status: {
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
    },
  });
}

const uidOf = async (name: string) => (await core.readNode({ name })).metadata!.uid!;

function pod(name: string, node: string, extra: Record<string, unknown> = {}): k8s.V1Pod {
  return {
    metadata: { name, labels: { app: name } },
    spec: {
      nodeSelector: { 'kubernetes.io/hostname': node },
      tolerations: [FENCE_TOLERATION],
      containers: [{ name: 'app', image: 'registry.example.invalid/e2e/app:1' }],
      ...extra,
    } as k8s.V1PodSpec,
  };
}

async function runningOn(name: string, node: string): Promise<void> {
  await eventually(
    `${name} Running on ${node}`,
    async () => {
      const p = await core.readNamespacedPod({ namespace: NAMESPACE, name });
      return p.spec?.nodeName === node && p.status?.phase === 'Running';
    },
    60_000,
    250,
  );
}

const podExists = (name: string) =>
  core
    .readNamespacedPod({ namespace: NAMESPACE, name })
    .then((p) => !p.metadata?.deletionTimestamp)
    .catch(() => false);

/** A StreamSink that records what the drain emits. */
function recordingSink() {
  const events: DrainEvent[] = [];
  let settle!: (outcome: { ended: boolean; error?: unknown }) => void;
  const done = new Promise<{ ended: boolean; error?: unknown }>((r) => (settle = r));
  const sink: StreamSink<DrainEvent> = {
    emit: (e) => events.push(e),
    end: () => settle({ ended: true }),
    fail: (error) => settle({ ended: false, error }),
    pending: () => 0,
    held: () => false,
    writable: () => Promise.resolve(),
  };
  return { sink, events, done };
}

beforeAll(async () => {
  freshNamespace(NAMESPACE);
  watches = new WatchRegistry(() => admin);
  for (const name of NODES) {
    await core.deleteNode({ name }).catch(() => undefined);
    kubectlApply(
      nodeManifest(
        name,
        name === 'e2e-sched-gate'
          ? [{ key: 'pilothouse.dev/e2e-gate', value: 'closed', effect: 'NoSchedule' }]
          : [],
      ),
    );
  }
});

afterAll(async () => {
  watches?.stopAll();
  deleteNamespace(NAMESPACE);
  for (const name of NODES) await core.deleteNode({ name }).catch(() => undefined);
});

describe('node operations', () => {
  it('cordon and uncordon as kubectl (spec.unschedulable), refusing a replaced node', async () => {
    const node = 'e2e-sched-cordon';
    const uid = await uidOf(node);
    const target = { context: CONTEXT, node, uid };
    expect((await setUnschedulable(admin, target, true, signal())).message).toBe(
      `node/${node} cordoned`,
    );
    expect((await core.readNode({ name: node })).spec?.unschedulable).toBe(true);
    expect((await setUnschedulable(admin, target, true, signal())).message).toBe(
      `node/${node} already cordoned`,
    );
    expect((await setUnschedulable(admin, target, false, signal())).message).toBe(
      `node/${node} uncordoned`,
    );
    expect((await core.readNode({ name: node })).spec?.unschedulable).toBeFalsy();
    const replaced = await setUnschedulable(
      admin,
      { ...target, uid: '00000000-0000-0000-0000-000000000000' },
      true,
      signal(),
    ).catch((e: unknown) => e);
    expect(replaced).toBeInstanceOf(PilotError);
    expect(toErrorData(replaced).code).toBe('Conflict');
    expect((await core.readNode({ name: node })).spec?.unschedulable).toBeFalsy();
  });

  it('a viewer is refused with the API reason (RBAC)', async () => {
    const node = 'e2e-sched-cordon';
    const viewer = kubeConfig('pilothouse-viewer');
    const refused = await setUnschedulable(
      viewer,
      { context: 'pilothouse-viewer', node, uid: await uidOf(node) },
      true,
      signal(),
    ).catch((e: unknown) => toErrorData(e));
    expect(refused).toMatchObject({ code: 'Forbidden' });
    expect((refused as { message: string }).message).toMatch(
      /nodes "e2e-sched-cordon" is forbidden: User .* cannot get resource "nodes"/,
    );
  });

  it('drain: kubectl filters, a PodDisruptionBudget that blocks (retried every 5 s) and then allows', async () => {
    const node = 'e2e-sched-drain';
    const template = pod('guarded', node, { volumes: [{ name: 'scratch', emptyDir: {} }] });
    await apps.createNamespacedDeployment({
      namespace: NAMESPACE,
      body: {
        metadata: { name: 'guarded' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'guarded' } },
          template: template as k8s.V1PodTemplateSpec,
        },
      },
    });
    await apps.createNamespacedDaemonSet({
      namespace: NAMESPACE,
      body: {
        metadata: { name: 'agent' },
        spec: {
          selector: { matchLabels: { app: 'agent' } },
          template: pod('agent', node) as k8s.V1PodTemplateSpec,
        },
      },
    });
    await core.createNamespacedPod({ namespace: NAMESPACE, body: pod('bare', node) });
    kubectlApply(
      JSON.stringify({
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'guarded', namespace: NAMESPACE },
        spec: { minAvailable: 2, selector: { matchLabels: { app: 'guarded' } } },
      }),
    );
    await runningOn('bare', node);
    const pods = async () =>
      (
        await core.listNamespacedPod({
          namespace: NAMESPACE,
          fieldSelector: `spec.nodeName=${node}`,
        })
      ).items;
    await eventually(
      '2 guarded pods and the daemon pod Running',
      async () => {
        const running = (await pods()).filter((p) => p.status?.phase === 'Running');
        return running.length === 4;
      },
      60_000,
      250,
    );
    await eventually(
      'the PDB to count 2 healthy pods',
      async () => {
        const body = await policy.readNamespacedPodDisruptionBudget({
          namespace: NAMESPACE,
          name: 'guarded',
        });
        return body.status?.currentHealthy === 2 && body.status.disruptionsAllowed === 0;
      },
      60_000,
      250,
    );
    const uid = await uidOf(node);

    // Without --force, the bare pod stops the drain as kubectl does; the node stays cordoned.
    const first = recordingSink();
    void drainNode(admin, { context: CONTEXT, node, uid }, first.sink, signal());
    const refused = await first.done;
    expect(refused.ended).toBe(false);
    expect(toErrorData(refused.error).message).toContain(
      `cannot delete Pods that declare no controller (use --force to override): ${NAMESPACE}/bare`,
    );
    expect((await core.readNode({ name: node })).spec?.unschedulable).toBe(true);

    // With --force: the plan evicts the bare and guarded pods, leaves the daemon pod.
    const second = recordingSink();
    const controller = new AbortController();
    void drainNode(
      admin,
      { context: CONTEXT, node, uid, force: true },
      second.sink,
      controller.signal,
    );
    await eventually(
      'a guarded pod blocked by the PDB',
      async () =>
        second.events.some(
          (e) => e.type === 'pod' && e.pod.state === 'blocked' && e.pod.name.startsWith('guarded'),
        ),
      30_000,
      100,
    );
    const plan = second.events.find((e) => e.type === 'plan');
    expect(
      plan?.type === 'plan' &&
        plan.pods.map((p) => p.name.replace(/-[a-z0-9]+-[a-z0-9]+$/, '')).sort(),
    ).toEqual(['bare', 'guarded', 'guarded']);
    expect(
      plan?.type === 'plan' &&
        plan.skipped.map((s) => [s.name.replace(/-[a-z0-9]+$/, ''), s.reason]),
    ).toEqual([['agent', 'ignoring DaemonSet-managed Pods']]);
    // kubectl's warnings, as its filterPods leaves them: the last filter's verdict wins, so
    // the emptyDir pods (evicted: --delete-emptydir-data) end with unreplicated's Okay.
    expect(
      plan?.type === 'plan' && plan.warnings.map((w) => w.replace(/-[a-z0-9]{5}$/, '')),
    ).toEqual([
      `ignoring DaemonSet-managed Pods: ${NAMESPACE}/agent`,
      `deleting Pods that declare no controller: ${NAMESPACE}/bare`,
    ]);
    const blocked = second.events.find((e) => e.type === 'pod' && e.pod.state === 'blocked');
    expect(blocked?.type === 'pod' && blocked.pod.message).toMatch(/disruption budget/);
    // Still blocked 6 s later (retried, not given up); then the budget allows it.
    await sleep(6_000);
    expect(
      second.events.filter(
        (e) => e.type === 'pod' && e.pod.state === 'evicting' && e.pod.name.startsWith('guarded'),
      ).length,
    ).toBeGreaterThanOrEqual(3);
    kubectlApply(
      JSON.stringify({
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'guarded', namespace: NAMESPACE },
        spec: { minAvailable: 0, selector: { matchLabels: { app: 'guarded' } } },
      }),
    );
    const outcome = await second.done;
    expect(outcome).toEqual({ ended: true });
    expect(second.events.at(-1)).toEqual({ type: 'drained', message: `node/${node} drained` });
    const left = (await pods())
      .filter((p) => !p.metadata?.deletionTimestamp)
      .map((p) => p.metadata!.name!);
    expect(left.map((n) => n.replace(/-[a-z0-9]+$/, ''))).toEqual(['agent']);
  });

  it('a NoExecute taint evicts exactly the pods its preview named, when it said', async () => {
    const node = 'e2e-sched-noexec';
    const key = 'pilothouse.dev/e2e-evict';
    await core.createNamespacedPod({ namespace: NAMESPACE, body: pod('evict-now', node) });
    await core.createNamespacedPod({
      namespace: NAMESPACE,
      body: pod('evict-later', node, {
        tolerations: [
          FENCE_TOLERATION,
          { key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 4 },
        ],
      }),
    });
    await core.createNamespacedPod({
      namespace: NAMESPACE,
      body: pod('stays', node, {
        tolerations: [FENCE_TOLERATION, { key, operator: 'Exists', effect: 'NoExecute' }],
      }),
    });
    for (const name of ['evict-now', 'evict-later', 'stays']) await runningOn(name, node);
    const taint = { key, value: 'yes', effect: 'NoExecute' as const };
    const preview = await eventually(
      'a preview that sees the three pods',
      async () => {
        const p = await previewTaint(
          deps(),
          { context: CONTEXT, node, op: 'add', taint },
          signal(),
        );
        return p.evicted.length + p.staying === 3 ? p : undefined;
      },
      30_000,
      200,
    );
    expect(preview.evicted.map((e) => [e.name, e.afterSeconds])).toEqual([
      ['evict-now', null],
      ['evict-later', 4],
    ]);
    expect(preview.staying).toBe(1);
    expect(preview.summary).toBe(
      `2 pods will be evicted from ${node}, 1 of them after their tolerationSeconds.`,
    );
    const applied = await changeTaint(
      admin,
      { context: CONTEXT, node, uid: preview.uid },
      'add',
      taint,
      signal(),
    );
    expect(applied.message).toBe(`node/${node} tainted`);
    const tainted = Date.now();
    await eventually('evict-now gone', async () => !(await podExists('evict-now')), 30_000, 200);
    expect(await podExists('evict-later')).toBe(true);
    await eventually(
      'evict-later gone',
      async () => !(await podExists('evict-later')),
      30_000,
      200,
    );
    expect(Date.now() - tainted).toBeGreaterThanOrEqual(3_000);
    await sleep(2_000);
    expect(await podExists('stays')).toBe(true);
    // Removing it again: kubectl's "untainted", and a second removal is refused.
    await changeTaint(
      admin,
      { context: CONTEXT, node, uid: preview.uid },
      'remove',
      taint,
      signal(),
    );
    const again = await changeTaint(
      admin,
      { context: CONTEXT, node, uid: preview.uid },
      'remove',
      taint,
      signal(),
    ).catch((e: unknown) => toErrorData(e));
    expect(again).toMatchObject({
      code: 'NotFound',
      message: expect.stringContaining(`taint "${key}:NoExecute" not found`),
    });
  });

  it('removing a taint schedules exactly the Pending pods its preview named', async () => {
    const node = 'e2e-sched-gate';
    const gate = { key: 'pilothouse.dev/e2e-gate', value: 'closed', effect: 'NoSchedule' as const };
    await core.createNamespacedPod({ namespace: NAMESPACE, body: pod('gated', node) });
    await core.createNamespacedPod({
      namespace: NAMESPACE,
      body: pod('too-big', node, {
        containers: [
          {
            name: 'app',
            image: 'registry.example.invalid/e2e/app:1',
            resources: { requests: { cpu: '64' } },
          },
        ],
      }),
    });
    const pendingWithEvent = async (name: string) => {
      const p = await core.readNamespacedPod({ namespace: NAMESPACE, name });
      return (
        !p.spec?.nodeName &&
        p.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False')
      );
    };
    await eventually(
      'both pods unschedulable',
      async () => (await pendingWithEvent('gated')) && (await pendingWithEvent('too-big')),
      30_000,
      200,
    );
    const preview = await eventually(
      'a preview that sees both Pending pods',
      async () => {
        const p = await previewTaint(
          deps(),
          { context: CONTEXT, node, op: 'remove', taint: gate },
          signal(),
        );
        return p.schedulable.some((s) => s.name === 'gated') ? p : undefined;
      },
      30_000,
      200,
    );
    expect(preview.schedulable.filter((s) => s.namespace === NAMESPACE).map((s) => s.name)).toEqual(
      ['gated'],
    );
    await changeTaint(
      admin,
      { context: CONTEXT, node, uid: preview.uid },
      'remove',
      gate,
      signal(),
    );
    await runningOn('gated', node);
    await sleep(1_000);
    expect(
      (await core.readNamespacedPod({ namespace: NAMESPACE, name: 'too-big' })).spec?.nodeName,
    ).toBeFalsy();
  });
});
