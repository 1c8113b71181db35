/**
 * `metrics.watch`: the live samples of a scope. Subscribes the scope's pollers (pods per
 * namespace or all; nodes) and the watches of what the samples are shared against (pods'
 * requests/limits, nodes' allocatable, ReplicaSet/Job owners for workload sums), joins
 * them into the contract's tuples and emits what changed, at most every FLUSH_MS. While
 * the renderer holds back, changes are only marked (sets of keys, bounded by the number
 * of pods and nodes), never queued. Samples and states leave through one OrderedSender,
 * so the page sees them in the order the pollers produced them.
 */
import type {
  MetricsStreamEvent,
  MetricsWatchInput,
  NodeSample,
  PodSample,
  WorkloadSample,
} from '../../shared/contract/metrics';
import type { StreamSink } from '../rpc/handler-types';
import { FactIndex } from './fact-index';
import { jobOwners, nodeFacts, podFacts, replicaSetOwners } from './facts';
import type { RawSample } from './metrics-api';
import type { MetricsService } from './metrics-service';
import { OrderedSender } from './ordered-sender';
import { NO_FIGURES, workloadSums } from './workload-sums';

const FLUSH_MS = 100;
/**
 * Samples per event (each its own message, one per turn: ordered-sender.ts). The page
 * parses and files one event per task: 2,000 (250 KiB) cost it 15–40 ms on a loaded 2-core
 * machine plus the cells' render, over the 50 ms of a long task in bench:metrics; 500 is a
 * quarter of that.
 */
const SAMPLES_PER_EVENT = 500;

