// What SharedAgentKubeConfig hands each request: client-node's headers, fresh every time,
// and one dispatcher for as long as the TLS material stays the same. (That the shared
// dispatcher really keeps one connection is shown against the real apiserver in
// e2e/integration/http-connections.test.ts.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HttpMethod, KubeConfig, RequestContext } from '@kubernetes/client-node';
import { Agent, type Dispatcher } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectionKey, RETIRED_AGENT_CLOSE_MS, SharedAgentKubeConfig } from './shared-agent';

const b64 = (text: string) => Buffer.from(text).toString('base64');

function config(user: Record<string, unknown>, cluster: Record<string, unknown> = {}) {
  const kc = new SharedAgentKubeConfig();
  kc.loadFromString(
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'c',
          cluster: {
            server: 'https://127.0.0.1:6443',
            'certificate-authority-data': b64('ca-1'),
            ...cluster,
          },
        },
      ],
      users: [{ name: 'u', user }],
      contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'ctx',
    }),
  );
  return kc;
}

async function authenticate(kc: KubeConfig) {
  const ctx = new RequestContext('https://127.0.0.1:6443/api', HttpMethod.GET);
  await kc.applySecurityAuthentication(ctx);
  return { headers: ctx.getHeaders(), dispatcher: ctx.getDispatcher() };
}

const closed = (d: Dispatcher | undefined) => (d as Agent).closed;

const configs: SharedAgentKubeConfig[] = [];
const track = (kc: SharedAgentKubeConfig) => (configs.push(kc), kc);

afterEach(() => {
  vi.useRealTimers();
  for (const kc of configs.splice(0)) kc.dispose(0);
});

