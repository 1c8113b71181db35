/**
 * `kubectl drain --ignore-daemonsets --delete-emptydir-data [--force]` as a stream
 * (kubectl pkg/drain, v0.33): check the node is the one the user saw, cordon it, list its
 * pods, apply kubectl's filters (drain-filters.ts; any error stops the drain as kubectl
 * does, the node left cordoned), then evict every pod at once through the Eviction API
 * (policy/v1). A PodDisruptionBudget refusal (429) is shown with the API's message and
 * retried every 5 s, as kubectl does; a 404 means the pod is already gone. Evicted pods are
 * waited for (one list of the node's pods a second, not one GET per pod) until they are
 * gone or replaced by a pod of another uid. Unsubscribing cancels: requests are aborted,
 * retries stop; the node stays cordoned, as after kubectl's Ctrl-C.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { PilotError } from '../../shared/contract/errors';
import type { DrainEvent, DrainPod } from '../../shared/contract/scheduling';
import { kindById } from '../../shared/kube/kinds';
import type { KubeObject } from '../../shared/kube/object-types';
import { HttpError, kubeJson } from '../platform/http';
import { collectionPath, objectPath } from '../platform/api-paths';
import { statusMessage } from '../platform/classify-error';
import { sleep } from '../platform/retry';
import type { StreamSink } from '../rpc/handler-types';
import { logger } from '../platform/logger';
import { schedulingFailure } from './errors';
import { planDrain, type DaemonSetLookup } from './drain-filters';
import { setUnschedulable, type NodeTarget } from './node-ops';

const log = logger('scheduling');
/** kubectl's wait before retrying an eviction a PodDisruptionBudget refused. */
export const PDB_RETRY_MS = 5_000;
/** kubectl's poll interval while waiting for evicted pods to be gone. */
export const DELETE_POLL_MS = 1_000;
const PAGE_SIZE = 500;

const codeOf = (error: unknown) => (error instanceof HttpError ? error.code : undefined);

async function podsOnNode(
  kc: KubeConfig,
  node: string,
  signal: AbortSignal,
): Promise<KubeObject[]> {
  const pods: KubeObject[] = [];
  let next: string | undefined;
  do {
    const page = await kubeJson<{ items?: KubeObject[]; metadata?: { continue?: string } }>(
      kc,
      collectionPath(kindById.get('pods')!),
      { fieldSelector: `spec.nodeName=${node}`, limit: String(PAGE_SIZE), continue: next },
      { signal },
    );
    pods.push(...(page.items ?? []));
    next = page.metadata?.continue || undefined;
  } while (next);
  return pods;
}

async function daemonSetLookups(
  kc: KubeConfig,
  pods: KubeObject[],
  signal: AbortSignal,
): Promise<DaemonSetLookup> {
  const found = new Map<string, { notFound: boolean; message: string } | undefined>();
  for (const pod of pods) {
    const ref = pod.metadata?.ownerReferences?.find((o) => o.controller === true);
    if (ref?.kind !== 'DaemonSet' || !ref.name) continue;
    const namespace = pod.metadata?.namespace ?? '';
    const key = `${namespace}/${ref.name}`;
    if (found.has(key)) continue;
    try {
      await kubeJson(
        kc,
        objectPath(kindById.get('daemonsets')!, namespace, ref.name),
        {},
        { signal },
      );
      found.set(key, undefined);
    } catch (error) {
      const code = codeOf(error);
      const message =
        (error instanceof HttpError ? statusMessage(error.body) : undefined) ??
        (error instanceof Error ? error.message : String(error));
      found.set(key, { notFound: code === 404, message });
    }
  }
  return (namespace, name) => found.get(`${namespace}/${name}`);
}

function evictionBody(pod: KubeObject): string {
  return JSON.stringify({
    apiVersion: 'policy/v1',
    kind: 'Eviction',
    metadata: { name: pod.metadata?.name, namespace: pod.metadata?.namespace },
  });
}