export function watchMetrics(
  service: MetricsService,
  input: MetricsWatchInput,
  sink: StreamSink<MetricsStreamEvent>,
  signal: AbortSignal,
): void {
  const { context } = input;
  const wantPods = input.include.includes('pods');
  const wantNodes = input.include.includes('nodes');
  const wantWorkloads = input.include.includes('workloads');
  const namespaces = input.namespaces.all ? [''] : [...new Set(input.namespaces.namespaces)];
  const inScope = (ns: string) => input.namespaces.all || namespaces.includes(ns);
  const history = service.history(context);
  const cleanups: (() => void)[] = [];

  const podSamples = new Map<string, RawSample>();
  const nodeSamples = new Map<string, RawSample>();
  const dirtyPods = new Set<string>();
  const gonePods = new Set<string>();
  const dirtyNodes = new Set<string>();
  const goneNodes = new Set<string>();
  let allNodesDirty = false;
  let workloadsDirty = false;
  const sentWorkloads = new Map<string, string>();
  const sentAllocations = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  const sender = new OrderedSender(sink, signal);
  /**
   * A state goes out behind the samples changed before it (collected now, not at the next
   * flush): "unavailable" follows the samples it dropped, never precedes them.
   */
  const sendState = (event: MetricsStreamEvent) => void sender.send([...collect(), event]);

  const schedule = () => {
    if (timer || signal.aborted) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, FLUSH_MS);
  };

  const facts = new FactIndex((what, keys) => {
    if (what === 'pods') {
      for (const key of keys) {
        const fact = facts.pod(key);
        if (fact) history.identities.set(key, { uid: fact.uid, workload: facts.workloadOf(fact) });
        if (podSamples.has(key)) dirtyPods.add(key);
      }
      allNodesDirty = true;
      workloadsDirty = true;
    } else if (what === 'nodes') {
      for (const key of keys) if (nodeSamples.has(key)) dirtyNodes.add(key);
    } else {
      workloadsDirty = true;
    }
    schedule();
  });

  // --- facts: watches shared through the WatchRegistry ---
  // Nodes need every pod of the cluster (their allocated sums); then one list serves both.
  const podScopes = wantNodes ? [''] : namespaces;
  if (wantPods || wantNodes || wantWorkloads)
    for (const ns of podScopes)
      cleanups.push(
        service.watches.subscribe(context, podFacts, ns || undefined, facts.pods.listener()),
      );
  if (wantNodes)
    cleanups.push(service.watches.subscribe(context, nodeFacts, undefined, facts.nodes.listener()));
  if (wantWorkloads)
    for (const ns of namespaces) {
      cleanups.push(
        service.watches.subscribe(
          context,
          replicaSetOwners,
          ns || undefined,
          facts.replicaSets.listener(),
        ),
        service.watches.subscribe(context, jobOwners, ns || undefined, facts.jobs.listener()),
      );
    }

  const podTuple = (s: RawSample): PodSample => {
    const fact = facts.pod(s.key);
    return [
      s.namespace,
      s.name,
      s.timestampMs,
      s.windowMs,
      s.cpu,
      s.bytes,
      fact?.figures ?? NO_FIGURES,
      s.containers.map((c) => [c.name, c.cpu, c.bytes, fact?.containers.get(c.name) ?? NO_FIGURES]),
      fact?.node ?? '',
    ];
  };

  /** Everything marked since the last collection, as events; clears the marks. */
  const collect = (): MetricsStreamEvent[] => {
    const out: MetricsStreamEvent[] = [];
    const emitChunks = <T>(
      make: (samples: T[], gone: string[]) => MetricsStreamEvent,
      samples: T[],
      gone: string[],
    ) => {
      if (samples.length === 0 && gone.length === 0) return;
      for (let i = 0; i < Math.max(samples.length, 1); i += SAMPLES_PER_EVENT)
        out.push(make(samples.slice(i, i + SAMPLES_PER_EVENT), i === 0 ? gone : []));
    };
    if (wantPods) {
      const samples = [...dirtyPods]
        .map((k) => podSamples.get(k))
        .filter((s): s is RawSample => s !== undefined && inScope(s.namespace))
        .map(podTuple);
      emitChunks((samples, gone) => ({ type: 'pods', samples, gone }), samples, [...gonePods]);
    }
    dirtyPods.clear();
    gonePods.clear();

    if (wantNodes) {
      const allocations = facts.allocations();
      const keys = new Set(dirtyNodes);
      if (allNodesDirty)
        for (const name of nodeSamples.keys()) {
          const a = allocations.get(name);
          const signature = JSON.stringify(a ?? null);
          if (sentAllocations.get(name) !== signature) keys.add(name);
        }
      const samples: NodeSample[] = [];
      for (const name of keys) {
        const s = nodeSamples.get(name);
        if (!s) continue;
        const node = facts.nodes.byKey.get(name);
        const a = allocations.get(name);
        const listed = facts.pods.status.phase === 'ready';
        sentAllocations.set(name, JSON.stringify(a ?? null));
        samples.push([
          name,
          s.timestampMs,
          s.windowMs,
          s.cpu,
          s.bytes,
          node?.allocatableCpu ?? null,
          node?.allocatableMemory ?? null,
          a ? a.figures : listed ? [0, 0, 0, 0] : NO_FIGURES,
          a?.pods ?? 0,
        ]);
      }
      for (const name of goneNodes) sentAllocations.delete(name);
      emitChunks((samples, gone) => ({ type: 'nodes', samples, gone }), samples, [...goneNodes]);
    }
    dirtyNodes.clear();
    goneNodes.clear();
    allNodesDirty = false;

    if (wantWorkloads && workloadsDirty) {
      const sums = workloadSums(podSamples.values(), facts, inScope);
      const changed: WorkloadSample[] = [];
      for (const [key, sum] of sums) {
        const signature = JSON.stringify(sum);
        if (sentWorkloads.get(key) !== signature) {
          sentWorkloads.set(key, signature);
          changed.push(sum);
        }
      }
      const gone = [...sentWorkloads.keys()].filter((k) => !sums.has(k));
      for (const key of gone) sentWorkloads.delete(key);
      emitChunks((samples, g) => ({ type: 'workloads', samples, gone: g }), changed, gone);
    }
    workloadsDirty = false;
    return out;
  };

  const flush = async () => {
    if (signal.aborted) return;
    if (sink.held()) {
      await sink.writable();
      if (signal.aborted) return;
    }
    await sender.send(collect());
  };

  // --- pollers (last: a poller hands its current state over at once, through collect) ---
  if (wantPods || wantWorkloads)
    for (const ns of namespaces)
      cleanups.push(
        service.subscribe(context, 'pods', ns, {
          samples: (changed, gone) => {
            mark(podSamples, dirtyPods, gonePods, changed, gone);
            workloadsDirty = true;
            schedule();
          },
          state: (state) => sendState({ type: 'state', resource: 'pods', scope: ns, state }),
        }),
      );
  if (wantNodes)
    cleanups.push(
      service.subscribe(context, 'nodes', '', {
        samples: (changed, gone) => {
          mark(nodeSamples, dirtyNodes, goneNodes, changed, gone);
          schedule();
        },
        state: (state) => sendState({ type: 'state', resource: 'nodes', scope: '', state }),
      }),
    );

  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      for (const cleanup of cleanups) cleanup();
    },
    { once: true },
  );
}

/** Files a poller's news: the latest sample per key, and which keys changed or went. */
function mark(
  latest: Map<string, RawSample>,
  dirty: Set<string>,
  goneKeys: Set<string>,
  changed: readonly RawSample[],
  gone: readonly string[],
): void {
  for (const s of changed) {
    latest.set(s.key, s);
    dirty.add(s.key);
    goneKeys.delete(s.key);
  }
  for (const key of gone) {
    latest.delete(key);
    dirty.delete(key);
    goneKeys.add(key);
  }
}
