/**
 * What a port-forward needs to know about pods, Services and workloads, projected from the
 * objects the watch caches see (compact rows, never whole objects), and the label selector
 * matching that picks a target's pods. Pure: the engine (main/forwards/) and its tests use
 * it alike. Every field tolerates a missing or odd value: the cluster writes these.
 */
import {
  asArray,
  asNumber,
  asRecord,
  asString,
  type ConditionLike,
  type KubeObject,
} from '../kube/object-types';

/** Ports per pod or Service kept in a row: a hostile object cannot grow one without bound. */
export const MAX_PORTS_PER_OBJECT = 256;

export interface ContainerPortFact {
  container: string;
  name: string;
  port: number;
  protocol: string;
  /** Declared by an init container (looked up after the regular ones, as kubectl does). */
  init: boolean;
}

export interface PodFacts {
  uid: string;
  name: string;
  labels: Record<string, string>;
  nodeName: string;
  phase: string;
  ready: boolean;
  /** lastTransitionTime of the Ready=True condition ('' when not ready). */
  readySince: string;
  /** deletionTimestamp ('' when not deleting). */
  deleting: string;
  /** The highest restart count of its containers. */
  restarts: number;
  created: string;
  ports: ContainerPortFact[];
}

export interface ServicePortFact {
  name: string;
  port: number;
  protocol: string;
  /** The targetPort as written: a number, a name, or null when omitted. */
  targetPort: number | string | null;
}

export interface ServiceFacts {
  uid: string;
  name: string;
  /** spec.selector; null or {} means "no selector" (kubectl refuses to forward to it). */
  selector: Record<string, string> | null;
  clusterIP: string;
  type: string;
  ports: ServicePortFact[];
}

export interface SelectorRequirement {
  key: string;
  operator: string;
  values: string[];
}

/** A metav1.LabelSelector; null when the object has none (matches nothing). */
export interface LabelSelectorFacts {
  matchLabels: Record<string, string>;
  matchExpressions: SelectorRequirement[];
}

export interface WorkloadFacts {
  uid: string;
  name: string;
  selector: LabelSelectorFacts | null;
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(asRecord(value))) if (typeof v === 'string') out[k] = v;
  return out;
}

function containerPorts(containers: unknown, init: boolean): ContainerPortFact[] {
  const out: ContainerPortFact[] = [];
  for (const c of asArray(containers)) {
    const container = asString(asRecord(c)['name']) ?? '';
    for (const p of asArray(asRecord(c)['ports'])) {
      const r = asRecord(p);
      const port = asNumber(r['containerPort']);
      if (port === undefined) continue;
      out.push({
        container,
        name: asString(r['name']) ?? '',
        port,
        protocol: asString(r['protocol']) ?? 'TCP',
        init,
      });
    }
  }
  return out;
}

export function podFacts(object: KubeObject): PodFacts {
  const meta = object.metadata ?? {};
  const spec = asRecord(object.spec);
  const status = asRecord(object.status);
  const ready = asArray<ConditionLike>(status['conditions']).find(
    (c) => c?.type === 'Ready' && c.status === 'True',
  );
  let restarts = 0;
  for (const cs of asArray(status['containerStatuses']))
    restarts = Math.max(restarts, asNumber(asRecord(cs)['restartCount']) ?? 0);
  return {
    uid: meta.uid ?? '',
    name: meta.name ?? '',
    labels: stringMap(meta.labels),
    nodeName: asString(spec['nodeName']) ?? '',
    phase: asString(status['phase']) ?? '',
    ready: !!ready,
    readySince: ready?.lastTransitionTime ?? '',
    deleting: meta.deletionTimestamp ?? '',
    restarts,
    created: meta.creationTimestamp ?? '',
    ports: [
      ...containerPorts(spec['containers'], false),
      ...containerPorts(spec['initContainers'], true),
    ].slice(0, MAX_PORTS_PER_OBJECT),
  };
}

export function serviceFacts(object: KubeObject): ServiceFacts {
  const spec = asRecord(object.spec);
  const selector = spec['selector'] === undefined ? null : stringMap(spec['selector']);
  return {
    uid: object.metadata?.uid ?? '',
    name: object.metadata?.name ?? '',
    selector,
    clusterIP: asString(spec['clusterIP']) ?? '',
    type: asString(spec['type']) ?? 'ClusterIP',
    ports: asArray(spec['ports'])
      .slice(0, MAX_PORTS_PER_OBJECT)
      .flatMap((p): ServicePortFact[] => {
        const r = asRecord(p);
        const port = asNumber(r['port']);
        if (port === undefined) return [];
        const target = r['targetPort'];
        return [
          {
            name: asString(r['name']) ?? '',
            port,
            protocol: asString(r['protocol']) ?? 'TCP',
            targetPort: typeof target === 'number' || typeof target === 'string' ? target : null,
          },
        ];
      }),
  };
}

export function workloadFacts(object: KubeObject): WorkloadFacts {
  const raw = asRecord(object.spec)['selector'];
  const selector =
    raw && typeof raw === 'object'
      ? {
          matchLabels: stringMap(asRecord(raw)['matchLabels']),
          matchExpressions: asArray(asRecord(raw)['matchExpressions']).map((e) => {
            const r = asRecord(e);
            return {
              key: asString(r['key']) ?? '',
              operator: asString(r['operator']) ?? '',
              values: asArray(r['values']).filter((v): v is string => typeof v === 'string'),
            };
          }),
        }
      : null;
  return { uid: object.metadata?.uid ?? '', name: object.metadata?.name ?? '', selector };
}

/**
 * metav1.LabelSelectorAsSelector's meaning: null selects nothing, {} selects everything,
 * otherwise every matchLabels pair and every expression must hold. An unknown operator
 * selects nothing (the API server rejects one; a hostile cache row must not widen a match).
 */
export function selectorMatches(
  selector: LabelSelectorFacts | null,
  labels: Record<string, string>,
): boolean {
  if (!selector) return false;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
  for (const [k, v] of Object.entries(selector.matchLabels))
    if (!has(k) || labels[k] !== v) return false;
  for (const e of selector.matchExpressions) {
    switch (e.operator) {
      case 'In':
        if (!has(e.key) || !e.values.includes(labels[e.key]!)) return false;
        break;
      case 'NotIn':
        if (has(e.key) && e.values.includes(labels[e.key]!)) return false;
        break;
      case 'Exists':
        if (!has(e.key)) return false;
        break;
      case 'DoesNotExist':
        if (has(e.key)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A Service's selector as a LabelSelector (kubectl: labels.SelectorFromSet). */
export function serviceSelector(service: ServiceFacts): LabelSelectorFacts | null {
  if (!service.selector || Object.keys(service.selector).length === 0) return null;
  return { matchLabels: service.selector, matchExpressions: [] };
}
