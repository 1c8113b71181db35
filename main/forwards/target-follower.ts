/**
 * Follows a forward's target through the shared watch caches and says, each time it
 * changes, which pod and container port new connections go to: the pod itself (waiting
 * for a pod of that name), a ready pod behind a Service's selector with the Service port
 * translated on that pod, or a ready pod of a Deployment/StatefulSet/ReplicaSet (kubectl's
 * choice, shared/forwards/pod-choice.ts). The caches reconnect by themselves; their state
 * (forbidden, reconnecting) is part of the answer. Changes are coalesced per tick, so a
 * rollout's burst of pod events is one recomputation.
 */
import type { ScopeStatus } from '../../shared/contract/resources';
import type { ForwardSpec } from '../../shared/contract/forwards';
import { choosePod } from '../../shared/forwards/pod-choice';
import {
  podPort,
  servicePortNumber,
  serviceTargetPort,
} from '../../shared/forwards/port-resolution';
import {
  selectorMatches,
  serviceSelector,
  type LabelSelectorFacts,
  type PodFacts,
  type ServiceFacts,
  type WorkloadFacts,
} from '../../shared/forwards/target-facts';
import type { CacheListener, Projected, Projection } from '../watch/watch-cache';
import type { WatchRegistry } from '../watch/watch-registry';
import { forwardPods, forwardServices, forwardWorkloads } from './projections';

export type Resolution =
  | { type: 'loading' }
  /** Connections go to `pod`:`port`. `sameLocal`: the number a 'same' local port means. */
  | { type: 'pod'; pod: string; uid: string; port: number; sameLocal: number }
  /** No ready pod (yet). `sameLocal` when it is known without a pod. */
  | { type: 'waiting'; sameLocal: number | null }
  /** The target object does not exist (kubectl's NotFound words). */
  | { type: 'missing'; message: string }
  /** The target cannot be forwarded as asked (no selector, no such port, UDP only). */
  | { type: 'invalid'; message: string }
  | { type: 'forbidden'; message: string }
  | { type: 'reconnecting'; message: string };

class Table<R extends Projected> implements CacheListener<R> {
  readonly rows = new Map<string, R>();
  scope: ScopeStatus = { phase: 'loading' };
  constructor(private readonly changed: () => void) {}
  upsert(rows: R[]): void {
    for (const r of rows) this.rows.set(r.uid, r);
    this.changed();
  }
  delete(uids: string[]): void {
    for (const uid of uids) this.rows.delete(uid);
    this.changed();
  }
  status(status: ScopeStatus): void {
    this.scope = status;
    this.changed();
  }
  byName(name: string): R | undefined {
    for (const r of this.rows.values())
      if ((r as unknown as { name: string }).name === name) return r;
    return undefined;
  }
}

const kindWords: Record<ForwardSpec['kind'], string> = {
  pods: 'pods',
  services: 'services',
  deployments: 'deployments.apps',
  statefulsets: 'statefulsets.apps',
  replicasets: 'replicasets.apps',
};

export class TargetFollower {
  private readonly pods: Table<PodFacts>;
  private readonly owner: Table<ServiceFacts | WorkloadFacts> | undefined;
  private readonly unsubscribe: Array<() => void> = [];
  private scheduled = false;
  private stopped = false;
  private last = '';
  /** The pod connections go to now (kept while it stays usable). */
  private current: string | null = null;

  constructor(
    watches: WatchRegistry,
    private readonly spec: ForwardSpec,
    private readonly onChange: (resolution: Resolution) => void,
  ) {
    const changed = () => this.schedule();
    this.pods = new Table<PodFacts>(changed);
    const { context, namespace, kind } = spec;
    if (kind !== 'pods') {
      this.owner = new Table<ServiceFacts | WorkloadFacts>(changed);
      const projection: Projection<ServiceFacts | WorkloadFacts> =
        kind === 'services' ? forwardServices : forwardWorkloads[kind];
      this.unsubscribe.push(watches.subscribe(context, projection, namespace, this.owner));
    }
    this.unsubscribe.push(watches.subscribe(context, forwardPods, namespace, this.pods));
  }

