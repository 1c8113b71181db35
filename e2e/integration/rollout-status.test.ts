// Issue 11: the Rollouts view's status equals `kubectl rollout status --watch=false` (the
// built kubectl, run as a child process) for every fixture workload, and for workloads held
// mid-rollout in a namespace of this test's own (e2e-rollout-status): each case is frozen
// in one of kubectl's states (minReadySeconds 3600 keeps new pods unavailable, a request no
// node can hold keeps a pod Pending, a pause stops a Deployment), so the two readings are
// of the same state, not of a moving one. Pilothouse's side is main's own `rollouts.watch`
// handler over the shared watch caches.
//
// Repeat: PILOTHOUSE_CLUSTER_NAME=pilothouse-<name> npx vitest run -c vitest.integration.config.ts
//   e2e/integration/rollout-status.test.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, startServices, type AppServices } from '../../main/app';
import type { Handlers, StreamSink } from '../../main/rpc/handler-types';
import type { RolloutRow, RolloutStreamEvent } from '../../shared/contract/rollouts';
import type { ScopeStatus } from '../../shared/contract/resources';
import {
  deleteNamespace,
  freshNamespace,
  kubectl,
  kubectlApply,
  kubectlPath,
  requireClusterKubeconfig,
} from '../support/cluster';
import { eventually } from './cluster';

const NS = 'e2e-rollout-status';
const CONTEXT = 'pilothouse-admin';

let services: AppServices;
let handlers: Handlers;
const rows = new Map<string, RolloutRow>();
const statuses = new Map<string, ScopeStatus>();
const stream = new AbortController();

beforeAll(async () => {
  freshNamespace(NS);
  services = await startServices({
    mode: 'web',
    kubeconfig: requireClusterKubeconfig(),
    settingsDir: mkdtempSync(path.join(os.tmpdir(), 'pilothouse-rollouts-')),
    version: 'test',
    watchKubeconfig: false,
    loadSettings: false,
  });
  handlers = createHandlers(services);
  const sink: StreamSink<RolloutStreamEvent> = {
    emit(event) {
      if (event.type === 'upsert') {
        for (const r of event.rows) rows.set(`${r.kind}/${r.namespace}/${r.name}`, r);
      } else if (event.type === 'delete') {
        for (const [key, r] of rows) if (event.uids.includes(r.uid)) rows.delete(key);
      } else {
        statuses.set(`${event.resource}@${event.scope}`, event.status);
      }
    },
    end: () => undefined,
    fail: (error) => {
      throw error;
    },
    pending: () => 0,
    held: () => false,
    writable: () => Promise.resolve(),
  };
  handlers['rollouts.watch']({ context: CONTEXT, namespaces: { all: true } }, sink, stream.signal);
});
afterAll(async () => {
  stream.abort();
  await services?.stop();
  deleteNamespace(NS);
});

const shortKind = {
  Deployment: 'deployment',
  StatefulSet: 'statefulset',
  DaemonSet: 'daemonset',
} as const;
type Kind = keyof typeof shortKind;

/** kubectl's answer: stdout, or "error: …" from stderr when it exits non-zero. */
function kubectlStatus(kind: Kind, namespace: string, name: string): string {
  try {
    return execFileSync(
      kubectlPath(),
      [
        '--kubeconfig',
        requireClusterKubeconfig(),
        '--context',
        CONTEXT,
        '-n',
        namespace,
        'rollout',
        'status',
        '--watch=false',
        `${shortKind[kind]}/${name}`,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    ).trimEnd();
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error).trimEnd();
  }
}

/** Pilothouse's answer in kubectl's words (errors as kubectl prints them). */
function pilothouseStatus(kind: Kind, namespace: string, name: string): string | undefined {
  const row = rows.get(`${kind}/${namespace}/${name}`);
  if (!row) return undefined;
  return row.status.error ? `error: ${row.status.message}` : row.status.message;
}

/** Waits until both agree (a frozen state: they must, once the watch has caught up). */
async function expectSameStatus(kind: Kind, namespace: string, name: string): Promise<RolloutRow> {
  let last = { kubectl: '', pilothouse: '' as string | undefined };
  try {
    await eventually(
      `${kind} ${namespace}/${name}: same status as kubectl`,
      async () => {
        last = {
          kubectl: kubectlStatus(kind, namespace, name),
          pilothouse: pilothouseStatus(kind, namespace, name),
        };
        return last.kubectl === last.pilothouse;
      },
      30_000,
      500,
    );
  } catch {
    expect(last.pilothouse, `${kind} ${namespace}/${name}`).toBe(last.kubectl);
  }
  return rows.get(`${kind}/${namespace}/${name}`)!;
}

