/**
 * The scheduler's view of a cluster, from the shared list+watch caches (main/watch/,
 * ref-counted): every node, every pod (bound ones are what the filters count), and the
 * namespaces' labels (pod affinity's namespaceSelector). A snapshot subscribes, waits for
 * each cache's first complete list, copies the rows and lets go: the caches stay warm for
 * the registry's grace period, so a what-if form typing away never relists.
 */
import type { ScopeStatus } from '../../shared/contract/resources';
import { PilotError } from '../../shared/contract/errors';
import type { KubeObject } from '../../shared/kube/object-types';
import type { WatchRegistry } from '../watch/watch-registry';
import type { Projection } from '../watch/watch-cache';
import {
  namespaceProjection,
  nodeProjection,
  podProjection,
  type SchedObject,
} from './projections';

export interface ClusterSnapshot {
  nodes: KubeObject[];
  /** Every pod of the cluster (bound or not); `boundPods` keeps those with a node. */
  pods: KubeObject[];
  boundPods: KubeObject[];
  namespaces: KubeObject[];
  /** Why the snapshot may be incomplete (namespaces not readable). */
  warnings: string[];
}

// How long a fit waits for a cache whose watch broke to relist before it reports the
// cache as unreachable.
const RECONNECT_WAIT_MS = 15_000;

interface Gathered {
  rows: Map<string, KubeObject>;
  status: ScopeStatus;
}

/** Waits for one cache's first complete list (or its failure); returns its rows. */
function gather(
  watches: WatchRegistry,
  context: string,
  projection: Projection<SchedObject>,
  signal: AbortSignal,
): Promise<Gathered> {
  return new Promise((resolve, reject) => {
    const rows = new Map<string, KubeObject>();
    let settled = false;
    let reconnecting: NodeJS.Timeout | undefined;
    const finish = (status: ScopeStatus) => {
      if (settled) return;
      settled = true;
      clearTimeout(reconnecting);
      signal.removeEventListener('abort', onAbort);
      // Unsubscribe after the current callback: the registry keeps the cache warm.
      queueMicrotask(() => stop());
      resolve({ rows, status });
    };
    const onAbort = () => {
      if (settled) return;
      settled = true;
      clearTimeout(reconnecting);
      queueMicrotask(() => stop());
      reject(new PilotError('Cancelled', 'the fit was cancelled'));
    };
    signal.addEventListener('abort', onAbort);
    // The status replay can settle synchronously: `stop` is called in a microtask, after
    // this assignment.
    const stop = watches.subscribe(context, projection, undefined, {
      upsert: (items) => {
        for (const item of items) rows.set(item.uid, item.object);
      },
      delete: (uids) => {
        for (const uid of uids) rows.delete(uid);
      },
      status: (status) => {
        if (status.phase === 'loading') return;
        // A watch that broke relists by itself: a fit waits for that (a while) instead of
        // failing on a blip; forbidden and error answer at once.
        if (status.phase === 'reconnecting') {
          reconnecting ??= setTimeout(() => finish(status), RECONNECT_WAIT_MS);
          return;
        }
        finish(status);
      },
    });
  });
}

function failure(what: string, status: ScopeStatus): PilotError {
  if (status.phase === 'forbidden') return new PilotError('Forbidden', status.message);
  const message = 'message' in status ? status.message : `could not list ${what}`;
  return new PilotError('Unreachable', message);
}

export async function clusterSnapshot(
  watches: WatchRegistry,
  context: string,
  signal: AbortSignal,
): Promise<ClusterSnapshot> {
  const [nodes, pods, namespaces] = await Promise.all([
    gather(watches, context, nodeProjection, signal),
    gather(watches, context, podProjection, signal),
    gather(watches, context, namespaceProjection, signal),
  ]);
  if (nodes.status.phase !== 'ready') throw failure('nodes', nodes.status);
  if (pods.status.phase !== 'ready') throw failure('pods', pods.status);
  const warnings: string[] = [];
  if (namespaces.status.phase !== 'ready') {
    warnings.push(
      `namespaces could not be listed (${'message' in namespaces.status ? namespaces.status.message : namespaces.status.phase}): pod affinity terms with a namespaceSelector are judged without namespace labels`,
    );
  }
  const allPods = [...pods.rows.values()];
  return {
    nodes: [...nodes.rows.values()].sort((a, b) =>
      (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
    ),
    pods: allPods,
    boundPods: allPods.filter(
      (p) => typeof p.spec?.['nodeName'] === 'string' && p.spec['nodeName'] !== '',
    ),
    namespaces: [...namespaces.rows.values()],
    warnings,
  };
}