  /** The current answer (recomputed now). */
  resolve(): Resolution {
    const problem = this.cacheProblem();
    if (problem) return problem;
    const { spec } = this;
    if (spec.kind === 'pods') return this.forPod();
    const owner = this.owner!.byName(spec.name);
    if (!owner)
      return { type: 'missing', message: `${kindWords[spec.kind]} "${spec.name}" not found` };
    if (spec.kind === 'services') return this.forService(owner as ServiceFacts);
    return this.forWorkload((owner as WorkloadFacts).selector);
  }

  stop(): void {
    this.stopped = true;
    for (const u of this.unsubscribe.splice(0)) u();
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.stopped) return;
      const resolution = this.resolve();
      if (resolution.type === 'pod') this.current = resolution.pod;
      else if (resolution.type === 'waiting') this.current = null;
      const key = JSON.stringify(resolution);
      if (key === this.last) return;
      this.last = key;
      this.onChange(resolution);
    });
  }

  private cacheProblem(): Resolution | undefined {
    const statuses = [this.owner?.scope, this.pods.scope].filter(
      (s): s is ScopeStatus => s !== undefined,
    );
    for (const s of statuses)
      if (s.phase === 'forbidden') return { type: 'forbidden', message: s.message };
    for (const s of statuses)
      if (s.phase === 'reconnecting' || s.phase === 'error')
        return { type: 'reconnecting', message: s.message };
    if (statuses.some((s) => s.phase === 'loading')) return { type: 'loading' };
    return undefined;
  }

  private forPod(): Resolution {
    const { name, port } = this.spec;
    const pod = this.pods.byName(name);
    const chosen = pod ? choosePod([pod], null) : null;
    if (!chosen) {
      if (!pod) return { type: 'missing', message: `pods "${name}" not found` };
      return { type: 'waiting', sameLocal: typeof port === 'number' ? port : null };
    }
    const resolved = podPort(chosen, port);
    if (!resolved.ok) return { type: 'invalid', message: resolved.error };
    return {
      type: 'pod',
      pod: chosen.name,
      uid: chosen.uid,
      port: resolved.port,
      sameLocal: resolved.port,
    };
  }

  private forService(service: ServiceFacts): Resolution {
    const selector = serviceSelector(service);
    if (!selector)
      return {
        type: 'invalid',
        message: `invalid service '${service.name}': Service is defined without a selector`,
      };
    const number = servicePortNumber(service, this.spec.port);
    if (!number.ok) return { type: 'invalid', message: number.error };
    const pod = this.choose(selector);
    if (!pod) return { type: 'waiting', sameLocal: number.port };
    const target = serviceTargetPort(service, pod, this.spec.port);
    if (!target.ok) return { type: 'invalid', message: target.error };
    return { type: 'pod', pod: pod.name, uid: pod.uid, port: target.port, sameLocal: number.port };
  }

  private forWorkload(selector: LabelSelectorFacts | null): Resolution {
    const { port } = this.spec;
    const pod = this.choose(selector);
    if (!pod) return { type: 'waiting', sameLocal: typeof port === 'number' ? port : null };
    const resolved = podPort(pod, port);
    if (!resolved.ok) return { type: 'invalid', message: resolved.error };
    return {
      type: 'pod',
      pod: pod.name,
      uid: pod.uid,
      port: resolved.port,
      sameLocal: resolved.port,
    };
  }

  private choose(selector: LabelSelectorFacts | null): PodFacts | null {
    const candidates: PodFacts[] = [];
    for (const p of this.pods.rows.values())
      if (selectorMatches(selector, p.labels)) candidates.push(p);
    return choosePod(candidates, this.current);
  }
}
