/**
 * "Where can this pod run": reads the pod or workload the user named (or parses a what-if
 * manifest), turns it into the pod the scheduler would see (template-pod.ts), takes the
 * scheduler's view of the cluster from the shared caches (snapshot.ts) and runs the pure
 * engine (shared/scheduling/). For a Pending pod it adds the scheduler's latest
 * FailedScheduling message and whether it differs from the engine's summary.
 * Used by the app's channels and by `pilothouse fit`.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { PilotError } from '../../shared/contract/errors';
import type { FitAnswer, FitKind, FitSubject } from '../../shared/contract/scheduling';
import { kindById } from '../../shared/kube/kinds';
import { asRecord, type KubeObject } from '../../shared/kube/object-types';
import { fitPod } from '../../shared/scheduling/fit';
import { kubeJson } from '../platform/http';
import { collectionPath, objectPath } from '../platform/api-paths';
import type { WatchRegistry } from '../watch/watch-registry';
import { schedulingFailure } from './errors';
import { clusterSnapshot, type ClusterSnapshot } from './snapshot';
import { schedulerVerdict } from './scheduler-verdict';
import { podFromManifest, podFromWorkload } from './template-pod';

/** YAML aliases a what-if manifest may use (a billion-laughs document is refused). */
const MAX_YAML_ALIASES = 100;
/** FailedScheduling events read per pod (the newest is kept). */
const EVENT_LIST_LIMIT = 500;

export interface FitDeps {
  watches: WatchRegistry;
  kubeConfig(context: string): KubeConfig;
}

export interface FitTarget {
  context: string;
  kind: FitKind;
  namespace: string;
  name: string;
}

const KIND_WORDS: Record<FitKind, string> = {
  pods: 'pod',
  deployments: 'deployment',
  statefulsets: 'statefulset',
  daemonsets: 'daemonset',
  jobs: 'job',
};

export function describeTarget(kind: FitKind, namespace: string, name: string): string {
  return `${KIND_WORDS[kind]} ${namespace}/${name}`;
}

function judge(pod: KubeObject, snapshot: ClusterSnapshot, namespace: string): FitAnswer['result'] {
  return fitPod({
    pod,
    nodes: snapshot.nodes,
    boundPods: snapshot.boundPods,
    namespaces: snapshot.namespaces,
    namespace,
  });
}

function subjectOf(
  kind: FitSubject['kind'],
  object: KubeObject,
  pod: KubeObject,
  namespace: string,
): FitSubject {
  const status = asRecord(object.status);
  return {
    kind,
    namespace,
    name: object.metadata?.name ?? '',
    uid: object.metadata?.uid ?? '',
    phase: kind === 'pods' && typeof status['phase'] === 'string' ? status['phase'] : '',
    nodeName: kind === 'pods' ? String(asRecord(object.spec)['nodeName'] ?? '') : '',
    labels: { ...(pod.metadata?.labels ?? {}) },
    spec: asRecord(pod.spec),
  };
}

/** The latest FailedScheduling events of one pod (by uid, so a same-named predecessor's are not mixed in). */
async function podEvents(
  kc: KubeConfig,
  namespace: string,
  uid: string,
  signal: AbortSignal,
): Promise<KubeObject[]> {
  const list = await kubeJson<{ items?: KubeObject[] }>(
    kc,
    collectionPath(kindById.get('events')!, namespace),
    {
      fieldSelector: `involvedObject.uid=${uid},reason=FailedScheduling`,
      limit: String(EVENT_LIST_LIMIT),
    },
    { signal },
  );
  return list.items ?? [];
}

/** The fit of a named pod or workload template. */
export async function fitTarget(
  deps: FitDeps,
  target: FitTarget,
  signal: AbortSignal,
): Promise<FitAnswer> {
  const { context, kind, namespace, name } = target;
  const what = describeTarget(kind, namespace, name);
  try {
    const kc = deps.kubeConfig(context);
    const object = await kubeJson<KubeObject>(
      kc,
      objectPath(kindById.get(kind)!, namespace, name),
      {},
      { signal },
    );
    const pod = kind === 'pods' ? object : podFromWorkload(kind, object);
    const snapshot = await clusterSnapshot(deps.watches, context, signal);
    const result = judge(pod, snapshot, namespace);
    const subject = subjectOf(kind, object, pod, namespace);
    let scheduler: FitAnswer['scheduler'] = null;
    if (kind === 'pods' && subject.phase === 'Pending' && subject.nodeName === '' && subject.uid) {
      try {
        scheduler = schedulerVerdict(
          object,
          await podEvents(kc, namespace, subject.uid, signal),
          result.summary,
        );
      } catch (error) {
        if (signal.aborted) throw error;
        // Events are a nicety: a viewer without `list events` still gets the matrix, and
        // the scheduler's message from the pod's condition.
        scheduler = schedulerVerdict(object, [], result.summary);
        snapshot.warnings.push(
          `the scheduler's events could not be read: ${schedulingFailure(error, signal, 'list events').message}`,
        );
      }
    }
    return { subject, result, scheduler, warnings: snapshot.warnings };
  } catch (error) {
    throw schedulingFailure(error, signal, `fit ${what}`);
  }
}

/** Parses a what-if manifest: one YAML (or JSON) document, aliases bounded. */
export function parseManifest(text: string): unknown {
  try {
    return parse(text, { maxAliasCount: MAX_YAML_ALIASES, prettyErrors: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PilotError('Invalid', `the manifest is not valid YAML: ${message ?? ''}`);
  }
}

/** The fit of a manifest that is not created. */
export async function fitManifest(
  deps: FitDeps,
  input: { context: string; namespace: string; manifest: string },
  signal: AbortSignal,
): Promise<FitAnswer> {
  const doc = parseManifest(input.manifest);
  const pod = podFromManifest(doc, input.namespace);
  try {
    const snapshot = await clusterSnapshot(deps.watches, input.context, signal);
    const result = judge(pod, snapshot, input.namespace);
    const subject = subjectOf('manifest', pod, pod, input.namespace);
    return {
      subject: { ...subject, name: String(asRecord(asRecord(doc)['metadata'])['name'] ?? '') },
      result,
      scheduler: null,
      warnings: snapshot.warnings,
    };
  } catch (error) {
    throw schedulingFailure(error, signal, 'fit the manifest');
  }
}
