/**
 * A pod's effective requests and limits, computed as `kubectl describe node` computes them
 * (kubectl pkg/util/resource PodRequestsAndLimits, the simplified form of component-helpers
 * PodRequests/PodLimits the scheduler uses): regular containers summed; init containers as
 * the maximum of each one (plus the restartable "sidecar" init containers started before
 * it); sidecars added to the sum; the pod overhead added to requests, and to limits that
 * are set and non-zero; a resized container counted at max(spec, status, allocated).
 *
 * Exact arithmetic on quantities (shared/kube/quantity.ts): sums are rounded only at the
 * end, as kubectl sums Quantities and calls MilliValue()/Value() on the total.
 */
import { milliValue, parseQuantity, unitValue, type Quantity } from '../kube/quantity';
import type { ResourceFigures } from '../contract/metrics';

export type ResourceTexts = Readonly<Record<string, string | undefined>> | undefined;

/** The parts of a Pod the computation reads (a subset of the API object). */
export interface PodResourceSource {
  spec?: {
    containers?: readonly ContainerResourceSource[];
    initContainers?: readonly ContainerResourceSource[];
    overhead?: ResourceTexts;
  };
  status?: {
    conditions?: readonly { type?: string; reason?: string }[];
    containerStatuses?: readonly ContainerStatusResourceSource[];
    initContainerStatuses?: readonly ContainerStatusResourceSource[];
  };
}
export interface ContainerResourceSource {
  name: string;
  restartPolicy?: string;
  resources?: { requests?: ResourceTexts; limits?: ResourceTexts };
}
export interface ContainerStatusResourceSource {
  name: string;
  resources?: { requests?: ResourceTexts; limits?: ResourceTexts } | null;
  allocatedResources?: ResourceTexts;
}

export type ResourceList = Map<string, Quantity>;

/** An array field of hostile JSON: anything else reads as empty. */
export function list<T>(value: readonly T[] | undefined): readonly T[] {
  if (!Array.isArray(value)) return [];
  return (value as readonly unknown[]).filter(
    (item): item is T => typeof item === 'object' && item !== null,
  );
}

export function addQuantities(a: Quantity, b: Quantity): Quantity {
  if (a.denominator === b.denominator)
    return { numerator: a.numerator + b.numerator, denominator: a.denominator };
  return {
    numerator: a.numerator * b.denominator + b.numerator * a.denominator,
    denominator: a.denominator * b.denominator,
  };
}

export function compareQuantities(a: Quantity, b: Quantity): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left === right ? 0 : left > right ? 1 : -1;
}

/** Parses a resource map; entries that do not parse are left out (hostile input). */
export function parseResourceList(texts: ResourceTexts): ResourceList {
  const parsed: ResourceList = new Map();
  if (typeof texts !== 'object' || texts === null || Array.isArray(texts)) return parsed;
  for (const [name, text] of Object.entries(texts)) {
    if (typeof text !== 'string') continue;
    const quantity = parseQuantity(text);
    if (quantity) parsed.set(name, quantity);
  }
  return parsed;
}

export function addResourceList(into: ResourceList, more: ResourceList): void {
  for (const [name, quantity] of more) {
    const current = into.get(name);
    into.set(name, current ? addQuantities(current, quantity) : quantity);
  }
}

function maxResourceList(into: ResourceList, more: ResourceList): void {
  for (const [name, quantity] of more) {
    const current = into.get(name);
    if (!current || compareQuantities(quantity, current) > 0) into.set(name, quantity);
  }
}

function isResizeInfeasible(pod: PodResourceSource): boolean {
  for (const condition of list(pod.status?.conditions)) {
    if (condition.type === 'PodResizePending') return condition.reason === 'Infeasible';
  }
  return false;
}

