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
import { asArray, asRecord, asString, type KubeObject } from '../kube/object-types';
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
}

const EMPTY_LABELS: Readonly<Record<string, string>> = Object.freeze({});
const ALL_IPS = '0.0.0.0';

export const portKey = (protocol: string, port: number): string =>
  `${protocol === '' ? 'TCP' : protocol}/${port}`;

// Compare-unit amounts of request texts ("cpu:250m" -> 250), memoised: bound pods repeat a
// few texts. null: not a whole number of compare units (summed exactly on the slow path).
const MAX_AMOUNT_MEMO_ENTRIES = 4096;
const milliMemo = new Map<string, number | null>();
const unitMemo = new Map<string, number | null>();

function wholeAmount(name: string, raw: unknown): number | null | undefined {
  if (typeof raw !== 'string') return undefined;
  const cpu = name === 'cpu';
  const memo = cpu ? milliMemo : unitMemo;
  const hit = memo.get(raw);
  if (hit !== undefined) return hit;
  const q = quantityOf(raw);
  let amount: number | null = null;
  if (q) {
    const scale = cpu ? 1000n : 1n;
    if ((q.numerator * scale) % q.denominator === 0n) amount = cpu ? milliValue(q) : unitValue(q);
  }
  if (memo.size >= MAX_AMOUNT_MEMO_ENTRIES) memo.clear();
  memo.set(raw, amount);
  return amount;
}

const scratchNames: string[] = [];
const scratchValues: number[] = [];

/**
 * Adds a pod's requests to `into`. The common case (containers only, whole millicores and
 * bytes, no status resources) is summed with plain numbers and no allocation; anything
 * else goes through the exact list arithmetic.
 */
function addRequests(pod: KubeObject, into: Map<string, number>): void {
  const spec = asRecord(pod.spec);
  const status = asRecord(pod.status);
  const simple =
    spec.initContainers === undefined &&
    spec.overhead === undefined &&
    !Array.isArray(status.containerStatuses) &&
    Array.isArray(spec.containers);
  if (simple) {
    // One pass into a scratch list, applied only if every amount was whole.
    let n = 0;
    let ok = true;
    for (const c of spec.containers as unknown[]) {
      const requests = asRecord(asRecord(asRecord(c).resources).requests);
      for (const name in requests) {
        const v = wholeAmount(name, requests[name]);
        if (v === null) ok = false;
        else if (v !== undefined) {
          scratchNames[n] = name;
          scratchValues[n++] = v;
        }
      }
    }
    if (ok) {
      for (let i = 0; i < n; i++) {
        const name = scratchNames[i]!;
        if (countsAsResource(name)) into.set(name, (into.get(name) ?? 0) + scratchValues[i]!);
      }
      return;
    }
  }
  for (const [name, v] of toAmounts(podRequestList(pod, true)))
    into.set(name, (into.get(name) ?? 0) + v);
}

/** Cheap pre-check so pods without host ports allocate nothing. */
function hasHostPorts(pod: KubeObject): boolean {
  const spec = asRecord(pod.spec);
  for (const list of [spec.containers, spec.initContainers])
    for (const c of asArray(list))
      for (const p of asArray(asRecord(c).ports)) if (asRecord(p).hostPort) return true;
  return false;
}

/** node.status.allocatable in compare units; whole amounts through the memo. */
function allocatableOf(node: KubeObject): Map<string, number> {
  const raw = asRecord(asRecord(node.status).allocatable);
  const out = new Map<string, number>();
  for (const name in raw) {
    const v = wholeAmount(name, raw[name]);
    if (v === null) return nodeAllocatable(node);
    if (v !== undefined && countsAsResource(name)) out.set(name, v);
  }
  return out;
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
  addRequests(pod.object, node.requested);
  for (const p of hasHostPorts(pod.object) ? readHostPorts(pod.object) : []) {
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
  nodeNameHint = '',
): Snapshot {
  const same = (p: BoundPod) =>
    (uid !== '' && p.uid === uid) || (p.namespace === namespace && p.name === name);
  // The pod's own spec.nodeName says where to look; otherwise every node.
  const hinted = snapshot.byName.get(nodeNameHint);
  let old = hinted && hinted.pods.some(same) ? hinted : undefined;
  if (!old) for (const n of snapshot.nodes) if (n.pods.some(same)) old = n;
  if (!old) return snapshot;
  const node: NodeEntry = {
    ...old,
    requested: new Map(),
    pods: [],
    usedPorts: new Map(),
    podsWithRequiredAnti: [],
  };
  for (const pod of old.pods) if (!same(pod)) addPod(node, pod);
  const nodes = snapshot.nodes.slice();
  nodes[old.index] = node;
  const byName = new Map(snapshot.byName);
  byName.set(node.name, node);
  const nodesWithRequiredAnti = snapshot.nodesWithRequiredAnti.filter((n) => n !== old);
  if (node.podsWithRequiredAnti.length > 0) nodesWithRequiredAnti.push(node);
  return { ...snapshot, nodes, byName, nodesWithRequiredAnti };
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
      allocatable: allocatableOf(object),
      requested: new Map(),
      pods: [],
      usedPorts: new Map(),
      podsWithRequiredAnti: [],
    };
    entries.push(entry);
    byName.set(name, entry);
  }
  const nodesWithRequiredAnti = new Set<NodeEntry>();
  for (const object of boundPods) {
    const nodeName = asString(asRecord(object.spec).nodeName);
    if (!nodeName || isTerminal(object)) continue;
    const node = byName.get(nodeName);
    if (!node) continue;
    const pod = boundPod(object);
    addPod(node, pod);
    if (pod.requiredAnti.length > 0) nodesWithRequiredAnti.add(node);
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
