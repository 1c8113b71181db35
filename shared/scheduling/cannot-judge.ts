/**
 * What the engine does not decide, said instead of guessed: the volume plugins
 * (VolumeBinding, VolumeRestrictions, NodeVolumeLimits, VolumeZone), DRA, another
 * scheduler or profile, scheduling gates, a nominated node (preemption in progress), a pod
 * already pinned by spec.nodeName, specs the scheduler would fail to parse.
 */
import { asArray, asRecord, asString } from '../kube/object-types';
import type { PodToFit } from './pod-to-fit';
import type { Snapshot } from './snapshot';
import type { CannotJudgeNote } from './types';

/** Volume sources no scheduling plugin looks at. */
const PLAIN_VOLUMES = new Set([
  'name',
  'configMap',
  'secret',
  'emptyDir',
  'downwardAPI',
  'projected',
  'hostPath',
  'image',
]);

export const DEFAULT_SCHEDULER = 'default-scheduler';

export function cannotJudge(pod: PodToFit, snapshot: Snapshot): CannotJudgeNote[] {
  const notes: CannotJudgeNote[] = [];
  const spec = asRecord(pod.object.spec);
  if (pod.schedulerName !== '' && pod.schedulerName !== DEFAULT_SCHEDULER)
    notes.push({
      code: 'scheduler-name',
      message: `spec.schedulerName is "${pod.schedulerName}": another scheduler places this pod; the verdicts are the default profile's`,
    });
  const gates = asArray(spec.schedulingGates).map((g) => asString(asRecord(g).name) ?? '');
  if (gates.length > 0)
    notes.push({
      code: 'scheduling-gates',
      message: `the pod waits for scheduling gates (${gates.join(', ')}); the scheduler does not try it until they are removed`,
    });
  const volumes = asArray(spec.volumes)
    .map((v) => asRecord(v))
    .filter((v) => Object.keys(v).some((k) => !PLAIN_VOLUMES.has(k)));
  if (volumes.length > 0)
    notes.push({
      code: 'volumes',
      message: `volumes ${volumes.map((v) => asString(v.name) ?? '?').join(', ')}: PersistentVolumeClaim binding, volume zones and attach limits are not judged`,
    });
  if (asArray(spec.resourceClaims).length > 0)
    notes.push({
      code: 'dra',
      message: 'resource claims (dynamic resource allocation) are not judged',
    });
  const nominated = asString(asRecord(pod.object.status).nominatedNodeName);
  if (nominated)
    notes.push({
      code: 'nominated-node',
      message: `the pod is nominated to ${nominated} (preemption in progress): the scheduler tries that node first`,
    });
  if (pod.nodeName !== '')
    notes.push({
      code: 'node-name',
      message: `spec.nodeName is ${pod.nodeName}: the scheduler does not place this pod (only that node passes NodeName)`,
    });
  const errors = [...pod.affinity.errors, ...pod.spreadErrors];
  if (errors.length > 0) notes.push({ code: 'invalid-spec', message: errors.join('; ') });
  if (!snapshot.namespaceLabels) {
    const usesSelector =
      [
        ...pod.affinity.required,
        ...pod.affinity.requiredAnti,
        ...pod.affinity.preferred,
        ...pod.affinity.preferredAnti,
      ].some(
        (t) =>
          t.namespaceSelector.requirements !== null && t.namespaceSelector.requirements.length > 0,
      ) ||
      snapshot.nodesWithRequiredAnti.some((n) =>
        n.podsWithRequiredAnti.some((p) =>
          p.requiredAnti.some(
            (t) =>
              t.namespaceSelector.requirements !== null &&
              t.namespaceSelector.requirements.length > 0,
          ),
        ),
      );
    if (usesSelector)
      notes.push({
        code: 'namespaces-unknown',
        message: 'pod affinity terms select namespaces by label, and no namespaces were given',
      });
  }
  return notes;
}