function containerRequests(
  pod: PodResourceSource,
  container: ContainerResourceSource,
  statuses: Map<string, ContainerStatusResourceSource>,
): ResourceList {
  const spec = parseResourceList(container.resources?.requests);
  const status = statuses.get(container.name);
  if (!status?.resources) return spec;
  // determineContainerReqs: a resize in flight counts at its largest known size.
  const infeasible = isResizeInfeasible(pod);
  const result = infeasible ? new Map<string, Quantity>() : spec;
  maxResourceList(result, parseResourceList(status.resources.requests));
  maxResourceList(result, parseResourceList(status.allocatedResources));
  return result;
}

function statusesByName(pod: PodResourceSource): Map<string, ContainerStatusResourceSource> {
  const statuses = new Map<string, ContainerStatusResourceSource>();
  for (const s of list(pod.status?.containerStatuses)) statuses.set(s.name, s);
  for (const s of list(pod.status?.initContainerStatuses)) statuses.set(s.name, s);
  return statuses;
}

/** kubectl podRequests. */
export function podRequests(pod: PodResourceSource): ResourceList {
  const statuses = statusesByName(pod);
  const reqs: ResourceList = new Map();
  for (const c of list(pod.spec?.containers))
    addResourceList(reqs, containerRequests(pod, c, statuses));
  const restartable: ResourceList = new Map();
  const init: ResourceList = new Map();
  for (const c of list(pod.spec?.initContainers)) {
    let current: ResourceList;
    if (c.restartPolicy === 'Always') {
      const own = containerRequests(pod, c, statuses);
      addResourceList(reqs, own);
      addResourceList(restartable, own);
      current = restartable;
    } else {
      current = new Map();
      addResourceList(current, parseResourceList(c.resources?.requests));
      addResourceList(current, restartable);
    }
    maxResourceList(init, current);
  }
  maxResourceList(reqs, init);
  if (pod.spec?.overhead) addResourceList(reqs, parseResourceList(pod.spec.overhead));
  return reqs;
}

/** kubectl podLimits. */
export function podLimits(pod: PodResourceSource): ResourceList {
  const limits: ResourceList = new Map();
  for (const c of list(pod.spec?.containers))
    addResourceList(limits, parseResourceList(c.resources?.limits));
  const restartable: ResourceList = new Map();
  const init: ResourceList = new Map();
  for (const c of list(pod.spec?.initContainers)) {
    const own = parseResourceList(c.resources?.limits);
    let current: ResourceList;
    if (c.restartPolicy === 'Always') {
      addResourceList(limits, own);
      addResourceList(restartable, own);
      current = restartable;
    } else {
      current = new Map();
      addResourceList(current, own);
      addResourceList(current, restartable);
    }
    maxResourceList(init, current);
  }
  maxResourceList(limits, init);
  if (pod.spec?.overhead) {
    for (const [name, quantity] of parseResourceList(pod.spec.overhead)) {
      const value = limits.get(name);
      if (value && value.numerator !== 0n) limits.set(name, addQuantities(value, quantity));
    }
  }
  return limits;
}

/** The wire's [cpuRequest, memoryRequest, cpuLimit, memoryLimit] of exact lists. */
export function figuresOf(requests: ResourceList, limits: ResourceList): ResourceFigures {
  const cpu = (list: ResourceList) => {
    const q = list.get('cpu');
    return q ? milliValue(q) : null;
  };
  const memory = (list: ResourceList) => {
    const q = list.get('memory');
    return q ? unitValue(q) : null;
  };
  return [cpu(requests), memory(requests), cpu(limits), memory(limits)];
}

/** A container's own requests/limits as wire figures. */
export function containerFigures(container: ContainerResourceSource): ResourceFigures {
  return figuresOf(
    parseResourceList(container.resources?.requests),
    parseResourceList(container.resources?.limits),
  );
}

/** Sums exact lists (kubectl getPodsTotalRequestsAndLimits). */
export function sumResourceLists(lists: Iterable<ResourceList>): ResourceList {
  const total: ResourceList = new Map();
  for (const one of lists) addResourceList(total, one);
  return total;
}
