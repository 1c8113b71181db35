// Shared helpers of the integration suite: the test cluster's kubeconfig and its contexts.
import * as k8s from '@kubernetes/client-node';
import { Writable } from 'node:stream';
import { clusterKubeconfigPath, requireClusterKubeconfig } from '../support/cluster';

/** The test cluster's (npm test's own), or PILOTHOUSE_CLUSTER_KUBECONFIG. */
export const KUBECONFIG = clusterKubeconfigPath();

export type ContextName = 'pilothouse-admin' | 'pilothouse-viewer' | 'pilothouse-offline';

export function kubeConfig(context: ContextName = 'pilothouse-admin'): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(requireClusterKubeconfig());
  kc.setCurrentContext(context);
  return kc;
}

export const admin = kubeConfig('pilothouse-admin');
export const core = admin.makeApiClient(k8s.CoreV1Api);
export const apps = admin.makeApiClient(k8s.AppsV1Api);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries fn until it returns a value other than undefined/false, or throws the last error at the deadline. */
export async function eventually<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  everyMs = 1000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
      last = undefined;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`,
      );
    }
    await sleep(everyMs);
  }
}

/** HTTP status of a failed client-node call (ApiException.code), or undefined. */
export async function statusOf(p: Promise<unknown>): Promise<number | 'ok' | string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'number' ? code : String(code ?? (e as Error).message);
  }
}

/** A Writable that keeps everything written to it. */
export class Sink extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.chunks.push(Buffer.from(chunk));
    cb();
  }
  get text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export async function podsOf(namespace: string, labelSelector: string): Promise<k8s.V1Pod[]> {
  return (await core.listNamespacedPod({ namespace, labelSelector })).items;
}

export const condition = (pod: k8s.V1Pod, type: string) =>
  pod.status?.conditions?.find((c) => c.type === type);
