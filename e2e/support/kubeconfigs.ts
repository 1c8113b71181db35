/** Writes kubeconfig files for tests into a fresh temporary folder. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempDir(prefix = 'pilothouse-kc-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface ContextSpec {
  name: string;
  server?: string;
  namespace?: string;
  user?: Record<string, unknown>;
}

/** A kubeconfig with one cluster and user per context; `current` sets current-context. */
export function kubeconfigText(contexts: ContextSpec[], current?: string): string {
  return JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: contexts.map((c) => ({
        name: `${c.name}-cluster`,
        cluster: {
          server: c.server ?? 'https://127.0.0.1:65533',
          'insecure-skip-tls-verify': true,
        },
      })),
      users: contexts.map((c) => ({
        name: `${c.name}-user`,
        user: c.user ?? { token: `secret-token-of-${c.name}` },
      })),
      contexts: contexts.map((c) => ({
        name: c.name,
        context: {
          cluster: `${c.name}-cluster`,
          user: `${c.name}-user`,
          ...(c.namespace ? { namespace: c.namespace } : {}),
        },
      })),
      ...(current ? { 'current-context': current } : {}),
    },
    null,
    2,
  );
}

export function writeKubeconfig(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}
