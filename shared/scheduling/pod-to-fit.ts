/**
 * The pod being judged, read once: everything the filters ask of it. A workload's
 * template can be judged too: build a Pod from it (metadata.labels, spec) and give the
 * namespace; a template has no name or uid, which only matters for leaving the pod itself
 * out of the bound pods.
 */
import { asArray, asNumber, asRecord, asString, type KubeObject } from '../kube/object-types';
import {
  readHostPorts,
  readNodeSelector,
  readPodAffinity,
  readTolerations,
  type HostPort,
  type PodAffinity,
  type Toleration,
} from './model';
import { podRequests, type Amounts } from './requests';
import {
  isEmptyNodeTerm,
  labelSelector,
  NOTHING,
  nodeSelectorTerms,
  nodeTerm,
  selectorFromSet,
  stringMap,
  type NodeTerm,
  type Selector,
} from './selectors';

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  honorNodeAffinity: boolean;
  honorTaints: boolean;
}

export interface PodToFit {
  object: KubeObject;
  namespace: string;
  name: string;
  uid: string;
  labels: Readonly<Record<string, string>>;
  nodeName: string;
  schedulerName: string;
  tolerations: Toleration[];
  /** nodeSelector (when non-empty). */
  nodeSelector: Selector | undefined;
  /** Required node affinity terms; undefined when the pod has none. */
  requiredTerms: NodeTerm[] | undefined;
  /** The raw required terms (NodeAffinity's PreFilter reads their matchFields). */
  requiredTermsRaw: unknown[] | undefined;
  preferredNodeTerms: { weight: number; term: NodeTerm; raw: unknown }[];
  hostPorts: HostPort[];
  requests: Amounts;
  affinity: PodAffinity;
  spread: SpreadConstraint[];
  spreadErrors: string[];
}

/** filterTopologySpreadConstraints for DoNotSchedule, with the scheduler's defaults. */
function readSpread(
  pod: KubeObject,
  labels: Readonly<Record<string, string>>,
  errors: string[],
): SpreadConstraint[] {
  const out: SpreadConstraint[] = [];
  for (const raw of asArray(asRecord(pod.spec).topologySpreadConstraints)) {
    const c = asRecord(raw);
    if (c.whenUnsatisfiable !== 'DoNotSchedule') continue;
    let selector = labelSelector(c.labelSelector);
    if (typeof selector === 'string') {
      errors.push(selector);
      selector = NOTHING;
    }
    const keys = asArray(c.matchLabelKeys).filter((k): k is string => typeof k === 'string');
    const matchLabels: Record<string, string> = {};
    for (const key of keys) if (Object.hasOwn(labels, key)) matchLabels[key] = labels[key]!;
    // mergeLabelSetWithSelector: only when the selector has requirements to keep (not Nothing).
    if (Object.keys(matchLabels).length > 0 && selector.requirements !== null)
      selector = {
        requirements: [...selectorFromSet(matchLabels).requirements!, ...selector.requirements],
      };
    out.push({
      maxSkew: asNumber(c.maxSkew) ?? 0,
      topologyKey: asString(c.topologyKey) ?? '',
      selector,
      minDomains: asNumber(c.minDomains) ?? 1,
      honorNodeAffinity: (asString(c.nodeAffinityPolicy) ?? 'Honor') === 'Honor',
      honorTaints: (asString(c.nodeTaintsPolicy) ?? 'Ignore') === 'Honor',
    });
  }
  return out;
}

export function readPodToFit(object: KubeObject, defaultNamespace: string): PodToFit {
  const spec = asRecord(object.spec);
  const metadata = object.metadata ?? {};
  const namespace = metadata.namespace || defaultNamespace;
  // Affinity terms default their namespace to the pod's: judge a template in its namespace.
  const pod: KubeObject = metadata.namespace
    ? object
    : { ...object, metadata: { ...metadata, namespace } };
  const labels = stringMap(metadata.labels);
  const nodeAffinity = asRecord(asRecord(spec.affinity).nodeAffinity);
  const required = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  const hasRequired = required !== undefined && required !== null;
  const spreadErrors: string[] = [];
  return {
    object: pod,
    namespace,
    name: metadata.name ?? '',
    uid: metadata.uid ?? '',
    labels,
    nodeName: asString(spec.nodeName) ?? '',
    schedulerName: asString(spec.schedulerName) ?? '',
    tolerations: readTolerations(pod),
    nodeSelector: readNodeSelector(pod),
    requiredTerms: hasRequired ? nodeSelectorTerms(required) : undefined,
    requiredTermsRaw: hasRequired ? asArray(asRecord(required).nodeSelectorTerms) : undefined,
    preferredNodeTerms: asArray(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution)
      .map((t) => ({ weight: asNumber(asRecord(t).weight) ?? 0, raw: asRecord(t).preference }))
      .filter((t) => t.weight !== 0 && !isEmptyNodeTerm(t.raw))
      .map((t) => ({ ...t, term: nodeTerm(t.raw) })),
    hostPorts: readHostPorts(pod),
    requests: podRequests(pod, false),
    affinity: readPodAffinity(pod),
    spread: readSpread(pod, labels, spreadErrors),
    spreadErrors,
  };
}
