// ConnectionService owns each context's client config, and with it the context's HTTP
// connection pool: one config per context, shared by every caller, closed when the
// context's kubeconfig entries change or the context goes away. (No request is made here.)
// A failing exec plugin: the exec-failed state, run again only when the user asks or the
// kubeconfig changes, never by a timer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KubeconfigStore } from './kubeconfig-store';
import { ConnectionService } from './connections';
import type { SharedAgentKubeConfig } from '../platform/shared-agent';
import type { ConnectionState } from '../../shared/contract/cluster';

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

describe.skipIf(process.platform === 'win32')('ConnectionService and a failing exec plugin', () => {
  function writeExec(args: string[]): { plugin: string; runs: string } {
    const plugin = path.join(dir, 'plugin');
    const runs = path.join(dir, 'runs');
    fs.writeFileSync(
      plugin,
      `#!/bin/sh\necho run >> '${runs}'\necho "login expired" >&2\nexit 1\n`,
      {
        mode: 0o755,
      },
    );
    fs.writeFileSync(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:6443' } }],
        users: [
          {
            name: 'sso',
            user: {
              exec: {
                apiVersion: 'client.authentication.k8s.io/v1',
                command: plugin,
                args,
                interactiveMode: 'Never',
              },
            },
          },
        ],
        contexts: [{ name: 'sso', context: { cluster: 'c', user: 'sso' } }],
      }),
    );
    return { plugin, runs };
  }
  const count = (runs: string) =>
    fs.existsSync(runs) ? fs.readFileSync(runs, 'utf8').split('\n').length - 1 : 0;

  it('shows exec-failed and runs the plugin again only on select or a kubeconfig edit', async () => {
    const { plugin, runs } = writeExec(['a']);
    await store.reload();
    const states: ConnectionState[] = [];
    service.onUpdate((u) => states.push(u.state));
    service.select('sso');
    await vi.waitFor(() => expect(states.at(-1)?.phase).toBe('exec-failed'));
    expect(states.at(-1)).toEqual({
      phase: 'exec-failed',
      message: `credential plugin ${plugin} failed with exit code 1; it said:\nlogin expired`,
    });
    expect(count(runs)).toBe(1);

    // An hour of would-be retry periods (the unreachable backoff tops out at 30 s) and
    // every request of the context: the remembered failure, no new process.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    vi.useRealTimers();
    const kc = service.kubeConfig('sso') as SharedAgentKubeConfig;
    await Promise.all(
      Array.from({ length: 20 }, () => expect(kc.credentials()).rejects.toThrow(/login expired/)),
    );
    expect(count(runs)).toBe(1);
    expect(states.at(-1)?.phase).toBe('exec-failed');

    // The Retry button (context.select): one new run.
    service.select('sso');
    await vi.waitFor(() => expect(count(runs)).toBe(2));
    await vi.waitFor(() => expect(states.at(-1)?.phase).toBe('exec-failed'));

    // An edit of the user entry: one new run.
    writeExec(['b']);
    await store.reload();
    await vi.waitFor(() => expect(count(runs)).toBe(3));
    await vi.waitFor(() => expect(states.at(-1)?.phase).toBe('exec-failed'));
    expect(count(runs)).toBe(3);
  });
});
