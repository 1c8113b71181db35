// The kubeconfig merge against its oracle: the real kubectl (built with the test cluster)
// reading the same files through KUBECONFIG. Needs no running cluster, only the binary.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeKubeconfigs, summarizeContexts } from '../../shared/kube/kubeconfig-merge';
import { kubectlPath } from '../support/cluster';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pilothouse-oracle-'));

function file(name: string, body: object): string {
  const p = path.join(dir, name);
  writeFileSync(p, JSON.stringify({ apiVersion: 'v1', kind: 'Config', ...body }));
  return p;
}

const entry = (name: string, server: string) => ({ name, cluster: { server } });
const user = (name: string) => ({ name, user: { token: `t-${name}` } });
const context = (name: string, cluster: string, u: string, namespace?: string) => ({
  name,
  context: { cluster, user: u, ...(namespace ? { namespace } : {}) },
});

const cases: { name: string; files: string[] }[] = [
  {
    name: 'first file wins per name; current-context from the first that sets one',
    files: [
      file('a.json', {
        clusters: [entry('c1', 'https://a.example:6443')],
        users: [user('u1')],
        contexts: [context('shared', 'c1', 'u1', 'from-a'), context('only-a', 'c1', 'u1')],
      }),
      file('b.json', {
        clusters: [entry('c1', 'https://b.example:6443'), entry('c2', 'https://b2.example')],
        users: [user('u1'), user('u2')],
        contexts: [context('shared', 'c2', 'u2', 'from-b'), context('only-b', 'c2', 'u2', 'ns-b')],
        'current-context': 'only-b',
      }),
      file('c.json', { 'current-context': 'only-a' }),
    ],
  },
  {
    name: 'missing files in the list are skipped',
    files: [
      path.join(dir, 'does-not-exist.yaml'),
      file('d.json', {
        clusters: [entry('c', 'https://d')],
        users: [user('u')],
        contexts: [context('d', 'c', 'u')],
        'current-context': 'd',
      }),
    ],
  },
];

function kubectl(files: string[], args: string[]): string {
  return execFileSync(kubectlPath(), ['config', ...args], {
    env: { ...process.env, KUBECONFIG: files.join(':') },
    encoding: 'utf8',
  }).trim();
}

describe('kubeconfig merge agrees with kubectl', () => {
  for (const c of cases) {
    it(c.name, () => {
      const merged = mergeKubeconfigs(
        c.files.map((p) => {
          try {
            return { path: p, text: readFileSync(p, 'utf8') };
          } catch {
            return { path: p, missing: true as const };
          }
        }),
      );
      const ours = summarizeContexts(merged);
      expect(ours.map((s) => s.name)).toEqual(
        kubectl(c.files, ['get-contexts', '-o', 'name']).split('\n').sort(),
      );
      expect(merged.currentContext).toBe(kubectl(c.files, ['current-context']));
      for (const s of ours) {
        const theirs = JSON.parse(kubectl(c.files, ['view', '-o', 'json'])) as {
          contexts: { name: string; context: { cluster: string; namespace?: string } }[];
          clusters: { name: string; cluster: { server: string } }[];
        };
        const ctx = theirs.contexts.find((x) => x.name === s.name);
        expect([s.cluster, s.namespace]).toEqual([ctx?.context.cluster, ctx?.context.namespace]);
        expect(s.server).toBe(theirs.clusters.find((x) => x.name === s.cluster)?.cluster.server);
      }
    });
  }
});
