/**
 * What metrics are shared against, read from list+watches of the WatchRegistry (so they
 * are shared and reference-counted like every other watch): per pod its effective
 * requests/limits (shared/metrics/pod-resources.ts), node, phase and controller; per node
 * its allocatable; per ReplicaSet and Job its controller, so pods sum up to the Deployment
 * or CronJob the user sees in the workload tables. Projections keep only these facts.
 */
import type { Projection } from '../watch/watch-cache';
import type { KubeObject } from '../../shared/kube/object-types';
import type { ResourceFigures, WorkloadKind } from '../../shared/contract/metrics';
import {
  containerFigures,
  figuresOf,
  podLimits,
  podRequests,
  list,
  type PodResourceSource,
  type ResourceList,
} from '../../shared/metrics/pod-resources';
import { milliValue, parseQuantity, unitValue } from '../../shared/kube/quantity';

export interface PodFact {
  uid: string;
  namespace: string;
  name: string;
  node: string;
  /** Succeeded or Failed: not counted on its node (kubectl describe node's field selector). */
  terminated: boolean;
  requests: ResourceList;
  limits: ResourceList;
  figures: ResourceFigures;
  /** Each regular and init container's own figures. */
  containers: Map<string, ResourceFigures>;
  /** The controller owner ("ReplicaSet", "web-5d8f…"), if any. */
  ownerKind: string;
  ownerName: string;
}

export interface OwnerFact {
  uid: string;
  namespace: string;
  name: string;
  ownerKind: string;
  ownerName: string;
}

export interface NodeFact {
  uid: string;
  name: string;
  /** status.allocatable, else status.capacity (as kubectl describe node falls back). */
  allocatableCpu: number | null;
  allocatableMemory: number | null;
}

function controllerOf(object: KubeObject): { ownerKind: string; ownerName: string } {
  const ref = object.metadata?.ownerReferences?.find((r) => r.controller === true);
  return { ownerKind: ref?.kind ?? '', ownerName: ref?.name ?? '' };
}

export const podFacts: Projection<PodFact> = {
  id: 'metrics-pod-facts',
  group: '',
  version: 'v1',
  plural: 'pods',
  namespaced: true,
  project(object) {
    // Loose shapes: pod-resources.ts checks every field it reads (hostile input).
    const pod = object as unknown as PodResourceSource;
    const nodeName = (object.spec as { nodeName?: unknown } | undefined)?.nodeName;
    const requests = podRequests(pod);
    const limits = podLimits(pod);
    const containers = new Map<string, ResourceFigures>();
    for (const c of [...list(pod.spec?.initContainers), ...list(pod.spec?.containers)]) {
      if (typeof c?.name === 'string') containers.set(c.name, containerFigures(c));
    }
    const phase = (object.status as { phase?: string } | undefined)?.phase;
    return {
      uid: object.metadata?.uid ?? '',
      namespace: object.metadata?.namespace ?? '',
      name: object.metadata?.name ?? '',
      node: typeof nodeName === 'string' ? nodeName : '',
      terminated: phase === 'Succeeded' || phase === 'Failed',
      requests,
      limits,
      figures: figuresOf(requests, limits),
      containers,
      ...controllerOf(object),
    };
  },
};

const ownerProjection = (id: string, group: string, version: string, plural: string) =>
  ({
    id,
    group,
    version,
    plural,
    namespaced: true,
    project: (object: KubeObject): OwnerFact => ({
      uid: object.metadata?.uid ?? '',
      namespace: object.metadata?.namespace ?? '',
      name: object.metadata?.name ?? '',
      ...controllerOf(object),
    }),
  }) satisfies Projection<OwnerFact>;

export const replicaSetOwners = ownerProjection('metrics-rs-owners', 'apps', 'v1', 'replicasets');
export const jobOwners = ownerProjection('metrics-job-owners', 'batch', 'v1', 'jobs');

function amount(list: unknown, resource: 'cpu' | 'memory'): number | null {
  if (typeof list !== 'object' || list === null) return null;
  const text = (list as Record<string, unknown>)[resource];
  if (typeof text !== 'string') return null;
  const q = parseQuantity(text);
  if (!q) return null;
  return resource === 'cpu' ? milliValue(q) : unitValue(q);
}

export const nodeFacts: Projection<NodeFact> = {
  id: 'metrics-node-facts',
  group: '',
  version: 'v1',
  plural: 'nodes',
  namespaced: false,
  project(object) {
    const status = (object.status ?? {}) as { allocatable?: unknown; capacity?: unknown };
    const hasAllocatable =
      typeof status.allocatable === 'object' &&
      status.allocatable !== null &&
      Object.keys(status.allocatable).length > 0;
    const list = hasAllocatable ? status.allocatable : status.capacity;
    return {
      uid: object.metadata?.uid ?? '',
      name: object.metadata?.name ?? '',
      allocatableCpu: amount(list, 'cpu'),
      allocatableMemory: amount(list, 'memory'),
    };
  },
};

const WORKLOAD_OF_OWNER: Record<string, WorkloadKind> = {
  ReplicaSet: 'replicasets',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  Job: 'jobs',
  Deployment: 'deployments',
  CronJob: 'cronjobs',
};

/**
 * The workload a pod sums into, as `kind/namespace/name`: a ReplicaSet's Deployment, a
 * Job's CronJob, else the direct controller; '' for a bare pod. `owners` looks up a
 * ReplicaSet or Job by `namespace/name`.
 */
export function workloadOf(
  pod: Pick<PodFact, 'namespace' | 'ownerKind' | 'ownerName'>,
  owners: (kind: 'ReplicaSet' | 'Job', key: string) => OwnerFact | undefined,
): string {
  const kind = WORKLOAD_OF_OWNER[pod.ownerKind];
  if (!kind || !pod.ownerName) return '';
  if (pod.ownerKind === 'ReplicaSet' || pod.ownerKind === 'Job') {
    const owner = owners(pod.ownerKind, `${pod.namespace}/${pod.ownerName}`);
    const parent = owner ? WORKLOAD_OF_OWNER[owner.ownerKind] : undefined;
    if (owner && parent && owner.ownerName) return `${parent}/${pod.namespace}/${owner.ownerName}`;
  }
  return `${kind}/${pod.namespace}/${pod.ownerName}`;
}
