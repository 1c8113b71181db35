/**
 * What the log engine keeps of each watched object: only the fields that decide which
 * containers to follow. These caches are separate from the tables' (other projection ids)
 * and shared between log sessions through the WatchRegistry.
 */
import {
  asArray,
  asRecord,
  asString,
  type ConditionLike,
  type ContainerStatusLike,
  type KubeObject,
} from '../../shared/kube/object-types';
import type { Projection } from '../watch/watch-cache';

export interface LogContainer {
  name: string;
  init: boolean;
  state: 'waiting' | 'running' | 'terminated';
  /** Why it waits or how it ended (CrashLoopBackOff, Completed…). */
  reason?: string;
  restartCount: number;
  /** Changes when the container is replaced (restart): the stream then follows the new one. */
  containerID?: string;
}

export interface LogPod {
  uid: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  node?: string;
  owners: { kind: string; name: string }[];
  containers: LogContainer[];
}

function containersOf(object: KubeObject): LogContainer[] {
  const spec = asRecord(object.spec);
  const status = asRecord(object.status);
  const list = (specKey: string, statusKey: string, init: boolean): LogContainer[] => {
    const statuses = new Map(
      asArray<ContainerStatusLike & { containerID?: string }>(status[statusKey]).map((s) => [
        s.name,
        s,
      ]),
    );
    return asArray<{ name?: string }>(spec[specKey]).flatMap((c) => {
      if (!c.name) return [];
      const s = statuses.get(c.name);
      const state = s?.state?.running ? 'running' : s?.state?.terminated ? 'terminated' : 'waiting';
      const reason = s?.state?.waiting?.reason ?? s?.state?.terminated?.reason;
      const container: LogContainer = {
        name: c.name,
        init,
        state,
        restartCount: s?.restartCount ?? 0,
      };
      if (reason) container.reason = reason;
      if (s?.containerID) container.containerID = s.containerID;
      return [container];
    });
  };
  const containers = [
    ...list('initContainers', 'initContainerStatuses', true),
    ...list('containers', 'containerStatuses', false),
  ];
  // A pod the scheduler has not placed has no container statuses: say why it waits.
  const unscheduled = asArray<ConditionLike>(status['conditions']).find(
    (c) => c.type === 'PodScheduled' && c.status === 'False',
  );
  if (unscheduled)
    for (const c of containers)
      c.reason ??= `pod not scheduled: ${unscheduled.reason ?? 'Pending'}${unscheduled.message ? ` (${unscheduled.message})` : ''}`;
  return containers;
}

const owners = (object: KubeObject) =>
  (object.metadata?.ownerReferences ?? []).flatMap((o) =>
    o.kind && o.name ? [{ kind: o.kind, name: o.name }] : [],
  );

const identity = (object: KubeObject) => ({
  uid: object.metadata?.uid ?? `${object.metadata?.namespace}/${object.metadata?.name}`,
  namespace: object.metadata?.namespace ?? '',
  name: object.metadata?.name ?? '',
});

export const logPods: Projection<LogPod> = {
  id: 'pods#logs',
  group: '',
  version: 'v1',
  plural: 'pods',
  namespaced: true,
  project(object) {
    const pod: LogPod = {
      ...identity(object),
      labels: object.metadata?.labels ?? {},
      owners: owners(object),
      containers: containersOf(object),
    };
    const node = asString(asRecord(object.spec)['nodeName']);
    if (node) pod.node = node;
    return pod;
  },
};

/** A ReplicaSet and the Deployment that owns it, for deploy: selectors. */
export interface LogReplicaSet {
  uid: string;
  namespace: string;
  name: string;
  deployment?: string;
}

export const logReplicaSets: Projection<LogReplicaSet> = {
  id: 'replicasets#logs',
  group: 'apps',
  version: 'v1',
  plural: 'replicasets',
  namespaced: true,
  project(object) {
    const rs: LogReplicaSet = identity(object);
    const deployment = owners(object).find((o) => o.kind === 'Deployment')?.name;
    if (deployment) rs.deployment = deployment;
    return rs;
  },
};

/** A Service's pod selector (none: it selects no pods, like the endpoints controller). */
export interface LogService {
  uid: string;
  namespace: string;
  name: string;
  selector?: Record<string, string>;
}

export const logServices: Projection<LogService> = {
  id: 'services#logs',
  group: '',
  version: 'v1',
  plural: 'services',
  namespaced: true,
  project(object) {
    const service: LogService = identity(object);
    const selector = asRecord(asRecord(object.spec)['selector']) as Record<string, string>;
    if (Object.keys(selector).length > 0) service.selector = selector;
    return service;
  },
};

/** The Services an Ingress sends traffic to (default backend and every rule path). */
export interface LogIngress {
  uid: string;
  namespace: string;
  name: string;
  services: string[];
}

export const logIngresses: Projection<LogIngress> = {
  id: 'ingresses#logs',
  group: 'networking.k8s.io',
  version: 'v1',
  plural: 'ingresses',
  namespaced: true,
  project(object) {
    const spec = asRecord(object.spec);
    const backendService = (backend: unknown) =>
      asString(asRecord(asRecord(backend)['service'])['name']);
    const names = [
      backendService(spec['defaultBackend']),
      ...asArray(spec['rules']).flatMap((rule) =>
        asArray(asRecord(asRecord(rule)['http'])['paths']).map((p) =>
          backendService(asRecord(p)['backend']),
        ),
      ),
    ];
    return { ...identity(object), services: [...new Set(names.filter((n) => n !== undefined))] };
  },
};