describe('fixtures: status equals kubectl rollout status --watch=false', () => {
  it.each([
    ['Deployment', 'team-a', 'web', 'complete'],
    ['Deployment', 'team-a', 'api', 'deadline-exceeded'],
    ['Deployment', 'team-b', 'worker', 'complete'],
    ['StatefulSet', 'team-a', 'db', 'complete'],
    ['DaemonSet', 'team-b', 'node-agent', 'complete'],
    ['StatefulSet', 'rollouts', 'ledger', 'complete'],
    ['DaemonSet', 'rollouts', 'collector', 'complete'],
    ['Deployment', 'rollouts', 'frozen', 'paused'],
    ['Deployment', 'rollouts', 'slow', 'complete'],
  ] as const)('%s %s/%s (%s)', async (kind, namespace, name, status) => {
    // team-a/api reports its stall 30 s after its last revision (progressDeadlineSeconds):
    // on a cluster just created, wait for kubectl to say so first.
    if (status === 'deadline-exceeded')
      await eventually(
        `${namespace}/${name}: progress deadline exceeded`,
        async () => /exceeded its progress deadline/.test(kubectlStatus(kind, namespace, name)),
        110_000,
        1000,
      );
    const row = await expectSameStatus(kind, namespace, name);
    expect(row.status.kind).toBe(status);
  });

  it('revision numbers are the last of kubectl rollout history', async () => {
    for (const [kind, ns, name] of [
      ['Deployment', 'team-a', 'web'],
      ['StatefulSet', 'rollouts', 'ledger'],
      ['DaemonSet', 'rollouts', 'collector'],
      ['Deployment', 'rollouts', 'frozen'],
    ] as const) {
      const history = kubectl(['-n', ns, 'rollout', 'history', `${shortKind[kind]}/${name}`]);
      const last = Math.max(...[...history.matchAll(/^(\d+)\s/gm)].map((m) => Number(m[1])));
      await eventually(
        `${ns}/${name} revision ${last}`,
        async () => rows.get(`${kind}/${ns}/${name}`)?.revision === last,
        20_000,
        250,
      );
    }
  });

  it('strategy numbers as the controllers resolve them', async () => {
    await eventually(
      'rows',
      async () => rows.has('Deployment/rollouts/slow') && rows.has('DaemonSet/rollouts/collector'),
      20_000,
      250,
    );
    expect(rows.get('Deployment/rollouts/slow')!.strategy).toEqual({
      type: 'RollingUpdate',
      maxSurge: { spec: '1', pods: 1, percent: 25 },
      maxUnavailable: { spec: '1', pods: 1, percent: 25 },
    });
    // team-a/web leaves the defaults: 25% of 3 is 1 surge (up) and 0 unavailable (down).
    expect(rows.get('Deployment/team-a/web')!.strategy).toMatchObject({
      maxSurge: { spec: '25%', pods: 1 },
      maxUnavailable: { spec: '25%', pods: 0 },
    });
    expect(rows.get('StatefulSet/rollouts/ledger')!.strategy).toEqual({
      type: 'RollingUpdate',
      partition: 0,
    });
    expect(rows.get('DaemonSet/rollouts/collector')!.strategy).toEqual({
      type: 'RollingUpdate',
      maxSurge: { spec: '0', pods: 0, percent: 0 },
      maxUnavailable: { spec: '1', pods: 1, percent: 25 },
    });
  });
});

/** A Deployment in this test's namespace, first rolled out normally. */
function deployment(name: string, replicas: number, strategy: object): void {
  kubectlApply(
    JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: NS },
      spec: {
        replicas,
        strategy,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: {
            terminationGracePeriodSeconds: 0,
            containers: [
              {
                name: 'app',
                image: 'example.invalid/app:1',
                resources: { requests: { cpu: '1m', memory: '4Mi' } },
              },
            ],
          },
        },
      },
    }),
  );
}

/**
 * A new image and minReadySeconds 3600: the new pods become ready but not available (a
 * Deployment's progress deadline must exceed minReadySeconds).
 */
function freezeNextRollout(kind: 'deployment' | 'daemonset', name: string): void {
  const deadline = kind === 'deployment' ? { progressDeadlineSeconds: 7200 } : {};
  kubectl([
    '-n',
    NS,
    'patch',
    kind,
    name,
    '--type=merge',
    '-p',
    JSON.stringify({
      spec: {
        ...deadline,
        minReadySeconds: 3600,
        template: { spec: { containers: [{ name: 'app', image: 'example.invalid/app:2' }] } },
      },
    }),
  ]);
}

function workload(kind: 'StatefulSet' | 'DaemonSet', name: string, spec: object): void {
  kubectlApply(
    JSON.stringify({
      apiVersion: 'apps/v1',
      kind,
      metadata: { name, namespace: NS },
      spec: {
        ...spec,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: {
            terminationGracePeriodSeconds: 0,
            containers: [
              {
                name: 'app',
                image: 'example.invalid/app:1',
                resources: { requests: { cpu: '1m', memory: '4Mi' } },
              },
            ],
          },
        },
      },
    }),
  );
}

