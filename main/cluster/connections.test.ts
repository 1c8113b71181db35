// ConnectionService owns each context's client config, and with it the context's HTTP
// connection pool: one config per context, shared by every caller, closed when the
// context's kubeconfig entries change or the context goes away. (No request is made here.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KubeconfigStore } from './kubeconfig-store';
import { ConnectionService } from './connections';
import type { SharedAgentKubeConfig } from '../platform/shared-agent';

let dir: string;
let file: string;
let store: KubeconfigStore;
let service: ConnectionService;

function write(tokens: Record<string, string>): void {
  const names = Object.keys(tokens);
  fs.writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:6443' } }],
      users: names.map((n) => ({ name: n, user: { token: tokens[n] } })),
      contexts: names.map((n) => ({ name: n, context: { cluster: 'c', user: n } })),
    }),
  );
}

/** The config the service hands out, with dispose() watched. */
function configOf(context: string): SharedAgentKubeConfig {
  const kc = service.kubeConfig(context) as SharedAgentKubeConfig;
  if (!vi.isMockFunction(kc.dispose)) vi.spyOn(kc, 'dispose');
  return kc;
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pilothouse-connections-'));
  file = path.join(dir, 'config');
  write({ a: 'token-a', b: 'token-b' });
  store = new KubeconfigStore({ paths: [file], searchedFrom: '--kubeconfig' });
  await store.reload();
  service = new ConnectionService(store);
});

afterEach(() => {
  service.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('ConnectionService client configs', () => {
  it('hands every caller of a context the same config', () => {
    const a = configOf('a');
    expect(service.kubeConfig('a')).toBe(a);
    expect(service.kubeConfig('b')).not.toBe(a);
  });

  it('replaces and closes a context’s config when its entries change, and only that one', async () => {
    const a = configOf('a');
    const b = configOf('b');
    write({ a: 'token-a2', b: 'token-b' });
    await store.reload();
    expect(a.dispose).toHaveBeenCalledTimes(1);
    expect(b.dispose).not.toHaveBeenCalled();
    expect(service.kubeConfig('a')).not.toBe(a);
    expect(service.kubeConfig('b')).toBe(b);
  });

  it('closes the config of a context that disappears', async () => {
    const b = configOf('b');
    write({ a: 'token-a' });
    await store.reload();
    expect(b.dispose).toHaveBeenCalledTimes(1);
    expect(() => service.kubeConfig('b')).toThrow(/context "b" is not in the kubeconfig/);
  });

  it('closes every config at once when stopped', () => {
    const a = configOf('a');
    const b = configOf('b');
    service.stop();
    expect(a.dispose).toHaveBeenCalledWith(0);
    expect(b.dispose).toHaveBeenCalledWith(0);
  });
});