describe('SharedAgentKubeConfig', () => {
  it('uses client-node’s own dispatcher factory (fails if an upgrade renames it)', () => {
    const proto = KubeConfig.prototype as unknown as Record<string, unknown>;
    expect(typeof proto['createDispatcher']).toBe('function');
    expect(typeof proto['createDispatcherOptions']).toBe('function');
  });

  it('gives every request of a config the same Agent, with fresh headers', async () => {
    const kc = track(
      config({ 'client-certificate-data': b64('cert'), 'client-key-data': b64('key'), token: 't' }),
    );
    const first = await authenticate(kc);
    const second = await authenticate(kc);
    expect(first.dispatcher).toBeInstanceOf(Agent);
    expect(second.dispatcher).toBe(first.dispatcher);
    expect(second.headers).toEqual(first.headers);
    expect(second.headers['Authorization']).toBe('Bearer t');
  });

  it('keeps client-node’s headers: basic auth, bearer token, impersonation', async () => {
    const basic = await authenticate(track(config({ username: 'ann', password: 'pw' })));
    expect(basic.headers['Authorization']).toBe(`Basic ${b64('ann:pw')}`);
    const imp = await authenticate(track(config({ token: 'x', as: 'bob' })));
    expect(imp.headers['Authorization']).toBe('Bearer x');
    expect(imp.headers['Impersonate-User']).toBe('bob');
  });

  it('leaves the dispatcher to fetch when there is no TLS material (like client-node)', async () => {
    const kc = track(config({ token: 't' }, { 'certificate-authority-data': undefined }));
    expect((await authenticate(kc)).dispatcher).toBeUndefined();
  });

  it('opens a new Agent when the client certificate changes, closing the old one after a grace', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const kc = track(
      config({ 'client-certificate-data': b64('c1'), 'client-key-data': b64('k1') }),
    );
    const before = (await authenticate(kc)).dispatcher;
    // What an exec plugin's rotation looks like from here: same names, other key material.
    kc.loadFromString(
      JSON.stringify({
        clusters: [
          {
            name: 'c',
            cluster: {
              server: 'https://127.0.0.1:6443',
              'certificate-authority-data': b64('ca-1'),
            },
          },
        ],
        users: [
          {
            name: 'u',
            user: { 'client-certificate-data': b64('c2'), 'client-key-data': b64('k2') },
          },
        ],
        contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'ctx',
      }),
    );
    const after = (await authenticate(kc)).dispatcher;
    expect(after).toBeInstanceOf(Agent);
    expect(after).not.toBe(before);
    expect(closed(before)).toBe(false);
    await vi.advanceTimersByTimeAsync(RETIRED_AGENT_CLOSE_MS);
    expect(closed(before)).toBe(true);
    expect(closed(after)).toBe(false);
    expect((await authenticate(kc)).dispatcher).toBe(after);
  });

  it('follows an exec plugin: a new token on each run, a new Agent only for a new certificate', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pilothouse-exec-'));
    const generation = path.join(dir, 'generation');
    const plugin = path.join(dir, 'plugin.cjs');
    fs.writeFileSync(
      plugin,
      `const n = require('fs').readFileSync(${JSON.stringify(generation)}, 'utf8').trim();
       const run = Date.now() + Math.random();
       process.stdout.write(JSON.stringify({
         apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential',
         status: { token: 'token-' + run, clientCertificateData: 'cert-' + n,
                   clientKeyData: 'key-' + n, expirationTimestamp: '2000-01-01T00:00:00Z' } }));`,
    );
    fs.writeFileSync(generation, '1');
    try {
      const kc = track(
        config({
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1',
            command: process.execPath,
            args: [plugin],
            interactiveMode: 'Never',
          },
        }),
      );
      const one = await authenticate(kc);
      const two = await authenticate(kc);
      expect(two.headers['Authorization']).not.toBe(one.headers['Authorization']);
      expect(two.dispatcher).toBe(one.dispatcher);
      fs.writeFileSync(generation, '2');
      const three = await authenticate(kc);
      expect(three.dispatcher).toBeInstanceOf(Agent);
      expect(three.dispatcher).not.toBe(one.dispatcher);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies the exec credential source: its token, and its certificate (a new Agent)', async () => {
    const kc = track(config({}));
    let generation = 1;
    kc.credentialSource = async () => ({
      token: `exec-token-${generation}`,
      cert: `cert-${generation}`,
      key: `key-${generation}`,
    });
    const one = await authenticate(kc);
    expect(one.headers['Authorization']).toBe('Bearer exec-token-1');
    expect((await authenticate(kc)).dispatcher).toBe(one.dispatcher);
    generation = 2;
    const two = await authenticate(kc);
    expect(two.headers['Authorization']).toBe('Bearer exec-token-2');
    expect(two.dispatcher).not.toBe(one.dispatcher);
    kc.credentialSource = () => Promise.reject(new Error('plugin failed'));
    await expect(authenticate(kc)).rejects.toThrow('plugin failed');
    await expect(kc.credentials()).rejects.toThrow('plugin failed');
  });

  it('after dispose, a straggling request gets an Agent of its own that is closed after it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const kc = config({ token: 't' });
    const shared = (await authenticate(kc)).dispatcher;
    kc.dispose();
    const straggler = (await authenticate(kc)).dispatcher;
    expect(straggler).toBeInstanceOf(Agent);
    expect(straggler).not.toBe(shared);
    await vi.advanceTimersByTimeAsync(RETIRED_AGENT_CLOSE_MS);
    expect(closed(shared)).toBe(true);
    expect(closed(straggler)).toBe(true);
  });
});

describe('connectionKey', () => {
  const cluster = { name: 'c', server: 'https://a:6443', skipTLSVerify: false };
  it('tells TLS material apart by content, not by names', () => {
    const key = (tls: Parameters<typeof connectionKey>[1]) => connectionKey(cluster, tls);
    expect(key({ cert: Buffer.from('x') })).toBe(key({ cert: Buffer.from('x') }));
    expect(key({ cert: Buffer.from('x') })).not.toBe(key({ cert: Buffer.from('y') }));
    expect(key({ cert: 'ab', key: 'c' })).not.toBe(key({ cert: 'a', key: 'bc' }));
    expect(key({ rejectUnauthorized: false })).not.toBe(key({}));
    expect(connectionKey({ ...cluster, proxyUrl: 'http://p:3128' }, {})).not.toBe(key({}));
  });
});
