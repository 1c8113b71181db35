/**
 * `metrics.history`: the history of one target, sent whole (a few KiB) when the stream
 * starts and again after each poll that brought a new sample, at most every RESEND_MS.
 * Subscribing keeps the target's poller running, so the history keeps growing while a
 * chart shows it; the history itself lives in MetricsService for the whole run.
 */
import type {
  MetricsHistoryEvent,
  MetricsHistoryInput,
  ResourceFigures,
} from '../../shared/contract/metrics';
import { HISTORY_MINUTES } from '../../shared/contract/metrics';
import type { StreamSink } from '../rpc/handler-types';
import { FactIndex } from './fact-index';
import { jobOwners, nodeFacts, podFacts, replicaSetOwners } from './facts';
import { buildHistory, type ReferenceSource } from './history-series';
import type { MetricsService } from './metrics-service';
import type { PollerListener } from './poller';

const RESEND_MS = 250;

export function watchHistory(
  service: MetricsService,
  input: MetricsHistoryInput,
  sink: StreamSink<MetricsHistoryEvent>,
  signal: AbortSignal,
): void {
  const { context, target } = input;
  const minutes = input.minutes ?? HISTORY_MINUTES;
  const history = service.history(context);
  const cleanups: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;

  const send = () => {
    if (timer || signal.aborted) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (signal.aborted) return;
      // A renderer that is behind skips to the newest history: nothing queues up.
      if (sink.held()) {
        void sink.writable().then(send);
        return;
      }
      sink.emit({
        type: 'history',
        history: buildHistory(history, target, minutes, Date.now(), refs, members()),
      });
    }, RESEND_MS);
  };

  // A pod's workload is known only once its owner (ReplicaSet, Job) is listed too, which
  // may come after the pod: an owner change re-reads every pod's workload, and corrects
  // the history already recorded, so a workload chart never waits for the next sample.
  const rememberIdentity = (key: string) => {
    const fact = facts.pod(key);
    if (!fact) return;
    const workload = facts.workloadOf(fact);
    history.identities.set(key, { uid: fact.uid, workload });
    const entry = history.pods.get(key);
    if (entry && workload && (entry.uid === '' || entry.uid === fact.uid))
      entry.workload = workload;
  };
  const facts = new FactIndex((what, keys) => {
    if (what === 'pods') keys.forEach(rememberIdentity);
    else if (what === 'owners') [...facts.pods.byKey.keys()].forEach(rememberIdentity);
    send();
  });

  const refs: ReferenceSource = {
    podFigures: (key) => facts.pod(key)?.figures,
    containerFigures: (key, container) => facts.pod(key)?.containers.get(container),
    containerOrder: (key) => {
      const containers = facts.pod(key)?.containers;
      return containers && [...containers.keys()];
    },
    node: (name) => {
      const node = facts.nodes.byKey.get(name);
      if (!node) return undefined;
      const allocation = facts.allocations().get(name);
      const listed = facts.pods.status.phase === 'ready';
      const allocated: ResourceFigures | null = allocation
        ? allocation.figures
        : listed
          ? [0, 0, 0, 0]
          : null;
      return { allocatable: [node.allocatableCpu, node.allocatableMemory], allocated };
    },
  };

  /** The pods of the workload or overview right now, for its requests/limits sum. */
  const members = (): Set<string> | undefined => {
    if (target.kind !== 'workload' && target.kind !== 'overview') return undefined;
    const keys = new Set<string>();
    for (const [key, pod] of facts.pods.byKey) {
      if (pod.terminated) continue;
      if (target.kind === 'workload') {
        if (facts.workloadOf(pod) === `${target.workloadKind}/${target.namespace}/${target.name}`)
          keys.add(key);
      } else keys.add(key);
    }
    return keys;
  };

  const listener = (resource: 'pods' | 'nodes'): PollerListener => ({
    samples: (changed) => {
      if (changed.length > 0) send();
    },
    state: (state) => sink.emit({ type: 'state', resource, state }),
  });
  const watch = service.watches;
  const podWatch = (ns: string | undefined) =>
    cleanups.push(watch.subscribe(context, podFacts, ns, facts.pods.listener()));

  switch (target.kind) {
    case 'pod':
    case 'container':
      podWatch(target.namespace);
      cleanups.push(service.subscribe(context, 'pods', target.namespace, listener('pods')));
      break;
    case 'node':
      podWatch(undefined);
      cleanups.push(watch.subscribe(context, nodeFacts, undefined, facts.nodes.listener()));
      cleanups.push(service.subscribe(context, 'nodes', '', listener('nodes')));
      break;
    case 'workload':
      podWatch(target.namespace);
      cleanups.push(
        watch.subscribe(context, replicaSetOwners, target.namespace, facts.replicaSets.listener()),
        watch.subscribe(context, jobOwners, target.namespace, facts.jobs.listener()),
      );
      cleanups.push(service.subscribe(context, 'pods', target.namespace, listener('pods')));
      break;
    case 'overview': {
      const namespaces = target.namespaces.all ? [''] : [...new Set(target.namespaces.namespaces)];
      for (const ns of namespaces) {
        podWatch(ns || undefined);
        cleanups.push(service.subscribe(context, 'pods', ns, listener('pods')));
      }
      break;
    }
  }
  send();

  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      for (const cleanup of cleanups) cleanup();
    },
    { once: true },
  );
}
