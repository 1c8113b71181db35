/**
 * A pod's resource requests as the scheduler counts them (component-helpers
 * resource.PodRequests, read back by framework.Resource.Add): the sum of the containers,
 * plus restartable init containers (sidecars) which run alongside them, at least the peak
 * of any init container (a regular init container runs with the sidecars declared before
 * it), plus spec.overhead. CPU is compared in millicores (MilliValue), everything else in
 * whole units (Value), both rounded up, after exact summing.
 * For pods already bound, container statuses' resources (in-place resize, on by default in
 * v1.33) count as max(spec, status requests, allocated) as the scheduler's cache does.
 * Limits: pod-level resources (alpha, off in v1.33) are ignored as the scheduler ignores them.
 * Quantities that do not parse count as 0 (the API server would have refused them).
 */
import { asArray, asRecord, asString } from '../kube/object-types';
import { milliValue, parseQuantity, unitValue, type Quantity } from '../kube/quantity';

/** Exact resource list: resource name -> quantity. */
export type ResourceList = Map<string, Quantity>;

/** Amounts in the scheduler's compare units: cpu in millicores, the rest in units. */
export type Amounts = Map<string, number>;

// Parsing is memoised: a cluster's pods repeat the same few request strings ("100m",
// "128Mi"), and a fit over 50,000 bound pods must not parse them 50,000 times.
const MAX_MEMO_ENTRIES = 4096;
const memo = new Map<string, Quantity | null>();

export function quantityOf(value: unknown): Quantity | undefined {
  const text =
    typeof value === 'number' && Number.isFinite(value) ? String(value) : asString(value);
  if (text === undefined) return undefined;
  const hit = memo.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const parsed = parseQuantity(text.trim() === text ? text : '') ?? null;
  if (memo.size >= MAX_MEMO_ENTRIES) memo.clear();
  memo.set(text, parsed);
  return parsed ?? undefined;
}

function add(a: Quantity, b: Quantity): Quantity {
  if (a.denominator === b.denominator)
    return { numerator: a.numerator + b.numerator, denominator: a.denominator };
  return {
    numerator: a.numerator * b.denominator + b.numerator * a.denominator,
    denominator: a.denominator * b.denominator,
  };
}

const greater = (a: Quantity, b: Quantity): boolean =>
  a.numerator * b.denominator > b.numerator * a.denominator;

export function readList(value: unknown): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, raw] of Object.entries(asRecord(value))) {
    const q = quantityOf(raw);
    if (q) out.set(name, q);
  }
  return out;
}

function addInto(list: ResourceList, more: ResourceList): void {
  for (const [name, q] of more) {
    const have = list.get(name);
    list.set(name, have ? add(have, q) : q);
  }
}

function maxInto(list: ResourceList, more: ResourceList): void {
  for (const [name, q] of more) {
    const have = list.get(name);
    if (!have || greater(q, have)) list.set(name, q);
  }
}

const isSidecar = (container: Record<string, unknown>): boolean =>
  container.restartPolicy === 'Always';

/** The scheduler's resource name classes (schedutil.IsScalarResourceName and the natives). */
export function countsAsResource(name: string): boolean {
  if (name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || name === 'pods')
    return true;
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  // Prefixed native resources ("kubernetes.io/" anywhere) and extended resources (a "/"
  // and not the quota "requests." prefix) are scalar resources.
  if (name.includes('kubernetes.io/')) return true;
  if (name.includes('/') && !name.startsWith('requests.')) return true;
  return false;
}

/**
 * resource.PodRequests: containers + sidecars, max with each init container's use,
 * plus overhead. `useStatus` reads container statuses' resources (bound pods only).
 */
export function podRequestList(pod: Record<string, unknown>, useStatus: boolean): ResourceList {
  const spec = asRecord(pod.spec);
  const statuses = new Map<string, Record<string, unknown>>();
  if (useStatus) {
    const status = asRecord(pod.status);
    for (const s of [
      ...asArray(status.containerStatuses),
      ...asArray(status.initContainerStatuses),
    ]) {
      const r = asRecord(s);
      const name = asString(r.name);
      if (name !== undefined) statuses.set(name, r);
    }
  }
  const containerRequests = (container: Record<string, unknown>): ResourceList => {
    const requests = readList(asRecord(container.resources).requests);
    if (!useStatus) return requests;
    const cs = statuses.get(asString(container.name) ?? '');
    if (!cs || cs.resources === undefined || cs.resources === null) return requests;
    maxInto(requests, readList(asRecord(cs.resources).requests));
    maxInto(requests, readList(cs.allocatedResources));
    return requests;
  };

  const reqs: ResourceList = new Map();
  for (const c of asArray(spec.containers)) addInto(reqs, containerRequests(asRecord(c)));

  const sidecars: ResourceList = new Map();
  const initPeak: ResourceList = new Map();
  for (const c of asArray(spec.initContainers)) {
    const container = asRecord(c);
    const own = isSidecar(container)
      ? containerRequests(container)
      : readList(asRecord(container.resources).requests);
    if (isSidecar(container)) {
      addInto(reqs, own);
      addInto(sidecars, own);
      maxInto(initPeak, sidecars);
    } else {
      const use: ResourceList = new Map(own);
      addInto(use, sidecars);
      maxInto(initPeak, use);
    }
  }
  maxInto(reqs, initPeak);
  if (spec.overhead !== undefined) addInto(reqs, readList(spec.overhead));
  return reqs;
}

/** A resource list in compare units (framework.Resource.Add), only the names it counts. */
export function toAmounts(list: ResourceList): Amounts {
  const out: Amounts = new Map();
  for (const [name, q] of list) {
    if (!countsAsResource(name)) continue;
    out.set(name, name === 'cpu' ? milliValue(q) : unitValue(q));
  }
  return out;
}

export const podRequests = (pod: Record<string, unknown>, useStatus: boolean): Amounts =>
  toAmounts(podRequestList(pod, useStatus));

/** A node's allocatable in compare units (pods = the allowed pod number). */
export const nodeAllocatable = (node: Record<string, unknown>): Amounts =>
  toAmounts(readList(asRecord(node.status).allocatable));
