/**
 * The log engine: keeps the set of followed containers equal to what a kail-style query
 * selects, as pods and their selecting objects (ReplicaSets, Services, Ingresses) change,
 * and puts every line into one ring buffer that consumers read at their own pace. Used by
 * the `logs.follow` stream and by the CLI alike.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { LogLine, LogSource, LogSourceState } from '../../shared/contract/logs';
import type { ScopeStatus } from '../../shared/contract/resources';
import { compileLinePattern, type LinePattern } from '../../shared/logs/line-pattern';
import { podMatches, type LogQuery } from '../../shared/logs/query';
import { Ring } from '../../shared/logs/ring';
import type { WatchRegistry } from '../watch/watch-registry';
import type { CacheListener, Projected, Projection } from '../watch/watch-cache';
import { ContainerLog } from './container-log';
import { FactIndex } from './pod-facts';
import {
  logIngresses,
  logPods,
  logReplicaSets,
  logServices,
  type LogContainer,
  type LogIngress,
  type LogPod,
  type LogReplicaSet,
  type LogService,
} from './projections';

/**
 * The text the ring may hold, in UTF-16 code units (≤ 128 MiB): its line count alone
 * (100,000 by default) would let 64 KiB lines take gigabytes. Past it the oldest lines go,
 * reported to a reader that had not read them as skipped.
 */
export const MAX_BUFFER_TEXT_UNITS = 64 * 1024 * 1024;

/** Pod events come in bursts (a rollout, a relist): decide once per burst. */
const RECONCILE_DELAY_MS = 50;

export interface LogSessionOptions {
  watches: WatchRegistry;
  context: string;
  kubeConfig: () => KubeConfig;
  query: LogQuery;
  /** Namespaces to watch, or 'all'. */
  scope: string[] | 'all';
  bufferLines: number;
  onSources(sources: LogSource[]): void;
  onScope(namespace: string, status: ScopeStatus): void;
  /** Called (at most once per tick) when new lines are in the ring. */
  onLines(): void;
}

interface Followed {
  source: LogSource;
  log: ContainerLog;
}

export class LogSession {
  readonly ring: Ring<LogLine>;
  private readonly pods = new Map<string, LogPod>();
  private readonly replicaSets = new Map<string, LogReplicaSet>();
  private readonly services = new Map<string, LogService>();
  private readonly ingresses = new Map<string, LogIngress>();
  private readonly followed = new Map<string, Followed>();
  private readonly stops: (() => void)[] = [];
  private readonly include: LinePattern[];
  private readonly exclude: LinePattern[];
  /** The state of every watch, and what was last reported per namespace. */
  private readonly statuses = new Map<string, { namespace: string; status: ScopeStatus }>();
  private readonly reported = new Map<string, string>();
  private nextSourceId = 1;
  private reconcileTimer: NodeJS.Timeout | undefined;
  private linesPending = false;
  /** Containers found after the first full list are new: read from their beginning. */
  private initialDone = false;
  private stopped = false;

  constructor(private readonly options: LogSessionOptions) {
    this.ring = new Ring<LogLine>(options.bufferLines, {
      weigh: (line) => line[2].length,
      maxWeight: MAX_BUFFER_TEXT_UNITS,
    });
    this.include = options.query.include.map(compileLinePattern);
    this.exclude = options.query.exclude.map(compileLinePattern);
    const namespaces = options.scope === 'all' ? [undefined] : options.scope;
    const s = options.query.selectors;
    for (const namespace of namespaces) {
      this.watch(logPods, namespace, this.pods);
      if (s.deployment) this.watch(logReplicaSets, namespace, this.replicaSets);
      if (s.service || s.ingress) this.watch(logServices, namespace, this.services);
      if (s.ingress) this.watch(logIngresses, namespace, this.ingresses);
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.reconcileTimer);
    for (const stop of this.stops) stop();
    for (const f of this.followed.values()) f.log.stop();
  }

  private watch<R extends Projected>(
    projection: Projection<R>,
    namespace: string | undefined,
    into: Map<string, R>,
  ): void {
    const key = `${projection.id}@${namespace ?? ''}`;
    this.statuses.set(key, { namespace: namespace ?? '', status: { phase: 'loading' } });
    const listener: CacheListener<R> = {
      upsert: (rows) => {
        for (const row of rows) into.set(row.uid, row);
        this.scheduleReconcile();
      },
      delete: (uids) => {
        for (const uid of uids) into.delete(uid);
        this.scheduleReconcile();
      },
      status: (status) => {
        if (status.phase === 'ready') this.scheduleReconcile();
        this.statuses.set(key, { namespace: namespace ?? '', status });
        this.reportScope(namespace ?? '');
      },
    };
    this.stops.push(
      this.options.watches.subscribe(this.options.context, projection, namespace, listener),
    );
  }

