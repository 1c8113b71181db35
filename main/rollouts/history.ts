/**
 * A workload's revision history as `kubectl rollout history` builds it
 * (k8s.io/kubectl/pkg/polymorphichelpers/history.go): a Deployment's from the ReplicaSets it
 * controls (revision annotation, change-cause on the ReplicaSet), a StatefulSet's and a
 * DaemonSet's from the ControllerRevisions it controls (their `revision` and change-cause).
 * The pure part (which object is which revision, the pod template of each) is separate from
 * the fetch, so unit tests read it and the live stream reuses it with watched objects.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { RolloutKind } from '../../shared/contract/rollouts';
import { asRecord, type KubeObject } from '../../shared/kube/object-types';
import { PilotError } from '../../shared/contract/errors';
import { kindById } from '../../shared/kube/kinds';
import { kubeJson } from '../platform/http';
import { collectionPath, objectPath } from '../platform/api-paths';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
/** The label the Deployment controller adds to each ReplicaSet's template (and pods). */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** ControllerRevisions are listed here only; not a kind of the sidebar. */
export const controllerRevisionsApi = {
  group: 'apps',
  version: 'v1',
  plural: 'controllerrevisions',
  namespaced: true,
} as const;

export interface RevisionEntry {
  revision: number;
  /** The ReplicaSet or ControllerRevision. */
  object: KubeObject;
  changeCause: string;
  /** The revision's pod template (a ReplicaSet's still carries pod-template-hash). */
  template: Record<string, unknown>;
}

/** metav1.IsControlledBy: the controller owner reference names this uid. */
export function isControlledBy(object: KubeObject, uid: string | undefined): boolean {
  if (!uid) return false;
  return (object.metadata?.ownerReferences ?? []).some(
    (o) => o.controller === true && o.uid === uid,
  );
}

/**
 * deploymentutil.Revision: the annotation parsed as a base-10 int64; a ReplicaSet without
 * it is revision 0, a malformed one is skipped (kubectl warns and goes on).
 */
export function replicaSetRevision(rs: KubeObject): number | undefined {
  const value = rs.metadata?.annotations?.[REVISION_ANNOTATION];
  if (value === undefined) return 0;
  if (!/^[+-]?\d+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

function podTemplateOf(object: KubeObject): Record<string, unknown> {
  return asRecord(asRecord(object.spec)['template']);
}

/**
 * The ControllerRevision's pod template: its data is the strategic-merge patch
 * `{"spec":{"template":{…,"$patch":"replace"}}}`, so applied it replaces the template whole.
 */
export function revisionTemplate(cr: KubeObject): Record<string, unknown> {
  const template = { ...asRecord(asRecord(asRecord(cr['data'])['spec'])['template']) };
  delete template['$patch'];
  return template;
}

/**
 * Deployment history from its ReplicaSets: one entry per revision (a later ReplicaSet with
 * the same revision wins, as in kubectl's map), ascending. The change-cause is the
 * ReplicaSet's annotation, else one on its template (kubectl overlays the first on the second).
 */
export function historyFromReplicaSets(
  deploymentUid: string,
  replicaSets: KubeObject[],
): RevisionEntry[] {
  const byRevision = new Map<number, RevisionEntry>();
  for (const rs of replicaSets) {
    if (!isControlledBy(rs, deploymentUid)) continue;
    const revision = replicaSetRevision(rs);
    if (revision === undefined) continue;
    const template = podTemplateOf(rs);
    const templateCause = asRecord(asRecord(template['metadata'])['annotations'])[
      CHANGE_CAUSE_ANNOTATION
    ];
    const own = rs.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION];
    const changeCause = own ? own : typeof templateCause === 'string' ? templateCause : '';
    byRevision.set(revision, { revision, object: rs, changeCause, template });
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}

/** StatefulSet or DaemonSet history from the ControllerRevisions it controls, ascending. */
export function historyFromRevisions(
  workloadUid: string,
  revisions: KubeObject[],
): RevisionEntry[] {
  const byRevision = new Map<number, RevisionEntry>();
  for (const cr of revisions) {
    if (!isControlledBy(cr, workloadUid)) continue;
    const revision = cr['revision'];
    if (typeof revision !== 'number' || !Number.isSafeInteger(revision)) continue;
    byRevision.set(revision, {
      revision,
      object: cr,
      changeCause: cr.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '',
      template: revisionTemplate(cr),
    });
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}

/** The workload and its history, fetched now (diff, rollback and its preview use it). */
export interface LoadedHistory {
  workload: KubeObject;
  entries: RevisionEntry[];
}

export function describeWorkload(kind: RolloutKind, namespace: string, name: string): string {
  return `${kindById.get(kind)?.singular ?? kind} "${name}" in namespace ${namespace}`;
}

export async function getWorkload(
  kc: KubeConfig,
  kind: RolloutKind,
  namespace: string,
  name: string,
  signal: AbortSignal | undefined,
): Promise<KubeObject> {
  const def = kindById.get(kind);
  if (!def) throw new PilotError('Invalid', `unknown kind ${kind}`);
  return kubeJson<KubeObject>(kc, objectPath(def, namespace, name), {}, signal ? { signal } : {});
}

export async function loadHistory(
  kc: KubeConfig,
  kind: RolloutKind,
  namespace: string,
  name: string,
  signal: AbortSignal | undefined,
): Promise<LoadedHistory> {
  const workload = await getWorkload(kc, kind, namespace, name, signal);
  const uid = workload.metadata?.uid ?? '';
  const init = signal ? { signal } : {};
  if (kind === 'deployments') {
    const list = await kubeJson<{ items?: KubeObject[] }>(
      kc,
      collectionPath(kindById.get('replicasets')!, namespace),
      {},
      init,
    );
    return { workload, entries: historyFromReplicaSets(uid, list.items ?? []) };
  }
  const list = await kubeJson<{ items?: KubeObject[] }>(
    kc,
    collectionPath(controllerRevisionsApi, namespace),
    {},
    init,
  );
  return { workload, entries: historyFromRevisions(uid, list.items ?? []) };
}
