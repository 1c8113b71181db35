/**
 * The `rollout.history` stream: the History tab's rows kept live from the shared watch
 * caches (main/watch/watch-registry.ts) of the workload's kind, its ReplicaSets or
 * ControllerRevisions, and the pods of its namespace; no polling. Every change schedules
 * one recomputation (coalesced with setImmediate); a snapshot goes out only when it differs
 * from the last one sent, and while the renderer is behind only the latest is kept.
 */
import type { RolloutHistoryEvent, RolloutKind } from '../../shared/contract/rollouts';
import type { ScopeStatus } from '../../shared/contract/resources';
import { kindById } from '../../shared/kube/kinds';
import type { StreamSink } from '../rpc/handler-types';
import type { WatchRegistry } from '../watch/watch-registry';
import type { CacheListener, Projected, Projection } from '../watch/watch-cache';
import { controllerRevisionsApi } from './history';
import {
  historyRows,
  projectControllerRevision,
  projectPod,
  projectReplicaSet,
  type PodOnRevision,
  type RevisionSource,
  type WorkloadIdentity,
} from './history-rows';

/** Projection ids are prefixed so these caches never collide with the tables' row caches. */
const PREFIX = 'rollout-history:';

function projection<R extends Projected>(
  id: string,
  api: Pick<Projection<R>, 'group' | 'version' | 'plural' | 'namespaced'>,
  project: Projection<R>['project'],
): Projection<R> {
  return {
    id: PREFIX + id,
    group: api.group,
    version: api.version,
    plural: api.plural,
    namespaced: api.namespaced,
    project,
  };
}

const identity = (o: { metadata?: { uid?: string; name?: string } }): WorkloadIdentity => ({
  uid: o.metadata?.uid ?? '',
  name: o.metadata?.name ?? '',
});

const workloadProjections = new Map(
  (['deployments', 'statefulsets', 'daemonsets'] as const).map((k) => [
    k,
    projection<WorkloadIdentity>(k, kindById.get(k)!, identity),
  ]),
);
const replicaSets = projection<RevisionSource>(
  'replicasets',
  kindById.get('replicasets')!,
  projectReplicaSet,
);
const revisions = projection<RevisionSource>(
  'controllerrevisions',
  controllerRevisionsApi,
  projectControllerRevision,
);
const pods = projection<PodOnRevision>('pods', kindById.get('pods')!, projectPod);

/** A Map-backed listener: the cache's rows by uid, plus its status. */
function collect<R extends Projected>(onChange: () => void) {
  const rows = new Map<string, R>();
  const state: { status: ScopeStatus } = { status: { phase: 'loading' } };
  const listener: CacheListener<R> = {
    upsert: (list) => {
      for (const r of list) rows.set(r.uid, r);
      onChange();
    },
    delete: (uids) => {
      for (const uid of uids) rows.delete(uid);
      onChange();
    },
    status: (status) => {
      state.status = status;
      onChange();
    },
  };
  return { rows, state, listener };
}

export function watchHistory(
  watches: WatchRegistry,
  input: { context: string; kind: RolloutKind; namespace: string; name: string },
  sink: StreamSink<RolloutHistoryEvent>,
  signal: AbortSignal,
): void {
  const deployment = input.kind === 'deployments';
  let scheduled: NodeJS.Immediate | undefined;
  let lastSent = '';
  let latest: RolloutHistoryEvent | undefined;
  let waiting = false;

  const flush = () => {
    if (signal.aborted || !latest) return;
    if (sink.held()) {
      if (waiting) return;
      waiting = true;
      void sink.writable().then(() => {
        waiting = false;
        flush();
      });
      return;
    }
    sink.emit(latest);
    latest = undefined;
  };
  const schedule = () => {
    if (scheduled || signal.aborted) return;
    scheduled = setImmediate(() => {
      scheduled = undefined;
      const event = compute();
      if (!event) return;
      const text = JSON.stringify(event);
      if (text === lastSent) return;
      lastSent = text;
      latest = event;
      flush();
    });
  };

  const workloads = collect<WorkloadIdentity>(schedule);
  const sources = collect<RevisionSource>(schedule);
  const podRows = collect<PodOnRevision>(schedule);
  const parts = [workloads, sources, podRows];

  const compute = (): RolloutHistoryEvent | undefined => {
    for (const part of parts) {
      const s = part.state.status;
      if (s.phase === 'forbidden' || s.phase === 'error')
        return { type: 'problem', message: s.message };
    }
    if (parts.some((p) => p.state.status.phase === 'loading')) return undefined;
    const workload = [...workloads.rows.values()].find((w) => w.name === input.name);
    if (!workload) {
      const singular = kindById.get(input.kind)?.singular ?? input.kind;
      return {
        type: 'missing',
        message: `${singular} "${input.name}" is not in namespace ${input.namespace}`,
      };
    }
    const rows = historyRows(deployment, workload, sources.rows.values(), podRows.rows.values());
    return { type: 'history', history: { uid: workload.uid, revisions: rows } };
  };

  const stops = [
    watches.subscribe(
      input.context,
      workloadProjections.get(input.kind)!,
      input.namespace,
      workloads.listener,
    ),
    watches.subscribe(
      input.context,
      deployment ? replicaSets : revisions,
      input.namespace,
      sources.listener,
    ),
    watches.subscribe(input.context, pods, input.namespace, podRows.listener),
  ];
  signal.addEventListener('abort', () => {
    clearImmediate(scheduled);
    stops.forEach((stop) => stop());
  });
}
