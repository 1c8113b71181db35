/**
 * Turns what the user names into the pod the scheduler would see, for the fields the fit
 * engine reads: a workload's pod template becomes a pod as its controller (and the API
 * server's defaulting and admission) would create it; a what-if manifest (a Pod, a workload,
 * a template or a bare pod spec) likewise, without creating anything.
 * What is applied, and where it comes from:
 * - API defaulting (pkg/apis/core/v1/defaults.go SetDefaults_Pod): a container's limits
 *   become its requests for every resource that has no request; schedulerName
 *   "default-scheduler";
 * - DefaultTolerationSeconds admission: not-ready/unreachable NoExecute tolerations, 300 s,
 *   unless the pod tolerates them already;
 * - the DaemonSet controller (pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations):
 *   its tolerations for not-ready, unreachable, disk/memory/pid pressure, unschedulable
 *   (and network-unavailable with hostNetwork). Its per-node matchFields affinity is not
 *   added: the matrix shows, per node, whether the daemon pod could run there.
 * Not applied: RuntimeClass overhead (admission reads a RuntimeClass object), LimitRange
 * defaults, mutating webhooks; pods created by other controllers than the four named.
 */
import { PilotError } from '../../shared/contract/errors';
import type { FitKind } from '../../shared/contract/scheduling';
import { asArray, asRecord, type KubeObject } from '../../shared/kube/object-types';

export const DEFAULT_TOLERATION_SECONDS = 300;

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

const clone = <T>(value: T): T => structuredClone(value);

/** SetDefaults_Pod for requests: every limit without a request becomes the request. */
function defaultRequests(containers: unknown): unknown {
  if (!Array.isArray(containers)) return containers;
  return containers.map((value) => {
    const c = asRecord(value);
    const resources = asRecord(c['resources']);
    const limits = asRecord(resources['limits']);
    if (Object.keys(limits).length === 0) return value;
    const requests = { ...limits, ...asRecord(resources['requests']) };
    return { ...c, resources: { ...resources, requests } };
  });
}

function addToleration(spec: Record<string, unknown>, toleration: Toleration): void {
  const tolerations = asArray<Toleration>(spec['tolerations']);
  // AddOrUpdateTolerationInPodSpec: replace one with the same key, operator and effect.
  const same = (t: Toleration) =>
    (t.key ?? '') === toleration.key &&
    (t.operator ?? 'Equal') === toleration.operator &&
    (t.effect ?? '') === toleration.effect;
  spec['tolerations'] = [...tolerations.filter((t) => !same(t)), toleration];
}

/** DefaultTolerationSeconds admission: only when no toleration covers the key and effect. */
function defaultTolerationSeconds(spec: Record<string, unknown>): void {
  const tolerations = asArray<Toleration>(spec['tolerations']);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const covered = tolerations.some(
      (t) =>
        (t.effect === 'NoExecute' || !t.effect) &&
        (t.operator === 'Exists' ? !t.key || t.key === key : t.key === key),
    );
    if (!covered)
      spec['tolerations'] = [
        ...asArray(spec['tolerations']),
        {
          key,
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
        },
      ];
  }
}

const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/** A pod spec as the API server would store it (the defaults the scheduler can see). */
export function defaultedSpec(spec: Record<string, unknown>): Record<string, unknown> {
  const out = clone(spec);
  out['containers'] = defaultRequests(out['containers']);
  if (out['initContainers'] !== undefined)
    out['initContainers'] = defaultRequests(out['initContainers']);
  if (out['schedulerName'] === undefined || out['schedulerName'] === '')
    out['schedulerName'] = 'default-scheduler';
  defaultTolerationSeconds(out);
  return out;
}

export type WorkloadKind = Exclude<FitKind, 'pods'>;

const KIND_OF: Record<string, WorkloadKind | 'replicasets' | 'cronjobs'> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  Job: 'jobs',
  ReplicaSet: 'replicasets',
  CronJob: 'cronjobs',
};

/** The pod template of a workload (a CronJob's is inside its jobTemplate). */
export function templateOf(object: KubeObject): Record<string, unknown> {
  const spec = asRecord(object.spec);
  if (object.kind === 'CronJob')
    return asRecord(asRecord(asRecord(spec['jobTemplate'])['spec'])['template']);
  return asRecord(spec['template']);
}

