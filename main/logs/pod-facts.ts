/**
 * Turns a pod and the selecting objects around it into the facts the query matches on:
 * its owner chain (a ReplicaSet's Deployment), the Services whose selector picks it, and
 * the Ingresses that route to those Services. Pure, so it is tested without a cluster.
 */
import type { PodFacts } from '../../shared/logs/query';
import type { LogIngress, LogPod, LogReplicaSet, LogService } from './projections';

export interface SelectingObjects {
  replicaSets: Iterable<LogReplicaSet>;
  services: Iterable<LogService>;
  ingresses: Iterable<LogIngress>;
}

/** Indexes the selecting objects by namespace once per reconcile, not once per pod. */
export class FactIndex {
  private readonly deployments = new Map<string, string>();
  private readonly services = new Map<string, LogService[]>();
  private readonly ingresses = new Map<string, LogIngress[]>();

  constructor(objects: SelectingObjects) {
    for (const rs of objects.replicaSets)
      if (rs.deployment) this.deployments.set(`${rs.namespace}/${rs.name}`, rs.deployment);
    for (const s of objects.services) push(this.services, s.namespace, s);
    for (const i of objects.ingresses) push(this.ingresses, i.namespace, i);
  }

  factsOf(pod: LogPod): PodFacts {
    const owners = [...pod.owners];
    for (const o of pod.owners) {
      const deployment =
        o.kind === 'ReplicaSet' ? this.deployments.get(`${pod.namespace}/${o.name}`) : undefined;
      if (deployment) owners.push({ kind: 'Deployment', name: deployment });
    }
    const services = (this.services.get(pod.namespace) ?? [])
      .filter((s) => s.selector && selects(s.selector, pod.labels))
      .map((s) => s.name);
    const ingresses = (this.ingresses.get(pod.namespace) ?? [])
      .filter((i) => i.services.some((name) => services.includes(name)))
      .map((i) => i.name);
    const facts: PodFacts = {
      namespace: pod.namespace,
      name: pod.name,
      labels: pod.labels,
      owners,
      services,
      ingresses,
    };
    if (pod.node) facts.node = pod.node;
    return facts;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A Service selector is plain equality on every key. */
function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
