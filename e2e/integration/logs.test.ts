// Container logs come from kwok's simulated kubelet, which reads CRI-format files that the
// fixture agent keeps appending to.
import * as k8s from '@kubernetes/client-node';
import https from 'node:https';
import { describe, expect, it } from 'vitest';
import { admin, core, eventually, podsOf } from './cluster';

const seqOf = (line: string) => Number(/seq[=":]+(\d+)/.exec(line)?.[1] ?? NaN);

describe('logs', () => {
  it('reads the tail of a container log', async () => {
    const [pod] = await podsOf('team-a', 'app=web');
    const text = await core.readNamespacedPodLog({
      namespace: 'team-a',
      name: pod!.metadata!.name!,
      container: 'nginx',
      tailLines: 5,
    });
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    for (const l of lines) expect(l).toMatch(/"GET \/\S* HTTP\/1\.1" \d{3} /);
  });

  it('serves JSON lines, timestamps and --since', async () => {
    const [pod] = (await podsOf('team-a', 'app=api')).filter((p) => p.status?.phase === 'Running');
    const name = pod!.metadata!.name!;
    const text = await core.readNamespacedPodLog({
      namespace: 'team-a',
      name,
      container: 'api',
      tailLines: 20,
      timestamps: true,
    });
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBe(20);
    for (const l of lines) {
      const [ts, ...rest] = l.split(' ');
      expect(Number.isNaN(Date.parse(ts!))).toBe(false);
      const entry = JSON.parse(rest.join(' ')) as { level: string; pod: string };
      expect(entry.pod).toBe(name);
    }
    const recent = await core.readNamespacedPodLog({
      namespace: 'team-a',
      name,
      container: 'api',
      sinceSeconds: 3600,
    });
    expect(recent.length).toBeGreaterThan(0);
  });

  it('reads init container logs and logs of every container of a multi-container pod', async () => {
    for (const container of ['fetch-tools', 'shell', 'proxy', 'metrics']) {
      const text = await core.readNamespacedPodLog({
        namespace: 'team-a',
        name: 'toolbox',
        container,
      });
      expect(text.length, container).toBeGreaterThan(0);
    }
  });

  it('follows a log as it grows', async () => {
    // Plain https streaming rather than k8s.Log: in client-node 2.0.1 aborting a followed
    // Log.log() leaves an AbortError on an internal stream nobody listens to (an uncaught
    // exception). See e2e/cluster/README.md.
    const url = new URL(
      `${admin.getCurrentCluster()!.server}/api/v1/namespaces/team-a/pods/db-0/log`,
    );
    url.search = 'container=postgres&follow=true&tailLines=1';
    const opts: https.RequestOptions = {};
    await admin.applyToHTTPSOptions(opts);
    let text = '';
    const req = https.get(url, opts, (res) => {
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('error', () => {});
    });
    req.on('error', () => {});
    try {
      const first = await eventually(
        'the first line',
        async () => (text.includes('\n') ? text : undefined),
        15_000,
        100,
      );
      const start = seqOf(first);
      expect(start).toBeGreaterThan(0);
      // The agent appends ~1 line/s per container; wait for two more lines to stream in.
      await eventually(
        'new lines on the followed stream',
        async () => {
          const seqs = text.trimEnd().split('\n').map(seqOf);
          return seqs.length >= 3 && seqs[seqs.length - 1]! > start;
        },
        20_000,
        200,
      );
    } finally {
      req.destroy();
    }
  });

  it('has a kwok Logs object per scheduled pod of team-a', async () => {
    // Pods of other namespaces (e.g. scale) use the agent's cluster-wide ClusterLogs instead.
    const objs = await admin.makeApiClient(k8s.CustomObjectsApi).listNamespacedCustomObject({
      group: 'kwok.x-k8s.io',
      version: 'v1alpha1',
      namespace: 'team-a',
      plural: 'logs',
    });
    const names = (objs as { items: Array<{ metadata: { name: string } }> }).items.map(
      (o) => o.metadata.name,
    );
    expect(names).toContain('toolbox');
    expect(names).toContain('db-0');
  });
});
