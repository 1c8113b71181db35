// Shared by the port-forward suites (issue 12): a namespace of their own (the fixture agent
// serves its pods: each answers with its name), the engine in this process on the test
// cluster's kubeconfig, and plain HTTP over a forward's local port (a new TCP connection
// per request: each one is a new connection through the forward).
import { execFile } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServices, type AppServices } from '../../main/app';
import {
  kubectl,
  kubectlApply,
  kubectlPath,
  requireClusterKubeconfig,
  waitForAgentForwards,
} from '../support/cluster';

/** kubectl without blocking this process's event loop (forwards keep serving meanwhile). */
export function kubectlAsync(args: string[], context = 'pilothouse-admin'): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      kubectlPath(),
      ['--kubeconfig', requireClusterKubeconfig(), '--context', context, ...args],
      { encoding: 'utf8' },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    ),
  );
}

/** A Deployment `web` (2 pods, port http=8080), Services with a named and a numeric targetPort, a pod `solo`. */
export function forwardFixture(namespace: string, replicas = 2): string {
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'nginx',
                image: 'nginx:1.27',
                ports: [{ name: 'http', containerPort: 8080 }],
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web-named', namespace },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web-numeric', namespace },
      spec: { selector: { app: 'web' }, ports: [{ name: 'web', port: 81, targetPort: 8080 }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'solo', namespace, labels: { app: 'solo' } },
      spec: {
        containers: [
          { name: 'db', image: 'postgres:16', ports: [{ name: 'pg', containerPort: 5432 }] },
        ],
      },
    },
  ]
    .map((o) => JSON.stringify(o))
    .join('\n---\n');
}

export function applyFixture(namespace: string, replicas = 2): void {
  kubectlApply(forwardFixture(namespace, replicas));
  kubectl(['-n', namespace, 'rollout', 'status', 'deploy/web', '--timeout=120s']);
  kubectl(['-n', namespace, 'wait', '--for=condition=Ready', 'pod/solo', '--timeout=120s']);
  waitForAgentForwards(namespace);
}

/** Pilothouse's services in this process, as the app and the CLI build them. */
export function startEngineApp(): Promise<AppServices> {
  return startServices({
    mode: 'web',
    kubeconfig: requireClusterKubeconfig(),
    settingsDir: mkdtempSync(path.join(os.tmpdir(), 'pilothouse-fwd-')),
    version: 'test',
    watchKubeconfig: false,
    loadSettings: false,
  });
}

export interface Answer {
  status: number;
  body: string;
  /** The pod that answered (the fixture's `pod:` line or x-pod header). */
  pod: string;
}

/** GET over a new TCP connection to 127.0.0.1:port; rejects on error or after timeoutMs. */
export function httpGet(port: number, urlPath = '/hello', timeoutMs = 5000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: urlPath, agent: false, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const pod = String(res.headers['x-pod'] ?? /^pod: (.*)$/m.exec(body)?.[1] ?? '');
          resolve({ status: res.statusCode ?? 0, body, pod });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** POST /echo with `body`; resolves with what came back. */
export function httpEcho(port: number, body: Buffer, timeoutMs = 30_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/echo',
        method: 'POST',
        agent: false,
        timeout: timeoutMs,
        headers: { 'content-length': String(body.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no echo within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