/**
 * The pod a workload's controller would create from its template, named after the
 * workload (the name matters to nothing the filters read).
 */
export function podFromWorkload(
  kind: WorkloadKind | 'replicasets' | 'cronjobs',
  workload: KubeObject,
): KubeObject {
  const template = templateOf(workload);
  const templateMeta = asRecord(template['metadata']);
  const spec = asRecord(template['spec']);
  if (!Array.isArray(spec['containers']))
    throw new PilotError('Invalid', 'the pod template has no containers');
  const labels = { ...(asRecord(templateMeta['labels']) as Record<string, string>) };
  const name = workload.metadata?.name ?? '';
  if (kind === 'jobs' || kind === 'cronjobs') {
    // The Job controller's labels (batch/v1 defaulting adds them to the template).
    if (name && labels['batch.kubernetes.io/job-name'] === undefined && kind === 'jobs') {
      labels['batch.kubernetes.io/job-name'] = name;
      labels['job-name'] = name;
    }
  }
  const podSpec = defaultedSpec(spec);
  if (kind === 'daemonsets') {
    for (const t of DAEMON_TOLERATIONS) addToleration(podSpec, t);
    if (podSpec['hostNetwork'] === true)
      addToleration(podSpec, {
        key: 'node.kubernetes.io/network-unavailable',
        operator: 'Exists',
        effect: 'NoSchedule',
      });
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: name ? `${name}-template` : 'what-if',
      ...(workload.metadata?.namespace ? { namespace: workload.metadata.namespace } : {}),
      labels,
    },
    spec: podSpec,
  };
}

/**
 * A what-if manifest, already parsed: a Pod, a workload, a pod template (`spec` with
 * containers, under `template` or not) or a bare pod spec. Returns the pod to judge.
 */
export function podFromManifest(doc: unknown, namespace: string): KubeObject {
  const object = asRecord(doc);
  if (Object.keys(object).length === 0)
    throw new PilotError('Invalid', 'the manifest is empty or not a YAML mapping');
  const kind = typeof object['kind'] === 'string' ? object['kind'] : undefined;
  const metadata = asRecord(object['metadata']);
  const declared = metadata['namespace'];
  if (typeof declared === 'string' && declared !== '' && declared !== namespace)
    throw new PilotError(
      'Invalid',
      `the manifest names namespace "${declared}"; the fit is asked for namespace "${namespace}"`,
    );
  let pod: KubeObject;
  if (kind === 'Pod') {
    const spec = asRecord(object['spec']);
    if (!Array.isArray(spec['containers']))
      throw new PilotError('Invalid', 'the Pod has no containers');
    pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...(metadata as KubeObject['metadata']),
        name: String(metadata['name'] ?? 'what-if'),
      },
      spec: defaultedSpec(spec),
    };
  } else if (kind !== undefined) {
    const workloadKind = KIND_OF[kind];
    if (!workloadKind)
      throw new PilotError(
        'Invalid',
        `a ${kind} has no pod template: give a Pod, Deployment, StatefulSet, DaemonSet, Job, ReplicaSet or CronJob`,
      );
    pod = podFromWorkload(workloadKind, object as KubeObject);
  } else if (Array.isArray(object['containers'])) {
    pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'what-if' },
      spec: defaultedSpec(object),
    };
  } else if (
    object['spec'] !== undefined &&
    Array.isArray(asRecord(object['spec'])['containers'])
  ) {
    // A pod template: { metadata: { labels }, spec: { containers } }.
    pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...(metadata as KubeObject['metadata']),
        name: String(metadata['name'] ?? 'what-if'),
      },
      spec: defaultedSpec(asRecord(object['spec'])),
    };
  } else if (object['template'] !== undefined) {
    pod = podFromWorkload('replicasets', {
      metadata: metadata as KubeObject['metadata'],
      spec: object,
    });
  } else {
    throw new PilotError(
      'Invalid',
      'the manifest is not a Pod, a workload, a pod template or a pod spec (no containers found)',
    );
  }
  pod.metadata = { ...pod.metadata, namespace };
  return pod;
}
