/**
 * The cluster as the scheduler's snapshot holds it, indexed once per input so a fit over
 * thousands of nodes does no per-node parsing: per node its labels, taints, allocatable,
 * the requests and host ports of its pods, and its pods with required anti-affinity.
 * A snapshot can be built once and reused for many pods (the what-if form, a corpus) as
 * long as the nodes and bound pods do not change; `fitPod` builds a fresh one.
 * Pods in a terminal phase (Succeeded, Failed) are left out as the scheduler's informer
 * leaves them out; pods with a deletionTimestamp still count (the scheduler's cache keeps
 * them until they are gone).
 */
import { asRecord, asString, type KubeObject } from '../kube/object-types';
import { milliValue, unitValue } from '../kube/quantity';
import { readHostPorts, readPodAffinity, readTaints, type AffinityTerm, type Taint } from './model';
import {
  countsAsResource,
  nodeAllocatable,
  podRequestList,
  quantityOf,
  toAmounts,
  type Amounts,
} from './requests';

export interface BoundPod {
  object: KubeObject;
  namespace: string;
  name: string;
  uid: string;
  labels: Readonly<Record<string, string>>;
  deleting: boolean;
  /** Required anti-affinity terms (parsed only for pods that have them). */
  requiredAnti: readonly AffinityTerm[];
}

export interface NodeEntry {
  index: number;
  object: KubeObject;
  name: string;
  labels: Readonly<Record<string, string>>;
  taints: readonly Taint[];
  unschedulable: boolean;
  allocatable: Amounts;
  /** Sum of the bound pods' requests, compare units. */
  requested: Map<string, number>;
  pods: BoundPod[];
  /** hostIP -> "PROTOCOL/port" in use (HostPortInfo; "" is sanitised to 0.0.0.0 and TCP). */
  usedPorts: Map<string, Set<string>>;
  podsWithRequiredAnti: BoundPod[];
}

export interface Snapshot {
  nodes: NodeEntry[];
  byName: Map<string, NodeEntry>;
  nodesWithRequiredAnti: NodeEntry[];
  /** Namespace name -> labels; undefined when the caller gave no namespaces. */
  namespaceLabels: Map<string, Readonly<Record<string, string>>> | undefined;
  /** Bound pods keyed by uid and by namespace/name, to leave the judged pod itself out. */
  podKeys: Map<string, { node: NodeEntry; pod: BoundPod }>;
}

const EMPTY_LABELS: Readonly<Record<string, string>> = Object.freeze({});
const ALL_IPS = '0.0.0.0';

export const portKey = (protocol: string, port: number): string =>
  `${protocol === '' ? 'TCP' : protocol}/${port}`;

/**
 * The common case (containers only, exact whole millicores and bytes, no status resources)
 * summed with plain numbers; anything else through the exact list arithmetic.
 */
function requestsOf(pod: KubeObject): Amounts {
  const spec = asRecord(pod.spec);
  const status = asRecord(pod.status);
  const simple =
    spec.initContainers === undefined &&
    spec.overhead === undefined &&
    !Array.isArray(status.containerStatuses) &&
    Array.isArray(spec.containers);
  if (simple) {
    const out: Amounts = new Map();
    for (const c of spec.containers as unknown[]) {
      const requests = asRecord(asRecord(asRecord(c).resources).requests);
      for (const name in requests) {
        const q = quantityOf(requests[name]);
        if (!q) continue;
        const scale = name === 'cpu' ? 1000n : 1n;
        if ((q.numerator * scale) % q.denominator !== 0n)
          return toAmounts(podRequestList(pod, true));
        const v = name === 'cpu' ? milliValue(q) : unitValue(q);
        out.set(name, (out.get(name) ?? 0) + v);
      }
    }
    for (const name of out.keys()) if (!countsAsResource(name)) out.delete(name);
    return out;
  }
  return toAmounts(podRequestList(pod, true));
}

export function isTerminal(pod: KubeObject): boolean {
  const phase = asString(asRecord(pod.status).phase);
  return phase === 'Succeeded' || phase === 'Failed';
}

function boundPod(object: KubeObject): BoundPod {
  const metadata = object.metadata ?? {};
  const antiRaw = asRecord(
    asRecord(asRecord(object.spec).affinity).podAntiAffinity,
  ).requiredDuringSchedulingIgnoredDuringExecution;
  return {
    object,
    namespace: metadata.namespace ?? '',
    name: metadata.name ?? '',
    uid: metadata.uid ?? '',
    labels: metadata.labels ?? EMPTY_LABELS,
    deleting: metadata.deletionTimestamp !== undefined && metadata.deletionTimestamp !== null,
    requiredAnti:
      Array.isArray(antiRaw) && antiRaw.length > 0 ? readPodAffinity(object).requiredAnti : [],
  };
}

