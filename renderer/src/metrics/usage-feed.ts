/**
 * The live usage behind the CPU and Memory columns: one `metrics.watch` stream per
 * (context, namespaces, what is included), shared by key like every feed, folded into a
 * {@link UsageStore} that cells read per visible row. The feed's snapshot carries only
 * the metrics states (it changes when a state changes, not with every sample), so nothing
 * that listens to the feed re-renders because 10,000 pods have new figures.
 */
import type { PilotApi } from '../../../shared/contract/api';
import type { NamespaceChoice } from '../../../shared/contract/cluster';
import type { PilotErrorData } from '../../../shared/contract/errors';
import type {
  MetricsInclude,
  MetricsState,
  MetricsStreamEvent,
  NodeSample,
  PodSample,
  WorkloadSample,
} from '../../../shared/contract/metrics';
import type { FeedModel, FeedSpec } from '../data/feed';
import { feedsOf } from '../data/feed-registry';
import { shareOf } from './format';
import { UsageStore } from './usage-store';

export interface UsageSnapshot {
  /** Per resource and scope: "pods team-a", "nodes ". */
  states: Readonly<Record<string, MetricsState>>;
  store: UsageStore;
  error?: PilotErrorData;
}

/** The store key of a pod, a node or a workload: what a table row maps to. */
export const podKey = (namespace: string, name: string) => `pod:${namespace}/${name}`;
export const nodeKey = (name: string) => `node:${name}`;
export const workloadKey = (kind: string, namespace: string, name: string) =>
  `${kind}:${namespace}/${name}`;

export class UsageModel implements FeedModel<MetricsStreamEvent, UsageSnapshot> {
  private states: Record<string, MetricsState> = {};
  private current: UsageSnapshot;

  constructor(private readonly store: UsageStore) {
    this.current = { states: this.states, store };
  }

  apply(events: MetricsStreamEvent[]): number {
    let statesChanged = false;
    for (const event of events) {
      switch (event.type) {
        case 'pods':
          for (const s of event.samples) this.store.set(podKey(s[0], s[1]), podUsage(s));
          for (const gone of event.gone) this.store.delete(`pod:${gone}`);
          break;
        case 'nodes':
          for (const s of event.samples) this.store.set(nodeKey(s[0]), nodeUsage(s));
          for (const gone of event.gone) this.store.delete(nodeKey(gone));
          break;
        case 'workloads':
          for (const s of event.samples)
            this.store.set(workloadKey(s[0], s[1], s[2]), workloadUsage(s));
          for (const gone of event.gone) {
            const [kind, ...rest] = gone.split('/');
            this.store.delete(`${kind}:${rest.join('/')}`);
          }
          break;
        case 'state':
          this.states = { ...this.states, [`${event.resource} ${event.scope}`]: event.state };
          statesChanged = true;
      }
    }
    this.store.publish();
    if (statesChanged) this.current = { states: this.states, store: this.store };
    return 0;
  }

  snapshot(): UsageSnapshot {
    return this.current;
  }
}

function podUsage(s: PodSample) {
  const [, , timestamp, window, cpu, memory, figures] = s;
  return {
    cpuMilli: cpu,
    memoryBytes: memory,
    cpuShare: shareOf(cpu, figures[0]),
    memoryShare: shareOf(memory, figures[1]),
    shareOf: 'requests',
    sampledAt: timestamp,
    windowMs: window,
  };
}

function nodeUsage(s: NodeSample) {
  const [, timestamp, window, cpu, memory, allocatableCpu, allocatableMemory] = s;
  return {
    cpuMilli: cpu,
    memoryBytes: memory,
    cpuShare: shareOf(cpu, allocatableCpu),
    memoryShare: shareOf(memory, allocatableMemory),
    shareOf: 'allocatable',
    sampledAt: timestamp,
    windowMs: window,
  };
}

function workloadUsage(s: WorkloadSample) {
  const [, , , timestamp, cpu, memory, figures] = s;
  return {
    cpuMilli: cpu,
    memoryBytes: memory,
    cpuShare: shareOf(cpu, figures[0]),
    memoryShare: shareOf(memory, figures[1]),
    shareOf: 'requests',
    sampledAt: timestamp,
    windowMs: 0,
  };
}

/** Nodes are cluster-wide: their stream ignores the namespace choice. */
function normalised(include: MetricsInclude, namespaces: NamespaceChoice): NamespaceChoice {
  if (include === 'nodes' || namespaces.all) return { all: true };
  return { all: false, namespaces: [...new Set(namespaces.namespaces)].sort() };
}

type UsageSpec = FeedSpec<'metrics.watch', UsageSnapshot>;

// One spec (and so one store and one constant empty snapshot) per api and feed key: the
// columns are built before the stream opens, and the store outlives reopenings of its
// stream, so figures stay while a view remounts. Bounded by the scopes a user visits.
const specs = new WeakMap<PilotApi, Map<string, UsageSpec>>();

export function usageFeedSpec(
  api: PilotApi,
  context: string,
  include: MetricsInclude,
  namespaces: NamespaceChoice,
): UsageSpec {
  const choice = normalised(include, namespaces);
  const key = JSON.stringify([context, include, choice]);
  let byKey = specs.get(api);
  if (!byKey) specs.set(api, (byKey = new Map()));
  let spec = byKey.get(key);
  if (!spec) {
    const store = new UsageStore();
    spec = {
      channel: 'metrics.watch',
      key,
      input: { context, namespaces: choice, include: [include] },
      empty: { states: {}, store },
      createModel: () => new UsageModel(store),
    };
    byKey.set(key, spec);
  }
  return spec;
}

/** Keeps the stream of `spec` open until the returned release is called. */
export function holdUsage(api: PilotApi, spec: UsageSpec): () => void {
  return feedsOf(api).subscribe(spec, () => {});
}