  /**
   * One status per namespace, the worst of its watches: a Service or Ingress watch that
   * is refused explains why `svc:`/`ing:` selects nothing, as plainly as refused pods.
   */
  private reportScope(namespace: string): void {
    const rank = { forbidden: 0, error: 1, reconnecting: 2, loading: 3, ready: 4 } as const;
    let worst: ScopeStatus = { phase: 'ready' };
    for (const entry of this.statuses.values())
      if (entry.namespace === namespace && rank[entry.status.phase] < rank[worst.phase])
        worst = entry.status;
    const key = JSON.stringify(worst);
    if (this.reported.get(namespace) === key) return;
    this.reported.set(namespace, key);
    this.options.onScope(namespace, worst);
  }

  private scheduleReconcile(): void {
    if (this.stopped) return;
    this.reconcileTimer ??= setTimeout(() => {
      this.reconcileTimer = undefined;
      this.reconcile();
    }, RECONCILE_DELAY_MS);
  }

  /** Starts following what now matches and ends what no longer does. */
  private reconcile(): void {
    if (this.stopped) return;
    const index = new FactIndex({
      replicaSets: this.replicaSets.values(),
      services: this.services.values(),
      ingresses: this.ingresses.values(),
    });
    const { query } = this.options;
    const wanted = new Map<string, { pod: LogPod; container: LogContainer }>();
    for (const pod of this.pods.values()) {
      if (!podMatches(query, index.factsOf(pod))) continue;
      for (const container of pod.containers) {
        if (container.init && !query.initContainers) continue;
        if (query.selectors.container && !query.selectors.container.includes(container.name))
          continue;
        wanted.set(`${pod.uid}/${container.name}`, { pod, container });
      }
    }

    const changed: LogSource[] = [];
    for (const [key, f] of this.followed) {
      const want = wanted.get(key);
      if (want) {
        f.log.update(want.container);
        continue;
      }
      f.log.stop();
      this.followed.delete(key);
      changed.push(this.setState(f.source, 'ended', 'no longer selected (pod deleted or changed)'));
    }
    for (const [key, { pod, container }] of wanted) {
      if (this.followed.has(key)) continue;
      const source: LogSource = {
        id: this.nextSourceId++,
        namespace: pod.namespace,
        pod: pod.name,
        container: container.name,
        init: container.init,
        // Optimistic for a running container; the stream corrects it if it is refused.
        state: container.state === 'waiting' ? 'waiting' : 'streaming',
      };
      changed.push(source);
      this.followed.set(key, { source, log: this.follow(source, pod, container) });
    }
    if (changed.length > 0) this.options.onSources(changed);
    // Every watch has listed once: containers found from now on are new.
    if ([...this.statuses.values()].every((e) => e.status.phase !== 'loading'))
      this.initialDone = true;
  }

  private follow(source: LogSource, pod: LogPod, container: LogContainer): ContainerLog {
    const { query } = this.options;
    // since/tail shape the first read of what was already running; a container that
    // appears later (rollout, scale-up, restart) is read from its first line.
    const first = this.initialDone
      ? { previous: query.previous, ...(query.since ? { since: query.since } : {}) }
      : {
          previous: query.previous,
          ...(query.since ? { since: query.since } : {}),
          ...(query.tail !== undefined ? { tail: query.tail } : {}),
        };
    return new ContainerLog(
      this.options.kubeConfig,
      { namespace: pod.namespace, pod: pod.name, container },
      first,
      {
        line: (time, text, cut) => this.addLine(source.id, time, text, cut),
        state: (state, message) => {
          if (this.stopped || source.state === 'ended') return;
          if (state === source.state && message === source.message) return;
          this.options.onSources([this.setState(source, state, message)]);
        },
      },
    );
  }

  private setState(source: LogSource, state: LogSourceState, message?: string): LogSource {
    source.state = state;
    if (message) source.message = message;
    else delete source.message;
    return { ...source };
  }

  private addLine(source: number, time: string, text: string, cut: number): void {
    // Linear-time matching (RE2) on at most MAX_LINE_BYTES: a workload's line cannot make
    // a user's pattern stall main.
    if (this.include.length > 0 && !this.include.some((re) => re.test(text))) return;
    if (this.exclude.some((re) => re.test(text))) return;
    this.ring.push(cut > 0 ? [source, time, text, cut] : [source, time, text]);
    if (this.linesPending) return;
    this.linesPending = true;
    queueMicrotask(() => {
      this.linesPending = false;
      if (!this.stopped) this.options.onLines();
    });
  }
}
