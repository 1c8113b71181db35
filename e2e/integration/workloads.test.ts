// Pods are placed (or not) by the real kube-scheduler; rollouts are done by the real
// controllers. These tests pin down the fixture so UI tests can rely on it.
import * as k8s from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { admin, apps, condition, core, eventually, podsOf } from './cluster';

const batch = admin.makeApiClient(k8s.BatchV1Api);

const pendingReasons: Array<[ns: string, pod: string, message: RegExp]> = [
  ['team-a', 'pending-untolerated-taint', /untolerated taint \{nvidia\.com\/gpu: present\}/],
  ['team-a', 'pending-node-selector', /didn't match Pod's node affinity\/selector/],
  ['team-a', 'pending-node-affinity', /didn't match Pod's node affinity\/selector/],
  ['team-a', 'pending-anti-affinity', /didn't match pod anti-affinity rules/],
  ['team-a', 'pending-insufficient-cpu', /Insufficient cpu/],
  ['team-b', 'pending-insufficient-gpu', /Insufficient nvidia\.com\/gpu/],
];

describe('pods', () => {
  it.each(pendingReasons)('%s/%s is Pending for its designed reason', async (ns, name, message) => {
    const pod = await core.readNamespacedPod({ namespace: ns, name });
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.spec?.nodeName).toBeFalsy();
    const scheduled = condition(pod, 'PodScheduled');
    expect(scheduled?.status).toBe('False');
    expect(scheduled?.reason).toBe('Unschedulable');
    expect(scheduled?.message).toMatch(/^0\/\d+ nodes are available/);
    expect(scheduled?.message).toMatch(message);
  });

  it('FailedScheduling warnings are recorded as events', async () => {
    const events = await eventually('a FailedScheduling event', async () => {
      const list = await core.listNamespacedEvent({
        namespace: 'team-a',
        fieldSelector: 'involvedObject.name=pending-insufficient-cpu',
      });
      return list.items.find((e) => e.reason === 'FailedScheduling');
    });
    expect(events.type).toBe('Warning');
    expect(events.message).toMatch(/Insufficient cpu/);
  });

  it('multi-container pods with init containers run and become Ready', async () => {
    const toolbox = await core.readNamespacedPod({ namespace: 'team-a', name: 'toolbox' });
    expect(toolbox.status?.phase).toBe('Running');
    expect(condition(toolbox, 'Ready')?.status).toBe('True');
    expect(toolbox.status?.containerStatuses?.map((c) => c.name).sort()).toEqual([
      'metrics',
      'proxy',
      'shell',
    ]);
    expect(toolbox.status?.initContainerStatuses?.map((c) => c.name)).toEqual([
      'fetch-tools',
      'wait-for-db',
    ]);
    const web = await podsOf('team-a', 'app=web');
    expect(web.filter((p) => p.status?.phase === 'Running')).toHaveLength(3);
    for (const p of web) expect(p.status?.containerStatuses).toHaveLength(2);
  });

  it('taints and tolerations decide placement', async () => {
    const trainer = await core.readNamespacedPod({ namespace: 'team-b', name: 'trainer' });
    expect(trainer.spec?.nodeName).toBe('pilot-b1');
    const backup = await core.readNamespacedPod({ namespace: 'team-b', name: 'backup-runner' });
    expect(backup.spec?.nodeName).toBe('pilot-b2');
    const agents = await podsOf('team-b', 'app=node-agent');
    const nodes = agents.map((p) => p.spec?.nodeName).sort();
    // Tolerates the gpu taint (and, as a DaemonSet, the cordon) but not the NoExecute one.
    expect(nodes).toEqual(['pilot-a1', 'pilot-a2', 'pilot-b1', 'pilot-c1', 'pilot-c2']);
    const ds = await apps.readNamespacedDaemonSet({ namespace: 'team-b', name: 'node-agent' });
    expect(ds.status?.numberReady).toBe(5);
    // Nothing but DaemonSet pods lands on the cordoned node.
    const onC1 = (await core.listPodForAllNamespaces({ fieldSelector: 'spec.nodeName=pilot-c1' }))
      .items;
    expect(onC1.every((p) => p.metadata?.ownerReferences?.[0]?.kind === 'DaemonSet')).toBe(true);
  });

  it('StatefulSet, Job and CronJob are in place', async () => {
    const db = await podsOf('team-a', 'app=db');
    expect(db.map((p) => p.metadata?.name).sort()).toEqual(['db-0', 'db-1', 'db-2']);
    expect(db.every((p) => p.status?.phase === 'Running')).toBe(true);
    const job = await batch.readNamespacedJob({ namespace: 'team-b', name: 'db-migrate-v42' });
    expect(job.status?.succeeded).toBe(3);
    const cron = await batch.readNamespacedCronJob({ namespace: 'team-b', name: 'report' });
    expect(cron.spec?.schedule).toBe('*/2 * * * *');
  });
});

describe('deployments', () => {
  const revisions = async (ns: string, app: string) =>
    (await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: `app=${app}` })).items
      .map((rs) => ({
        revision: Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision']),
        cause: rs.metadata?.annotations?.['kubernetes.io/change-cause'] ?? '',
        replicas: rs.status?.replicas ?? 0,
        ready: rs.status?.readyReplicas ?? 0,
      }))
      .sort((a, b) => a.revision - b.revision);

  it.each([
    ['team-a', 'web'],
    ['team-b', 'worker'],
  ])('%s/%s has 3 revisions with change causes and is complete', async (ns, name) => {
    const revs = await revisions(ns, name);
    expect(revs.map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(revs.every((r) => r.cause.length > 0)).toBe(true);
    expect(revs.slice(0, 2).every((r) => r.replicas === 0)).toBe(true);
    const d = await apps.readNamespacedDeployment({ namespace: ns, name });
    expect(d.status?.updatedReplicas).toBe(d.spec?.replicas);
    expect(d.status?.availableReplicas).toBe(d.spec?.replicas);
  });

  it('team-a/api is stuck mid-rollout on a template that fits no node', async () => {
    const revs = await revisions('team-a', 'api');
    expect(revs.map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(revs[1]).toMatchObject({ replicas: 3, ready: 3 });
    expect(revs[2]).toMatchObject({ replicas: 2, ready: 0 });
    const pending = (await podsOf('team-a', 'app=api')).filter(
      (p) => p.status?.phase === 'Pending',
    );
    expect(pending).toHaveLength(2);
    for (const p of pending)
      expect(condition(p, 'PodScheduled')?.message).toMatch(/Insufficient memory/);
    // progressDeadlineSeconds is 30: after that the controller reports the stall.
    const progressing = await eventually(
      'ProgressDeadlineExceeded',
      async () => {
        const d = await apps.readNamespacedDeployment({ namespace: 'team-a', name: 'api' });
        const c = d.status?.conditions?.find((x) => x.type === 'Progressing');
        return c?.reason === 'ProgressDeadlineExceeded' ? c : undefined;
      },
      110_000,
      2000,
    );
    expect(progressing.status).toBe('False');
  });
});
