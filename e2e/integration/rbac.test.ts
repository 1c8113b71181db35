// The pilothouse-viewer context may only read a few kinds in team-a; pilothouse-offline
// points at a loopback port where nothing listens.
import * as k8s from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { kubeConfig, statusOf } from './cluster';

const viewer = kubeConfig('pilothouse-viewer');
const vcore = viewer.makeApiClient(k8s.CoreV1Api);
const vapps = viewer.makeApiClient(k8s.AppsV1Api);

describe('viewer context', () => {
  it('uses a ServiceAccount token and defaults to namespace team-a', () => {
    expect(viewer.getCurrentUser()?.token).toBeTruthy();
    expect(viewer.getContextObject('pilothouse-viewer')?.namespace).toBe('team-a');
  });

  it('can read pods, logs, services, events, deployments and replicasets in team-a', async () => {
    const pods = await vcore.listNamespacedPod({ namespace: 'team-a' });
    expect(pods.items.length).toBeGreaterThan(5);
    expect(
      await statusOf(
        vcore.readNamespacedPodLog({
          namespace: 'team-a',
          name: 'db-0',
          container: 'postgres',
          tailLines: 1,
        }),
      ),
    ).toBe('ok');
    expect(await statusOf(vcore.listNamespacedService({ namespace: 'team-a' }))).toBe('ok');
    expect(await statusOf(vcore.listNamespacedEvent({ namespace: 'team-a' }))).toBe('ok');
    expect(await statusOf(vapps.listNamespacedDeployment({ namespace: 'team-a' }))).toBe('ok');
    expect(await statusOf(vapps.listNamespacedReplicaSet({ namespace: 'team-a' }))).toBe('ok');
  });

  it.each([
    ['namespaces', () => vcore.listNamespace()],
    ['nodes', () => vcore.listNode()],
    ['secrets in team-a', () => vcore.listNamespacedSecret({ namespace: 'team-a' })],
    ['configmaps in team-a', () => vcore.listNamespacedConfigMap({ namespace: 'team-a' })],
    ['pods in team-b', () => vcore.listNamespacedPod({ namespace: 'team-b' })],
    ['pods in all namespaces', () => vcore.listPodForAllNamespaces()],
    ['statefulsets in team-a', () => vapps.listNamespacedStatefulSet({ namespace: 'team-a' })],
  ])('is forbidden to list %s', async (_what, call) => {
    expect(await statusOf(call())).toBe(403);
  });

  it('may not delete pods in team-a', async () => {
    expect(
      await statusOf(
        vcore.deleteNamespacedPod({ namespace: 'team-a', name: 'db-0', dryRun: 'All' }),
      ),
    ).toBe(403);
  });
});

describe('offline context', () => {
  it('fails fast with a connection error', async () => {
    const offline = kubeConfig('pilothouse-offline');
    expect(offline.getCurrentCluster()?.server).toBe('https://127.0.0.1:4');
    const started = Date.now();
    const status = await statusOf(offline.makeApiClient(k8s.CoreV1Api).listNamespace());
    expect(String(status)).toMatch(/ECONNREFUSED|fetch failed|connect/i);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