describe('held mid-rollout: status equals kubectl rollout status --watch=false', () => {
  beforeAll(() => {
    deployment('updating', 3, {
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    });
    deployment('terminating', 1, {
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    });
    deployment('recreating', 2, { type: 'Recreate' });
    deployment('paused', 2, { type: 'RollingUpdate' });
    workload('StatefulSet', 'unready', {
      serviceName: 'unready',
      replicas: 2,
      updateStrategy: { type: 'RollingUpdate' },
    });
    workload('StatefulSet', 'staged', {
      serviceName: 'staged',
      replicas: 3,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
    });
    workload('StatefulSet', 'ondelete', {
      serviceName: 'ondelete',
      replicas: 1,
      updateStrategy: { type: 'OnDelete' },
    });
    workload('DaemonSet', 'stepping', {
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
    });
    workload('DaemonSet', 'replaced', {
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%' } },
    });
    workload('DaemonSet', 'manual', { updateStrategy: { type: 'OnDelete' } });
    for (const w of [
      'deployment/updating',
      'deployment/terminating',
      'deployment/recreating',
      'deployment/paused',
      'statefulset/unready',
      'statefulset/staged',
      'daemonset/stepping',
      'daemonset/replaced',
    ])
      kubectl(['-n', NS, 'rollout', 'status', w, '--timeout=120s']);
    freezeNextRollout('deployment', 'updating');
    freezeNextRollout('deployment', 'terminating');
    freezeNextRollout('deployment', 'recreating');
    freezeNextRollout('daemonset', 'replaced');
    kubectl(['-n', NS, 'rollout', 'pause', 'deployment/paused']);
    kubectl(['-n', NS, 'set', 'image', 'deployment/paused', 'app=example.invalid/app:2']);
    // A pod no node can hold: the StatefulSet waits for it to be ready, the DaemonSet's
    // first new pod stays Pending and its other nodes keep their old pods. (minReadySeconds
    // would not hold a DaemonSet: it counts for its old pods too, which all go at once.)
    for (const w of ['statefulset/unready', 'daemonset/stepping'])
      kubectl([
        '-n',
        NS,
        'patch',
        ...w.split('/'),
        '-p',
        JSON.stringify({
          spec: {
            template: {
              spec: { containers: [{ name: 'app', resources: { requests: { cpu: '500' } } }] },
            },
          },
        }),
      ]);
    kubectl(['-n', NS, 'set', 'image', 'statefulset/staged', 'app=example.invalid/app:2']);
    kubectl(['-n', NS, 'set', 'image', 'statefulset/ondelete', 'app=example.invalid/app:2']);
    kubectl(['-n', NS, 'set', 'image', 'daemonset/manual', 'app=example.invalid/app:2']);
  });

  it.each([
    ['Deployment', 'updating', 'progressing', /1 out of 3 new replicas have been updated/],
    ['Deployment', 'terminating', 'progressing', /1 old replicas are pending termination/],
    ['Deployment', 'recreating', 'progressing', /0 of 2 updated replicas are available/],
    ['Deployment', 'paused', 'paused', /0 out of 2 new replicas have been updated/],
    ['StatefulSet', 'unready', 'progressing', /Waiting for 1 pods to be ready/],
    ['StatefulSet', 'staged', 'complete', /partitioned roll out complete: 1 new pods/],
    ['StatefulSet', 'ondelete', 'unknown', /only available for RollingUpdate/],
    ['DaemonSet', 'stepping', 'progressing', /\d out of \d new pods have been updated/],
    ['DaemonSet', 'replaced', 'progressing', /0 of \d updated pods are available/],
    ['DaemonSet', 'manual', 'unknown', /only available for RollingUpdate/],
  ] as const)('%s %s (%s)', async (kind, name, status, message) => {
    // The frozen state is reached within seconds; until then both may still move.
    await eventually(
      `${kind} ${name} reaches ${String(message)}`,
      async () => message.test(kubectlStatus(kind, NS, name)),
      60_000,
      500,
    );
    const row = await expectSameStatus(kind, NS, name);
    expect(row.status.kind).toBe(status);
  });

  it('the old vs new split while held: 1 new and 3 old pods of updating', async () => {
    const row = rows.get(`Deployment/${NS}/updating`)!;
    expect({ desired: row.desired, updated: row.updated, old: row.old }).toEqual({
      desired: 3,
      updated: 1,
      old: 3,
    });
  });
});

it('every watch behind the stream is ready (no forbidden or error status for the admin)', () => {
  expect([...statuses.values()].map((s) => s.phase)).toEqual(['ready', 'ready', 'ready', 'ready']);
});
