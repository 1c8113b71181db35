// `pilothouse fit` (the bin entry) against the test cluster: the matrix and summary line,
// -o json's shape, and the exit codes (0 some node fits, 3 none, 2 bad input, 1 cluster
// errors). The summary of a fixture Pending pod is the scheduler's own message.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparableMessage } from '../../main/scheduling/scheduler-verdict';
import { deleteNamespace, freshNamespace } from '../support/cluster';
import { core, eventually, KUBECONFIG } from './cluster';

const NAMESPACE = 'e2e-scheduling-cli';

const bin = path.resolve('main/cli/pilothouse.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'pilothouse-fit-'));

function fit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'fit', '--kubeconfig', KUBECONFIG, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function manifest(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function schedulerMessage(namespace: string, uid: string): Promise<string> {
  const events = await core.listNamespacedEvent({
    namespace,
    fieldSelector: `involvedObject.uid=${uid},reason=FailedScheduling`,
  });
  const latest = events.items
    .map((e) => [
      String(e.series?.lastObservedTime ?? e.eventTime ?? e.lastTimestamp ?? ''),
      e.message ?? '',
    ])
    .sort((a, b) => a[0]!.localeCompare(b[0]!))
    .at(-1);
  return comparableMessage(latest?.[1] ?? '');
}

describe('pilothouse fit', () => {
  it("prints the matrix and the scheduler's summary for a Pending pod, and exits 3", async () => {
    // A Pending pod of this test's own: the scheduler's message is fresh.
    freshNamespace(NAMESPACE);
    try {
      const created = await core.createNamespacedPod({
        namespace: NAMESPACE,
        body: {
          metadata: { name: 'waits-for-gpu-node' },
          spec: {
            nodeSelector: { 'pilothouse.dev/role': 'gpu' },
            containers: [{ name: 'app', image: 'registry.example.invalid/e2e/app:1' }],
          },
        },
      });
      const message = await eventually(
        'a FailedScheduling event',
        async () => (await schedulerMessage(NAMESPACE, created.metadata!.uid!)) || undefined,
        30_000,
        200,
      );
      const { code, stdout } = await fit([
        'pod/waits-for-gpu-node',
        '-n',
        NAMESPACE,
        '--context',
        'pilothouse-admin',
      ]);
      expect(code).toBe(3);
      const lines = stdout.split('\n');
      expect(lines[0]).toMatch(
        /^NODE\s+FITS\s+NodeUnschedulable\s+NodeName\s+TaintToleration\s+NodeAffinity/,
      );
      expect(lines.find((l) => l.startsWith('pilot-b1'))).toMatch(/^pilot-b1\s+no\s/);
      expect(stdout).toContain('Why not:');
      expect(stdout).toContain(`\n${message}\n`);
      expect(stdout).toMatch(/\[same\]/);
    } finally {
      deleteNamespace(NAMESPACE);
    }
  });

  it('-o json: one object with summary, feasible and nodes (name, fits, reasons); exit 0 when a node fits', async () => {
    const { code, stdout } = await fit(['deploy/web', '-n', 'team-a', '-o', 'json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as {
      summary: string;
      feasible: string[];
      nodes: { name: string; fits: boolean; reasons: string[] }[];
    };
    expect(out.summary).toMatch(/^\d+\/\d+ nodes are available/);
    expect(out.feasible.length).toBeGreaterThan(0);
    expect(out.feasible).toContain('pilot-a1');
    for (const node of out.nodes) {
      expect(typeof node.name).toBe('string');
      expect(typeof node.fits).toBe('boolean');
      expect(Array.isArray(node.reasons)).toBe(true);
      expect(node.fits).toBe(out.feasible.includes(node.name));
    }
    expect(out.nodes.find((n) => n.name === 'pilot-c1')).toMatchObject({
      fits: false,
      reasons: ['node(s) were unschedulable'],
    });
  });

  it('-f judges a manifest without creating it (a Pod, then a Deployment), exit 3 and 0', async () => {
    const gpu = manifest(
      'gpu.yaml',
      `apiVersion: v1
kind: Pod
metadata: { name: fit-cli-gpu, namespace: team-b }
spec:
  containers:
    - name: app
      image: x
      resources: { limits: { nvidia.com/gpu: '8' } }
`,
    );
    const none = await fit(['-f', gpu, '-o', 'json']);
    expect(none.code).toBe(3);
    const out = JSON.parse(none.stdout) as { summary: string; feasible: string[] };
    expect(out.feasible).toEqual([]);
    expect(out.summary).toMatch(/^0\/\d+ nodes are available: .*Insufficient nvidia\.com\/gpu/);
    await expect(
      core.readNamespacedPod({ namespace: 'team-b', name: 'fit-cli-gpu' }),
    ).rejects.toMatchObject({ code: 404 });

    const deploy = manifest(
      'deploy.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fit-cli-small }
spec:
  selector: { matchLabels: { app: small } }
  template:
    metadata: { labels: { app: small } }
    spec:
      containers: [{ name: app, image: x, resources: { requests: { cpu: 10m } } }]
`,
    );
    const some = await fit(['-f', deploy, '-n', 'team-a']);
    expect(some.code).toBe(0);
    expect(some.stdout).toMatch(/nodes are available/);
  });

  it('exit 2 for bad input: a bad target, a missing file, YAML that is no pod', async () => {
    expect((await fit(['svc/web', '-n', 'team-a'])).code).toBe(2);
    expect((await fit(['-f', path.join(dir, 'absent.yaml')])).code).toBe(2);
    const bad = await fit(['-f', manifest('cm.yaml', 'kind: ConfigMap\nmetadata: { name: x }\n')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('has no pod template');
    expect((await fit(['-f', manifest('broken.yaml', 'spec: [unclosed\n')])).code).toBe(2);
  });

  it('exit 1 for cluster errors: an unknown context, an absent pod, an unreachable server', async () => {
    expect((await fit(['pod/x', '--context', 'no-such-context'])).code).toBe(1);
    const absent = await fit(['pod/no-such-pod', '-n', 'team-a']);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toContain('not found');
    expect((await fit(['pod/x', '-n', 'team-a', '--context', 'pilothouse-offline'])).code).toBe(1);
  });
});
