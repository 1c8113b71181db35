/**
 * `kubectl rollout undo --to-revision=N`, the same request kubectl sends
 * (k8s.io/kubectl/pkg/polymorphichelpers/rollback.go):
 * - Deployment: refused while paused; "skipped rollback" when the live template already
 *   equals the revision's (pod-template-hash aside); else a JSON patch replacing
 *   /spec/template with the ReplicaSet's template minus pod-template-hash and
 *   /metadata/annotations with the ReplicaSet's annotations, except the controller's own
 *   (annotationsToSkip), which keep the Deployment's values.
 * - StatefulSet, DaemonSet: "skipped rollback" when the live template equals the
 *   ControllerRevision's; else a strategic-merge patch whose body is the revision's data.
 * The preview sends the very same request with dryRun=All and diffs what the server answers.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { ActionOutcome, RollbackPreview, RolloutKind } from '../../shared/contract/rollouts';
import { PilotError } from '../../shared/contract/errors';
import { asRecord, type KubeObject } from '../../shared/kube/object-types';
import { kindById } from '../../shared/kube/kinds';
import { kubeJson } from '../platform/http';
import { objectPath } from '../platform/api-paths';
import { rolloutFailure } from './errors';
import { describeWorkload, loadHistory, REVISION_ANNOTATION, type RevisionEntry } from './history';
import { cleanTemplate, templateDiff, templateYaml } from './diff';

/** Annotations a rollback leaves as the Deployment has them (kubectl's annotationsToSkip). */
export const ANNOTATIONS_TO_SKIP: ReadonlySet<string> = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

export type RollbackRequest =
  { type: 'skip'; message: string } | { type: 'patch'; contentType: string; body: string };

function revisionNotFound(revision: number): PilotError {
  return new PilotError('NotFound', `unable to find specified revision ${revision} in history`);
}

/** Same JSON once keys are sorted (what kubectl's byte comparison amounts to). */
function sameJson(a: unknown, b: unknown): boolean {
  return templateYaml(asRecord(a)) === templateYaml(asRecord(b));
}

function skipped(revision: number): RollbackRequest {
  return {
    type: 'skip',
    message: `skipped rollback (current template already matches revision ${revision})`,
  };
}

/** The request `kubectl rollout undo --to-revision=revision` would send, or its refusal. */
export function buildRollback(
  kind: RolloutKind,
  workload: KubeObject,
  entries: readonly RevisionEntry[],
  revision: number,
): RollbackRequest {
  const entry = entries.find((e) => e.revision === revision);
  if (!entry) throw revisionNotFound(revision);
  const spec = asRecord(workload.spec);
  const liveTemplate = asRecord(spec['template']);

  if (kind === 'deployments') {
    if (spec['paused'] === true) {
      throw new PilotError(
        'Invalid',
        "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
      );
    }
    if (sameJson(cleanTemplate(entry.template), cleanTemplate(liveTemplate)))
      return skipped(revision);
    const annotations: Record<string, string> = {};
    const own = workload.metadata?.annotations ?? {};
    for (const key of ANNOTATIONS_TO_SKIP) if (key in own) annotations[key] = own[key]!;
    for (const [key, value] of Object.entries(entry.object.metadata?.annotations ?? {})) {
      if (!ANNOTATIONS_TO_SKIP.has(key)) annotations[key] = value;
    }
    const body = [
      { op: 'replace', path: '/spec/template', value: cleanTemplate(entry.template) },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ];
    return {
      type: 'patch',
      contentType: 'application/json-patch+json',
      body: JSON.stringify(body),
    };
  }

  // kubectl compares getStatefulSetPatch/getDaemonSetPatch(live) with the revision's bytes.
  const data = entry.object['data'];
  if (
    sameJson(asRecord(asRecord(data)['spec'])['template'], { ...liveTemplate, $patch: 'replace' })
  ) {
    return skipped(revision);
  }
  return {
    type: 'patch',
    contentType: 'application/strategic-merge-patch+json',
    body: JSON.stringify(data),
  };
}

interface Target {
  kind: RolloutKind;
  namespace: string;
  name: string;
}

async function send(
  kc: KubeConfig,
  target: Target,
  request: Extract<RollbackRequest, { type: 'patch' }>,
  dryRun: boolean,
  signal: AbortSignal,
): Promise<KubeObject> {
  return kubeJson<KubeObject>(
    kc,
    objectPath(kindById.get(target.kind)!, target.namespace, target.name),
    dryRun ? { dryRun: 'All' } : {},
    { method: 'PATCH', contentType: request.contentType, body: request.body, signal },
  );
}

function failure(error: unknown, signal: AbortSignal, target: Target, verb: string): PilotError {
  return rolloutFailure(
    error,
    signal,
    `${verb} ${describeWorkload(target.kind, target.namespace, target.name)}`,
  );
}

export async function previewRollback(
  kc: KubeConfig,
  target: Target,
  revision: number,
  signal: AbortSignal,
): Promise<RollbackPreview> {
  try {
    const { workload, entries } = await loadHistory(
      kc,
      target.kind,
      target.namespace,
      target.name,
      signal,
    );
    const request = buildRollback(target.kind, workload, entries, revision);
    const live = { label: 'live', template: asRecord(asRecord(workload.spec)['template']) };
    const uid = workload.metadata?.uid ?? '';
    if (request.type === 'skip') {
      return { outcome: 'skip', message: request.message, diff: templateDiff(live, live), uid };
    }
    const result = await send(kc, target, request, true, signal);
    const after = {
      label: `revision ${revision}`,
      template: asRecord(asRecord(result.spec)['template']),
    };
    return { outcome: 'rollback', message: 'will roll back', diff: templateDiff(live, after), uid };
  } catch (error) {
    throw failure(error, signal, target, 'preview the rollback of');
  }
}

export async function rollback(
  kc: KubeConfig,
  target: Target & { uid: string },
  revision: number,
  signal: AbortSignal,
): Promise<ActionOutcome> {
  const what = describeWorkload(target.kind, target.namespace, target.name);
  try {
    const { workload, entries } = await loadHistory(
      kc,
      target.kind,
      target.namespace,
      target.name,
      signal,
    );
    if (workload.metadata?.uid !== target.uid) {
      throw new PilotError(
        'Conflict',
        `${what} was replaced since you opened it (same name, another object); nothing was rolled back`,
      );
    }
    const request = buildRollback(target.kind, workload, entries, revision);
    if (request.type === 'skip') return { message: request.message };
    signal.throwIfAborted();
    await send(kc, target, request, false, signal);
    return { message: 'rolled back' };
  } catch (error) {
    throw failure(error, signal, target, 'roll back');
  }
}
