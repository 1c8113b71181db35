/**
 * Typed views of the pods and nodes the engine reads, built once per object from loose
 * JSON (watch caches, a manifest): tolerations, taints, host ports, affinity terms. The
 * filters then run on these without re-reading the objects per node.
 */
import { asArray, asNumber, asRecord, asString, type KubeObject } from '../kube/object-types';
import {
  labelSelector,
  NOTHING,
  requirementMatches as matchesOne,
  selectorFromSet,
  stringMap,
  type Requirement,
  type Selector,
} from './selectors';

export interface Taint {
  key: string;
  value: string;
  effect: string;
}

export interface Toleration {
  key: string;
  operator: string;
  value: string;
  effect: string;
  tolerationSeconds?: number;
}

export interface HostPort {
  hostIP: string;
  protocol: string;
  port: number;
}

/** framework.AffinityTerm: selector, namespaces, namespace selector, topology key. */
export interface AffinityTerm {
  selector: Selector;
  namespaces: ReadonlySet<string>;
  namespaceSelector: Selector;
  topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export function readTaints(node: KubeObject): Taint[] {
  return asArray(asRecord(node.spec).taints).map((t) => {
    const r = asRecord(t);
    return {
      key: asString(r.key) ?? '',
      value: asString(r.value) ?? '',
      effect: asString(r.effect) ?? '',
    };
  });
}

export function readTolerations(pod: KubeObject): Toleration[] {
  return asArray(asRecord(pod.spec).tolerations).map((t) => {
    const r = asRecord(t);
    const seconds = asNumber(r.tolerationSeconds);
    return {
      key: asString(r.key) ?? '',
      operator: asString(r.operator) ?? '',
      value: asString(r.value) ?? '',
      effect: asString(r.effect) ?? '',
      ...(seconds === undefined ? {} : { tolerationSeconds: seconds }),
    };
  });
}

/** v1.Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== '' && t.key !== taint.key) return false;
  if (t.operator === '' || t.operator === 'Equal') return t.value === taint.value;
  return t.operator === 'Exists';
}

export function tolerationsTolerate(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** FindMatchingUntoleratedTaint with DoNotScheduleTaintsFilterFunc (NoSchedule, NoExecute). */
export function firstUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): Taint | undefined {
  for (const taint of taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerationsTolerate(tolerations, taint)) return taint;
  }
  return undefined;
}

/** schedutil.GetHostPorts: sidecar (restartable init) containers' and containers' host ports. */
export function readHostPorts(pod: KubeObject): HostPort[] {
  const spec = asRecord(pod.spec);
  const out: HostPort[] = [];
  const collect = (container: unknown) => {
    for (const p of asArray(asRecord(container).ports)) {
      const r = asRecord(p);
      const port = asNumber(r.hostPort) ?? 0;
      if (port > 0)
        out.push({ hostIP: asString(r.hostIP) ?? '', protocol: asString(r.protocol) ?? '', port });
    }
  };
  for (const c of asArray(spec.initContainers))
    if (asRecord(c).restartPolicy === 'Always') collect(c);
  for (const c of asArray(spec.containers)) collect(c);
  return out;
}

const asStringList = (v: unknown): string[] =>
  asArray(v).filter((x): x is string => typeof x === 'string');

/**
 * newAffinityTerm. matchLabelKeys / mismatchLabelKeys are merged into the selector as the
 * API server does on create (a manifest not yet created has not been through it; for a
 * created pod the merge is already there and merging again changes nothing).
 */
export function affinityTerm(pod: KubeObject, raw: unknown, errors: string[]): AffinityTerm {
  const term = asRecord(raw);
  const ns = pod.metadata?.namespace ?? '';
  let selector = labelSelector(term.labelSelector);
  if (typeof selector === 'string') {
    errors.push(selector);
    selector = NOTHING;
  }
  const podLabels = pod.metadata?.labels ?? {};
  if (
    selector.requirements !== null &&
    term.labelSelector !== undefined &&
    term.labelSelector !== null
  ) {
    const extra: Requirement[] = [];
    for (const key of asStringList(term.matchLabelKeys))
      if (Object.hasOwn(podLabels, key)) extra.push({ key, op: 'In', values: [podLabels[key]!] });
    for (const key of asStringList(term.mismatchLabelKeys))
      if (Object.hasOwn(podLabels, key))
        extra.push({ key, op: 'NotIn', values: [podLabels[key]!] });
    if (extra.length > 0) selector = { requirements: [...selector.requirements, ...extra] };
  }
  let namespaceSelector = labelSelector(term.namespaceSelector);
  if (typeof namespaceSelector === 'string') {
    errors.push(namespaceSelector);
    namespaceSelector = NOTHING;
  }
  const listed = asStringList(term.namespaces);
  const namespaces = new Set(
    listed.length === 0 && (term.namespaceSelector === undefined || term.namespaceSelector === null)
      ? [ns]
      : listed,
  );
  return { selector, namespaces, namespaceSelector, topologyKey: asString(term.topologyKey) ?? '' };
}

export interface PodAffinity {
  required: AffinityTerm[];
  requiredAnti: AffinityTerm[];
  preferred: WeightedAffinityTerm[];
  preferredAnti: WeightedAffinityTerm[];
  errors: string[];
}

export function readPodAffinity(pod: KubeObject): PodAffinity {
  const affinity = asRecord(asRecord(pod.spec).affinity);
  const errors: string[] = [];
  const terms = (group: unknown, field: string) =>
    asArray(asRecord(group)[field]).map((t) => affinityTerm(pod, t, errors));
  const weighted = (group: unknown) =>
    asArray(asRecord(group).preferredDuringSchedulingIgnoredDuringExecution).map((t) => ({
      ...affinityTerm(pod, asRecord(t).podAffinityTerm, errors),
      weight: asNumber(asRecord(t).weight) ?? 0,
    }));
  return {
    required: terms(affinity.podAffinity, 'requiredDuringSchedulingIgnoredDuringExecution'),
    requiredAnti: terms(affinity.podAntiAffinity, 'requiredDuringSchedulingIgnoredDuringExecution'),
    preferred: weighted(affinity.podAffinity),
    preferredAnti: weighted(affinity.podAntiAffinity),
    errors,
  };
}

/** AffinityTerm.Matches: namespace (listed, or by the namespace's labels) and labels. */
export function affinityTermMatches(
  term: AffinityTerm,
  podNamespace: string,
  podLabels: Readonly<Record<string, string>>,
  namespaceLabels: Readonly<Record<string, string>> | undefined,
): boolean {
  const inNamespace =
    term.namespaces.has(podNamespace) ||
    (term.namespaceSelector.requirements !== null &&
      // A nil label set matches only the Everything selector.
      (namespaceLabels === undefined
        ? term.namespaceSelector.requirements.length === 0
        : term.namespaceSelector.requirements.every((r) => matchesOne(r, namespaceLabels))));
  if (!inNamespace || term.selector.requirements === null) return false;
  for (const r of term.selector.requirements) if (!matchesOne(r, podLabels)) return false;
  return true;
}

/** The nodeSelector map as a selector (labels.SelectorFromSet), or undefined when absent. */
export function readNodeSelector(pod: KubeObject): Selector | undefined {
  const raw = asRecord(pod.spec).nodeSelector;
  if (raw === undefined || raw === null) return undefined;
  const set = stringMap(raw);
  return Object.keys(set).length === 0 ? undefined : selectorFromSet(set);
}
