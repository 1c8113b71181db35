// What kubeConfigFor hands client-node: never a user entry that would make client-node run
// a command (its ExecAuth has no timeout; its gcp/azure providers use execSync with a
// shell), and the exec stanza served by ExecCredentials instead.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeKubeconfigs } from '../../shared/kube/kubeconfig-merge';
import { kubeConfigFor } from './client-config';
import { ExecCredentials } from './exec-credentials';

let dir: string;
const caches: ExecCredentials[] = [];

function configWith(user: Record<string, unknown>) {
  const file = path.join(dir, 'config');
  const text = JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:6443' } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
  });
  const cache = new ExecCredentials({ timeoutMs: 10_000 });
  caches.push(cache);
  return kubeConfigFor(mergeKubeconfigs([{ path: file, text }]), 'ctx', cache);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pilothouse-client-config-'));
});
afterEach(() => {
  for (const cache of caches.splice(0)) cache.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('kubeConfigFor', () => {
  it.skipIf(process.platform === 'win32')(
    'serves exec through ExecCredentials, with the command relative to the kubeconfig',
    async () => {
      fs.mkdirSync(path.join(dir, 'bin'));
      fs.writeFileSync(
        path.join(dir, 'bin', 'plugin'),
        `#!/bin/sh\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"from-plugin"}}'\n`,
        { mode: 0o755 },
      );
      const kc = configWith({
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: 'bin/plugin',
          interactiveMode: 'Never',
        },
      });
      expect(kc.getCurrentUser()?.exec).toBeUndefined();
      const options: { headers?: Record<string, string> } = {};
      await kc.applyToHTTPSOptions(options);
      expect(options.headers?.['Authorization']).toBeUndefined();
      await expect(kc.credentialSource?.()).resolves.toEqual({ token: 'from-plugin' });
    },
  );

  it('refuses a malformed exec stanza when a credential is needed, with its reason', async () => {
    const kc = configWith({
      exec: { apiVersion: 'client.authentication.k8s.io/v1alpha1', command: 'x' },
    });
    await expect(kc.credentials()).rejects.toThrow(
      /apiVersion "client.authentication.k8s.io\/v1alpha1" is not supported/,
    );
  });

  it.each([
    ['gcp', { name: 'gcp', config: { 'cmd-path': '/bin/sh' } }, /gke-gcloud-auth-plugin/],
    ['azure', { name: 'azure', config: { 'cmd-path': '/bin/sh' } }, /kubelogin/],
    [
      'exec',
      { name: 'exec', config: { exec: { command: 'sh' } } },
      /runs a command is not supported/,
    ],
  ])(
    'refuses the %s auth-provider, which client-node would run with a shell',
    async (_n, provider, message) => {
      const kc = configWith({ 'auth-provider': provider });
      expect(kc.getCurrentUser()?.authProvider).toBeUndefined();
      await expect(kc.credentials()).rejects.toThrow(message);
    },
  );

  it('keeps an oidc auth-provider, and a provider named like an Object method is just a name', () => {
    const oidc = {
      name: 'oidc',
      config: { 'id-token': 'x', 'client-id': 'y', 'idp-issuer-url': 'https://i' },
    };
    expect(configWith({ 'auth-provider': oidc }).getCurrentUser()?.authProvider?.name).toBe('oidc');
    const kc = configWith({ 'auth-provider': { name: 'constructor' } });
    expect(kc.credentialSource).toBeUndefined();
  });
});

const merged = (user: string) =>
  mergeKubeconfigs([
    {
      path: '/k',
      text: [
        'clusters: [{ name: c, cluster: { server: "https://admin:CANARY@127.0.0.1:6443" } }]',
        `users: [{ name: u, user: ${user} }]`,
        'contexts: [{ name: x, context: { cluster: c, user: u } }, { name: nouser, context: { cluster: c } }]',
      ].join('\n'),
    },
  ]);

describe('kubeConfigFor and credentials in the server URL', () => {
  it('gives client-node the URL without them and uses them as basic auth', () => {
    const kc = kubeConfigFor(merged('{}'), 'x');
    expect(kc.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443');
    expect(kc.getCurrentUser()).toMatchObject({ username: 'admin', password: 'CANARY' });
    const anonymous = kubeConfigFor(merged('{}'), 'nouser');
    expect(anonymous.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443');
    expect(anonymous.getCurrentUser()).toMatchObject({ username: 'admin', password: 'CANARY' });
  });

  it('keeps the user entry’s own username and password', () => {
    const kc = kubeConfigFor(merged('{ username: me, password: mine }'), 'x');
    expect(kc.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443');
    expect(kc.getCurrentUser()).toMatchObject({ username: 'me', password: 'mine' });
  });
});
