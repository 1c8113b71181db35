// One HTTP connection per context, counted on the real apiserver: a loopback TCP proxy sits
// between Pilothouse and the apiserver (TLS passes through untouched; the certificate is
// for 127.0.0.1, which the proxy's address still is) and counts the connections it
// accepts while the watch cache lists 10,000 ConfigMaps in pages of 500 (20 pages).
// client-node alone opens one connection per request; Pilothouse's shared Agent, one.
import fs from 'node:fs';
import net from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireClusterKubeconfig } from '../support/cluster';
import { eventually } from './cluster';
import { mergeKubeconfigs } from '../../shared/kube/kubeconfig-merge';
import type { ScopeStatus } from '../../shared/contract/resources';
import { kubeConfigFor } from '../../main/platform/client-config';
import { kubeJson } from '../../main/platform/http';
import type { SharedAgentKubeConfig } from '../../main/platform/shared-agent';
import { WatchRegistry } from '../../main/watch/watch-registry';
import { PAGE_SIZE, type Projection } from '../../main/watch/watch-cache';

/**
 * 20 pages of 500: the figure of issue 9 (a 10,000-pod list). The namespace's own
 * kube-root-ca.crt is one of them. Creating the rest takes 90-110 s on the test machine.
 */
const OBJECTS = 10_000;
const CREATE_CONCURRENCY = 16;
const CONTEXT = 'pilothouse-admin';
const namespace = `e2e-http-connections-${process.pid}-${Date.now().toString(36)}`;

/** A TCP proxy on 127.0.0.1 that counts the connections it accepts. */
class CountingProxy {
  accepted = 0;
  private readonly sockets = new Set<net.Socket>();
  private readonly server: net.Server;

  constructor(target: { host: string; port: number }) {
    this.server = net.createServer((client) => {
      this.accepted++;
      const upstream = net.connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

interface KubeconfigDoc {
  clusters: { name: string; cluster: { server: string } }[];
  contexts: { name: string; context: { cluster: string } }[];
}

const file = requireClusterKubeconfig();
const original = parse(fs.readFileSync(file, 'utf8')) as KubeconfigDoc;
const clusterName = original.contexts.find((c) => c.name === CONTEXT)?.context.cluster;
const apiserver = new URL(
  original.clusters.find((c) => c.name === clusterName)?.cluster.server ?? '',
);

/** The cluster's kubeconfig with the context's server moved to `port` on 127.0.0.1. */
function kubeconfigVia(port: number): string {
  const doc = structuredClone(original);
  for (const c of doc.clusters)
    if (c.name === clusterName) c.cluster.server = `https://127.0.0.1:${port}`;
  return stringify(doc);
}

/** Pilothouse's client config for the context, as the app and the CLI build it. */
function pilothouseConfig(port: number): SharedAgentKubeConfig {
  const merged = mergeKubeconfigs([{ path: `${file}.via-proxy`, text: kubeconfigVia(port) }]);
  return kubeConfigFor(merged, CONTEXT);
}

const configMaps: Projection<{ uid: string }> = {
  id: 'test-configmaps',
  group: '',
  version: 'v1',
  plural: 'configmaps',
  namespaced: true,
  project: (o) => ({ uid: o.metadata?.uid ?? '' }),
};

const direct = pilothouseConfig(Number(apiserver.port || 443));
let proxy: CountingProxy;
let port = 0;

beforeAll(async () => {
  expect(apiserver.hostname).toBe('127.0.0.1');
  proxy = new CountingProxy({ host: apiserver.hostname, port: Number(apiserver.port || 443) });
  port = await proxy.listen();

  const t0 = performance.now();
  await kubeJson(
    direct,
    '/api/v1/namespaces',
    {},
    {
      method: 'POST',
      contentType: 'application/json',
      body: JSON.stringify({
        metadata: { name: namespace, labels: { 'pilothouse.dev/test': 'http' } },
      }),
    },
  );
  let next = 0;
  await Promise.all(
    Array.from({ length: CREATE_CONCURRENCY }, async () => {
      for (let i = next++; i < OBJECTS - 1; i = next++) {
        await kubeJson(
          direct,
          `/api/v1/namespaces/${namespace}/configmaps`,
          {},
          {
            method: 'POST',
            contentType: 'application/json',
            body: JSON.stringify({ metadata: { name: `cm-${i}` }, data: { i: String(i) } }),
          },
        );
      }
    }),
  );
  // The controller-manager publishes kube-root-ca.crt in every new namespace.
  await eventually('kube-root-ca.crt in the namespace', () =>
    kubeJson(direct, `/api/v1/namespaces/${namespace}/configmaps/kube-root-ca.crt`).then(
      () => true,
    ),
  );
  console.error(
    `[http-connections] created ${OBJECTS - 1} ConfigMaps in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}, 600_000);

afterAll(async () => {
  await kubeJson(direct, `/api/v1/namespaces/${namespace}`, {}, { method: 'DELETE' }).catch(
    () => undefined,
  );
  direct.dispose(0);
  await proxy?.close();
});

describe('HTTP connections', () => {
  it(`the watch cache lists ${OBJECTS} rows in pages of ${PAGE_SIZE} over one connection`, async () => {
    const kc = pilothouseConfig(port);
    const watches = new WatchRegistry(() => kc, PAGE_SIZE);
    const before = proxy.accepted;
    let pages = 0;
    let rows = 0;
    let listed = 0;
    const ready = new Promise<void>((resolve, reject) => {
      const unsubscribe = watches.subscribe(CONTEXT, configMaps, namespace, {
        upsert: (batch) => {
          pages++; // the first load shows each page as it comes
          rows += batch.length;
        },
        delete: () => undefined,
        status: (status: ScopeStatus) => {
          if (status.phase === 'ready') {
            // The list is complete; the watch that follows has not connected yet.
            listed = proxy.accepted - before;
            unsubscribe();
            resolve();
          } else if (status.phase !== 'loading') {
            reject(new Error(`${status.phase}: ${status.message}`));
          }
        },
      });
    });
    try {
      await ready;
    } finally {
      watches.stopAll();
      kc.dispose(0);
    }
    console.error(`[http-connections] ${rows} rows, ${pages} pages, ${listed} connection(s)`);
    expect(rows).toBe(OBJECTS);
    expect(pages).toBe(Math.ceil(OBJECTS / PAGE_SIZE));
    expect(listed).toBe(1);
  });

  it('for comparison, client-node’s own config opens a connection per page', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(kubeconfigVia(port));
    kc.setCurrentContext(CONTEXT);
    const before = proxy.accepted;
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await kubeJson<{ metadata?: { continue?: string } }>(
        kc,
        `/api/v1/namespaces/${namespace}/configmaps`,
        { limit: String(PAGE_SIZE), continue: token },
      );
      pages++;
      token = page.metadata?.continue || undefined;
    } while (token);
    const opened = proxy.accepted - before;
    console.error(`[http-connections] client-node alone: ${pages} pages, ${opened} connections`);
    // What the shared Agent saves; if client-node ever pools by itself, this says so.
    expect(opened).toBeGreaterThan(1);
  });
});