export async function drainNode(
  kc: KubeConfig,
  target: NodeTarget & { force?: boolean },
  sink: StreamSink<DrainEvent>,
  signal: AbortSignal,
): Promise<void> {
  const action = `drain node ${target.node}`;
  try {
    await setUnschedulable(kc, target, true, signal);
    const pods = await podsOnNode(kc, target.node, signal);
    const plan = planDrain(
      pods,
      { force: target.force === true },
      await daemonSetLookups(kc, pods, signal),
    );
    if (plan.errors.length > 0) {
      throw new PilotError(
        'Invalid',
        `unable to drain node "${target.node}" (it stays cordoned): ${plan.errors.join('; ')}`,
      );
    }
    const states = new Map<string, DrainPod>();
    for (const pod of plan.evict) {
      const uid = pod.metadata?.uid ?? '';
      states.set(uid, {
        namespace: pod.metadata?.namespace ?? '',
        name: pod.metadata?.name ?? '',
        uid,
        state: 'pending',
        message: '',
      });
    }
    sink.emit({
      type: 'plan',
      pods: [...states.values()],
      skipped: plan.skipped,
      warnings: plan.warnings,
    });
    const set = (uid: string, state: DrainPod['state'], message = '') => {
      const now = states.get(uid);
      if (!now || (now.state === state && now.message === message)) return;
      const next = { ...now, state, message };
      states.set(uid, next);
      if (!signal.aborted) sink.emit({ type: 'pod', pod: next });
    };

    const evictOne = async (pod: KubeObject): Promise<void> => {
      const uid = pod.metadata?.uid ?? '';
      const path = `${objectPath(kindById.get('pods')!, pod.metadata?.namespace, pod.metadata?.name ?? '')}/eviction`;
      while (!signal.aborted) {
        set(uid, 'evicting');
        try {
          await kubeJson(
            kc,
            path,
            {},
            { method: 'POST', contentType: 'application/json', body: evictionBody(pod), signal },
          );
          set(uid, 'terminating');
          return;
        } catch (error) {
          if (signal.aborted) return;
          const code = codeOf(error);
          if (code === 404) return set(uid, 'done');
          const reason =
            error instanceof HttpError ? (statusMessage(error.body) ?? `HTTP ${code}`) : undefined;
          if (code === 429) {
            set(uid, 'blocked', reason ?? 'Too many requests');
            await sleep(PDB_RETRY_MS, signal);
            continue;
          }
          set(
            uid,
            'failed',
            schedulingFailure(
              error,
              signal,
              `evict pod ${pod.metadata?.namespace}/${pod.metadata?.name}`,
            ).message,
          );
          return;
        }
      }
    };

    // Every eviction at once, as kubectl; then wait for the terminating ones to be gone.
    const evictions = Promise.all(plan.evict.map(evictOne));
    let evictionsDone = false;
    void evictions.then(() => (evictionsDone = true));
    for (;;) {
      // Until every eviction is answered, wake on the last answer too; then poll.
      await (evictionsDone
        ? sleep(DELETE_POLL_MS, signal)
        : Promise.race([evictions, sleep(DELETE_POLL_MS, signal)]));
      if (signal.aborted) return;
      const terminating = [...states.values()].filter((p) => p.state === 'terminating');
      if (terminating.length > 0) {
        const present = new Set(
          (await podsOnNode(kc, target.node, signal)).map((p) => p.metadata?.uid),
        );
        for (const p of terminating) if (!present.has(p.uid)) set(p.uid, 'done');
      }
      const open = [...states.values()].filter((p) => p.state !== 'done' && p.state !== 'failed');
      if (evictionsDone && open.length === 0) break;
    }
    const failed = [...states.values()].filter((p) => p.state === 'failed');
    if (failed.length > 0) {
      const first = failed[0]!;
      throw new PilotError(
        first.message.startsWith('not allowed') ? 'Forbidden' : 'Internal',
        `unable to drain node "${target.node}": ${failed.length} pod(s) could not be evicted; ${first.namespace}/${first.name}: ${first.message}`,
      );
    }
    sink.emit({ type: 'drained', message: `node/${target.node} drained` });
    sink.end();
  } catch (error) {
    if (signal.aborted) return;
    const failure = schedulingFailure(error, signal, action);
    log.info(`${action}: ${failure.message}`);
    sink.fail(failure);
  }
}
