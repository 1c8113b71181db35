/**
 * The live History tab's rows from watched projections (never whole objects): ReplicaSets
 * or ControllerRevisions reduced to revision, change-cause, images and age, pods reduced
 * to their controller and revision labels. Which objects make the history is history.ts's
 * rule (controller owner, revision, a later duplicate wins); this file only projects and
 * counts. Everything a cluster wrote is cut to a bound before it leaves main.
 */
import type { RevisionRow } from '../../shared/contract/rollouts';
import { asArray, asRecord, type KubeObject } from '../../shared/kube/object-types';
import {
  CHANGE_CAUSE_ANNOTATION,
  POD_TEMPLATE_HASH_LABEL,
  replicaSetRevision,
  revisionTemplate,
} from './history';

/** Bounds on what one row carries (a change-cause is free text). */
export const MAX_CHANGE_CAUSE_CHARS = 1024;
export const MAX_IMAGES = 32;
const MAX_IMAGE_CHARS = 512;
const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

export interface RevisionSource {
  uid: string;
  name: string;
  /** uid of the controller owner, '' when none. */
  owner: string;
  /** undefined: a malformed revision annotation (skipped, as kubectl does). */
  revision: number | undefined;
  changeCause: string;
  images: string[];
  created: string;
}

export interface PodOnRevision {
  uid: string;
  owner: string;
  /** pod-template-hash or controller-revision-hash, '' when absent. */
  hash: string;
}

export interface WorkloadIdentity {
  uid: string;
  name: string;
}

function controllerOf(object: KubeObject): string {
  return object.metadata?.ownerReferences?.find((o) => o.controller === true)?.uid ?? '';
}

function imagesOf(template: Record<string, unknown>): string[] {
  const spec = asRecord(template['spec']);
  return [...asArray(spec['initContainers']), ...asArray(spec['containers'])]
    .map((c) => asRecord(c)['image'])
    .filter((i): i is string => typeof i === 'string')
    .slice(0, MAX_IMAGES)
    .map((i) => i.slice(0, MAX_IMAGE_CHARS));
}

function cut(text: string): string {
  return text.length > MAX_CHANGE_CAUSE_CHARS ? `${text.slice(0, MAX_CHANGE_CAUSE_CHARS)}…` : text;
}

export function projectReplicaSet(rs: KubeObject): RevisionSource {
  const template = asRecord(asRecord(rs.spec)['template']);
  const templateCause = asRecord(asRecord(template['metadata'])['annotations'])[
    CHANGE_CAUSE_ANNOTATION
  ];
  const own = rs.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION];
  return {
    uid: rs.metadata?.uid ?? '',
    name: rs.metadata?.name ?? '',
    owner: controllerOf(rs),
    revision: replicaSetRevision(rs),
    changeCause: cut(own ? own : typeof templateCause === 'string' ? templateCause : ''),
    images: imagesOf(template),
    created: rs.metadata?.creationTimestamp ?? '',
  };
}

export function projectControllerRevision(cr: KubeObject): RevisionSource {
  const revision = cr['revision'];
  return {
    uid: cr.metadata?.uid ?? '',
    name: cr.metadata?.name ?? '',
    owner: controllerOf(cr),
    revision: typeof revision === 'number' && Number.isSafeInteger(revision) ? revision : undefined,
    changeCause: cut(cr.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? ''),
    images: imagesOf(revisionTemplate(cr)),
    created: cr.metadata?.creationTimestamp ?? '',
  };
}

export function projectPod(pod: KubeObject): PodOnRevision {
  const labels = pod.metadata?.labels ?? {};
  return {
    uid: pod.metadata?.uid ?? '',
    owner: controllerOf(pod),
    hash: labels[POD_TEMPLATE_HASH_LABEL] ?? labels[CONTROLLER_REVISION_HASH_LABEL] ?? '',
  };
}

/**
 * The rows, ascending by revision. Pods count on a Deployment revision when its ReplicaSet
 * controls them; on a StatefulSet or DaemonSet revision when the workload controls them and
 * their controller-revision-hash names the ControllerRevision (the full name for a
 * StatefulSet, the hash after "<name>-" for a DaemonSet).
 */
export function historyRows(
  deployment: boolean,
  workload: WorkloadIdentity,
  sources: Iterable<RevisionSource>,
  pods: Iterable<PodOnRevision>,
): RevisionRow[] {
  const byRevision = new Map<number, RevisionSource>();
  for (const s of sources) {
    if (s.owner !== workload.uid || s.revision === undefined) continue;
    byRevision.set(s.revision, s);
  }
  const counts = new Map<string, number>();
  for (const pod of pods) {
    let key: string | undefined;
    if (deployment) key = pod.owner;
    else if (pod.owner === workload.uid && pod.hash) key = pod.hash;
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows = [...byRevision.values()].sort((a, b) => a.revision! - b.revision!);
  const last = rows.at(-1)?.revision;
  return rows.map((s) => ({
    revision: s.revision!,
    changeCause: s.changeCause,
    source: s.name,
    images: s.images,
    created: s.created,
    pods: deployment
      ? (counts.get(s.uid) ?? 0)
      : (counts.get(s.name) ?? 0) +
        (s.name.startsWith(`${workload.name}-`) && s.name !== workload.name
          ? (counts.get(s.name.slice(workload.name.length + 1)) ?? 0)
          : 0),
    current: s.revision === last,
  }));
}
