/**
 * `kubectl rollout status --watch=false`, case for case and word for word, so Pilothouse
 * and kubectl never disagree about a rollout. Ported from k8s.io/kubectl@v0.33.13
 * pkg/polymorphichelpers/rollout_status.go (DeploymentStatusViewer, DaemonSetStatusViewer,
 * StatefulSetStatusViewer, revision 0). kubectl prints the message with a trailing newline;
 * here it is kept without it. Where kubectl returns an error (progress deadline exceeded,
 * an OnDelete strategy), `message` is the error's text (kubectl prints "error: " + it).
 *
 * On top of kubectl's answer, `kind` classifies it for the Rollouts view's filter; that
 * includes "paused", which kubectl does not report (a paused Deployment keeps kubectl's
 * message, and the view says it is paused).
 */
import {
  asArray,
  asNumber,
  asRecord,
  asString,
  type ConditionLike,
  type KubeObject,
} from '../kube/object-types';

export type RolloutStatusKind =
  'complete' | 'progressing' | 'paused' | 'deadline-exceeded' | 'observed-behind' | 'unknown';

export interface RolloutStatus {
  kind: RolloutStatusKind;
  /** kubectl's line, without its trailing newline (or its error's text). */
  message: string;
  /** kubectl's `done`: the watch would stop here. */
  done: boolean;
  /** kubectl answered with an error (exit status 1, "error: <message>" on stderr). */
  error: boolean;
}

/** kubectl's deploymentutil.TimedOutReason. */
export const TIMED_OUT_REASON = 'ProgressDeadlineExceeded';
const ONLY_ROLLING_UPDATE = 'rollout status is only available for RollingUpdate strategy type';

const num = (value: unknown): number => asNumber(value) ?? 0;
/** Go's %q for the names Kubernetes allows (printable ASCII); escapes the rest as JSON does. */
const q = (name: string): string => JSON.stringify(name);

export function deploymentStatus(object: KubeObject): RolloutStatus {
  const meta = object.metadata ?? {};
  const name = meta.name ?? '';
  const spec = asRecord(object.spec);
  const status = asRecord(object.status);
  const paused = spec['paused'] === true;
  const progressing = (done: boolean): RolloutStatusKind =>
    done ? (paused ? 'paused' : 'complete') : paused ? 'paused' : 'progressing';
  const say = (message: string, done: boolean): RolloutStatus => ({
    kind: progressing(done),
    message,
    done,
    error: false,
  });
  if (num(meta.generation) <= num(status['observedGeneration'])) {
    const cond = asArray<ConditionLike>(status['conditions']).find((c) => c.type === 'Progressing');
    if (cond?.reason === TIMED_OUT_REASON)
      return {
        kind: 'deadline-exceeded',
        message: `deployment ${q(name)} exceeded its progress deadline`,
        done: false,
        error: true,
      };
    const replicas = asNumber(spec['replicas']);
    const updated = num(status['updatedReplicas']);
    const total = num(status['replicas']);
    const available = num(status['availableReplicas']);
    if (replicas !== undefined && updated < replicas)
      return say(
        `Waiting for deployment ${q(name)} rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`,
        false,
      );
    if (total > updated)
      return say(
        `Waiting for deployment ${q(name)} rollout to finish: ${total - updated} old replicas are pending termination...`,
        false,
      );
    if (available < updated)
      return say(
        `Waiting for deployment ${q(name)} rollout to finish: ${available} of ${updated} updated replicas are available...`,
        false,
      );
    return say(`deployment ${q(name)} successfully rolled out`, true);
  }
  return {
    kind: 'observed-behind',
    message: 'Waiting for deployment spec update to be observed...',
    done: false,
    error: false,
  };
}

export function daemonSetStatus(object: KubeObject): RolloutStatus {
  const meta = object.metadata ?? {};
  const name = meta.name ?? '';
  const spec = asRecord(object.spec);
  const status = asRecord(object.status);
  // kubectl reads updateStrategy.type as is: an absent type is not RollingUpdate.
  if (asString(asRecord(spec['updateStrategy'])['type']) !== 'RollingUpdate')
    return { kind: 'unknown', message: ONLY_ROLLING_UPDATE, done: true, error: true };
  if (num(meta.generation) <= num(status['observedGeneration'])) {
    const updated = num(status['updatedNumberScheduled']);
    const desired = num(status['desiredNumberScheduled']);
    const available = num(status['numberAvailable']);
    if (updated < desired)
      return progressingStatus(
        `Waiting for daemon set ${q(name)} rollout to finish: ${updated} out of ${desired} new pods have been updated...`,
      );
    if (available < desired)
      return progressingStatus(
        `Waiting for daemon set ${q(name)} rollout to finish: ${available} of ${desired} updated pods are available...`,
      );
    return {
      kind: 'complete',
      message: `daemon set ${q(name)} successfully rolled out`,
      done: true,
      error: false,
    };
  }
  return {
    kind: 'observed-behind',
    message: 'Waiting for daemon set spec update to be observed...',
    done: false,
    error: false,
  };
}

export function statefulSetStatus(object: KubeObject): RolloutStatus {
  const meta = object.metadata ?? {};
  const spec = asRecord(object.spec);
  const status = asRecord(object.status);
  const strategy = asRecord(spec['updateStrategy']);
  if (asString(strategy['type']) !== 'RollingUpdate')
    return { kind: 'unknown', message: ONLY_ROLLING_UPDATE, done: true, error: true };
  const observed = num(status['observedGeneration']);
  if (observed === 0 || num(meta.generation) > observed)
    return {
      kind: 'observed-behind',
      message: 'Waiting for statefulset spec update to be observed...',
      done: false,
      error: false,
    };
  const replicas = asNumber(spec['replicas']);
  const ready = num(status['readyReplicas']);
  const updated = num(status['updatedReplicas']);
  if (replicas !== undefined && ready < replicas)
    return progressingStatus(`Waiting for ${replicas - ready} pods to be ready...`);
  const rolling = strategy['rollingUpdate'];
  if (rolling !== undefined && rolling !== null) {
    const partition = asNumber(asRecord(rolling)['partition']);
    if (replicas !== undefined && partition !== undefined && updated < replicas - partition)
      return progressingStatus(
        `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...`,
      );
    return {
      kind: 'complete',
      message: `partitioned roll out complete: ${updated} new pods have been updated...`,
      done: true,
      error: false,
    };
  }
  const updateRevision = asString(status['updateRevision']) ?? '';
  const currentRevision = asString(status['currentRevision']) ?? '';
  if (updateRevision !== currentRevision)
    return progressingStatus(
      `waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...`,
    );
  return {
    kind: 'complete',
    message: `statefulset rolling update complete ${num(status['currentReplicas'])} pods at revision ${currentRevision}...`,
    done: true,
    error: false,
  };
}

function progressingStatus(message: string): RolloutStatus {
  return { kind: 'progressing', message, done: false, error: false };
}
