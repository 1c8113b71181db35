/**
 * The facts one metrics stream joins its samples with, fed by WatchRegistry listeners:
 * pods by `namespace/name`, nodes by name, ReplicaSets and Jobs by `namespace/name` (for
 * the workload a pod sums into). Computes kubectl describe node's "Allocated resources"
 * per node from the pods it holds (which must then be a cluster-wide list).
 */
import type { ScopeStatus } from '../../shared/contract/resources';
import type { ResourceFigures } from '../../shared/contract/metrics';
import { addResourceList, figuresOf, type ResourceList } from '../../shared/metrics/pod-resources';
import type { CacheListener } from '../watch/watch-cache';
import { workloadOf, type NodeFact, type OwnerFact, type PodFact } from './facts';

export interface NodeAllocation {
  figures: ResourceFigures;
  pods: number;
}

class Keyed<R extends { uid: string }> {
  readonly byKey = new Map<string, R>();
  private readonly keyOfUid = new Map<string, string>();
  status: ScopeStatus = { phase: 'loading' };

  constructor(
    private readonly keyOf: (row: R) => string,
    private readonly onChange: (keys: string[]) => void,
  ) {}

  listener(): CacheListener<R> {
    return {
      upsert: (rows) => {
        const keys: string[] = [];
        for (const row of rows) {
          const key = this.keyOf(row);
          const old = this.keyOfUid.get(row.uid);
          if (old !== undefined && old !== key) this.byKey.delete(old);
          this.keyOfUid.set(row.uid, key);
          this.byKey.set(key, row);
          keys.push(key);
        }
        this.onChange(keys);
      },
      delete: (uids) => {
        const keys: string[] = [];
        for (const uid of uids) {
          const key = this.keyOfUid.get(uid);
          if (key === undefined) continue;
          this.keyOfUid.delete(uid);
          // Only if the key still belongs to this uid (a recreated pod may hold it now).
          if (this.byKey.get(key)?.uid === uid) this.byKey.delete(key);
          keys.push(key);
        }
        this.onChange(keys);
      },
      status: (status) => {
        this.status = status;
      },
    };
  }
}

export class FactIndex {
  readonly pods: Keyed<PodFact>;
  readonly nodes: Keyed<NodeFact>;
  readonly replicaSets: Keyed<OwnerFact>;
  readonly jobs: Keyed<OwnerFact>;

  constructor(onChange: (what: 'pods' | 'nodes' | 'owners', keys: string[]) => void) {
    const nsKey = (r: { namespace: string; name: string }) => `${r.namespace}/${r.name}`;
    this.pods = new Keyed<PodFact>(nsKey, (k) => onChange('pods', k));
    this.nodes = new Keyed<NodeFact>(
      (r) => r.name,
      (k) => onChange('nodes', k),
    );
    this.replicaSets = new Keyed<OwnerFact>(nsKey, (k) => onChange('owners', k));
    this.jobs = new Keyed<OwnerFact>(nsKey, (k) => onChange('owners', k));
  }

  pod(key: string): PodFact | undefined {
    return this.pods.byKey.get(key);
  }

  workloadOf(pod: PodFact): string {
    return workloadOf(pod, (kind, key) =>
      (kind === 'ReplicaSet' ? this.replicaSets : this.jobs).byKey.get(key),
    );
  }

  /**
   * Per node, the exact sums of its non-terminated pods' requests and limits, rounded
   * once at the end (kubectl getPodsTotalRequestsAndLimits), and how many pods they are.
   */
  allocations(): Map<string, NodeAllocation> {
    const sums = new Map<string, { requests: ResourceList; limits: ResourceList; pods: number }>();
    for (const pod of this.pods.byKey.values()) {
      if (!pod.node || pod.terminated) continue;
      let sum = sums.get(pod.node);
      if (!sum) {
        sum = { requests: new Map(), limits: new Map(), pods: 0 };
        sums.set(pod.node, sum);
      }
      addResourceList(sum.requests, pod.requests);
      addResourceList(sum.limits, pod.limits);
      sum.pods++;
    }
    const result = new Map<string, NodeAllocation>();
    for (const [node, sum] of sums) {
      // kubectl prints 0 for a resource no pod sets: the sums are never "none".
      const [cpuReq, memReq, cpuLim, memLim] = figuresOf(sum.requests, sum.limits);
      result.set(node, {
        figures: [cpuReq ?? 0, memReq ?? 0, cpuLim ?? 0, memLim ?? 0],
        pods: sum.pods,
      });
    }
    return result;
  }
}