/** NodeInfo.AddPod: the pod, its requests, its host ports. */
function addPod(node: NodeEntry, pod: BoundPod): void {
  node.pods.push(pod);
  for (const [name, v] of requestsOf(pod.object))
    node.requested.set(name, (node.requested.get(name) ?? 0) + v);
  for (const p of readHostPorts(pod.object)) {
    const ip = p.hostIP === '' ? ALL_IPS : p.hostIP;
    let set = node.usedPorts.get(ip);
    if (!set) node.usedPorts.set(ip, (set = new Set()));
    set.add(portKey(p.protocol, p.port));
  }
  if (pod.requiredAnti.length > 0) node.podsWithRequiredAnti.push(pod);
}

/**
 * The snapshot without one pod (the pod being judged, when it is already bound): its node
 * is rebuilt from its other pods; everything else is shared.
 */
export function withoutPod(
  snapshot: Snapshot,
  namespace: string,
  name: string,
  uid: string,
): Snapshot {
  const hit =
    (uid !== '' ? snapshot.podKeys.get(`uid:${uid}`) : undefined) ??
    snapshot.podKeys.get(`${namespace}/${name}`);
  if (!hit) return snapshot;
  const old = hit.node;
  const node: NodeEntry = {
    ...old,
    requested: new Map(),
    pods: [],
    usedPorts: new Map(),
    podsWithRequiredAnti: [],
  };
  for (const pod of old.pods) if (pod !== hit.pod) addPod(node, pod);
  const nodes = snapshot.nodes.slice();
  nodes[old.index] = node;
  const byName = new Map(snapshot.byName);
  byName.set(node.name, node);
  const nodesWithRequiredAnti = snapshot.nodesWithRequiredAnti.filter((n) => n !== old);
  if (node.podsWithRequiredAnti.length > 0) nodesWithRequiredAnti.push(node);
  const podKeys = new Map(snapshot.podKeys);
  podKeys.delete(`uid:${hit.pod.uid}`);
  podKeys.delete(`${hit.pod.namespace}/${hit.pod.name}`);
  return { ...snapshot, nodes, byName, nodesWithRequiredAnti, podKeys };
}

export function buildSnapshot(
  nodes: readonly KubeObject[],
  boundPods: readonly KubeObject[],
  namespaces?: readonly KubeObject[],
): Snapshot {
  const entries: NodeEntry[] = [];
  const byName = new Map<string, NodeEntry>();
  for (const object of nodes) {
    const name = object.metadata?.name ?? '';
    const entry: NodeEntry = {
      index: entries.length,
      object,
      name,
      labels: object.metadata?.labels ?? EMPTY_LABELS,
      taints: readTaints(object),
      unschedulable: asRecord(object.spec).unschedulable === true,
      allocatable: nodeAllocatable(object),
      requested: new Map(),
      pods: [],
      usedPorts: new Map(),
      podsWithRequiredAnti: [],
    };
    entries.push(entry);
    byName.set(name, entry);
  }
  const podKeys = new Map<string, { node: NodeEntry; pod: BoundPod }>();
  const nodesWithRequiredAnti = new Set<NodeEntry>();
  for (const object of boundPods) {
    const nodeName = asString(asRecord(object.spec).nodeName);
    if (!nodeName || isTerminal(object)) continue;
    const node = byName.get(nodeName);
    if (!node) continue;
    const pod = boundPod(object);
    addPod(node, pod);
    if (pod.requiredAnti.length > 0) nodesWithRequiredAnti.add(node);
    if (pod.uid !== '') podKeys.set(`uid:${pod.uid}`, { node, pod });
    podKeys.set(`${pod.namespace}/${pod.name}`, { node, pod });
  }
  let namespaceLabels: Map<string, Readonly<Record<string, string>>> | undefined;
  if (namespaces) {
    namespaceLabels = new Map();
    for (const ns of namespaces)
      namespaceLabels.set(ns.metadata?.name ?? '', ns.metadata?.labels ?? EMPTY_LABELS);
  }
  return {
    nodes: entries,
    byName,
    nodesWithRequiredAnti: [...nodesWithRequiredAnti],
    namespaceLabels,
    podKeys,
  };
}

/** HostPortInfo.CheckConflict. */
export function portConflicts(
  used: Map<string, Set<string>>,
  hostIP: string,
  protocol: string,
  port: number,
): boolean {
  if (port <= 0) return false;
  const ip = hostIP === '' ? ALL_IPS : hostIP;
  const key = portKey(protocol, port);
  if (ip === ALL_IPS) {
    for (const set of used.values()) if (set.has(key)) return true;
    return false;
  }
  return (used.get(ALL_IPS)?.has(key) ?? false) || (used.get(ip)?.has(key) ?? false);
}
