/**
 * A rollout's strategy with its numbers resolved as the controllers resolve them, so the
 * Rollouts view can say "maxSurge 25% = 1 pod" exactly as the cluster will act:
 * - Deployments: k8s.io/kubernetes pkg/controller/deployment/util ResolveFenceposts:
 *   maxSurge rounds UP, maxUnavailable rounds DOWN, both of spec.replicas; if both come
 *   out 0, maxUnavailable is 1. The API server defaults both to 25%.
 * - DaemonSets: pkg/controller/daemon/util SurgeCount / UnavailableCount: both round UP, of
 *   the desired number of scheduled pods; both 0 with pods to schedule: maxUnavailable 1.
 * - StatefulSets: the partition (default 0); maxUnavailable only counts with the alpha
 *   MaxUnavailableStatefulSet gate (rounds DOWN, at least 1), otherwise one pod at a time.
 * Percentages parse as apimachinery's intstr does: only "<int>%" strings; anything else
 * is reported as invalid, not guessed.
 */
import { asNumber, asRecord, asString } from '../kube/object-types';

/** One resolved fencepost: what the spec says, and the pods (and share of desired) it means. */
export interface ResolvedValue {
  /** As written in the spec (or the default): "25%" or "1". */
  spec: string;
  pods: number;
  /** pods as a share of desired, in percent (rounded); null when nothing is desired. */
  percent: number | null;
}

export interface RolloutStrategy {
  /** RollingUpdate, Recreate (Deployments) or OnDelete (StatefulSets, DaemonSets). */
  type: string;
  maxSurge?: ResolvedValue;
  maxUnavailable?: ResolvedValue;
  /** StatefulSets with RollingUpdate: pods with an ordinal below it keep the old revision. */
  partition?: number;
  /** A value the controller could not resolve either (it refuses to roll out). */
  invalid?: string;
}

/**
 * apimachinery's intstr.GetScaledValueFromIntOrPercent: an int as is; "N%" of total,
 * rounded up or down; anything else is an error (thrown, with the controller's words).
 */
export function scaledValue(value: unknown, total: number, roundUp: boolean): number {
  if (value === undefined || value === null) throw new Error('nil value for IntOrString');
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string') {
    if (!value.endsWith('%')) throw new Error('invalid type: string is not a percentage');
    const digits = value.slice(0, -1);
    // Go's strconv.Atoi: an optional sign and decimal digits, nothing else.
    if (!/^[+-]?\d+$/.test(digits)) throw new Error(`invalid value "${value}"`);
    const n = Number(digits);
    return roundUp ? Math.ceil((n * total) / 100) : Math.floor((n * total) / 100);
  }
  throw new Error('invalid type: neither int nor percentage');
}

const specText = (value: unknown): string =>
  typeof value === 'number' ? String(value) : (asString(value) ?? String(value));

function resolved(value: unknown, pods: number, desired: number): ResolvedValue {
  return {
    spec: specText(value),
    pods,
    percent: desired > 0 ? Math.round((pods * 100) / desired) : null,
  };
}

const DEFAULT_DEPLOYMENT_FENCEPOST = '25%';

/** A Deployment's strategy; `desired` is spec.replicas. */
export function deploymentStrategy(
  spec: Record<string, unknown>,
  desired: number,
): RolloutStrategy {
  const strategy = asRecord(spec['strategy']);
  const type = asString(strategy['type']) ?? 'RollingUpdate';
  if (type !== 'RollingUpdate') return { type };
  const rolling = asRecord(strategy['rollingUpdate']);
  const surgeSpec = rolling['maxSurge'] ?? DEFAULT_DEPLOYMENT_FENCEPOST;
  const unavailableSpec = rolling['maxUnavailable'] ?? DEFAULT_DEPLOYMENT_FENCEPOST;
  try {
    const surge = scaledValue(surgeSpec, desired, true);
    let unavailable = scaledValue(unavailableSpec, desired, false);
    if (surge === 0 && unavailable === 0) unavailable = 1;
    return {
      type,
      maxSurge: resolved(surgeSpec, surge, desired),
      maxUnavailable: resolved(unavailableSpec, unavailable, desired),
    };
  } catch (error) {
    return { type, invalid: (error as Error).message };
  }
}

/** A DaemonSet's strategy; `desired` is status.desiredNumberScheduled. */
export function daemonSetStrategy(spec: Record<string, unknown>, desired: number): RolloutStrategy {
  const strategy = asRecord(spec['updateStrategy']);
  const type = asString(strategy['type']) ?? 'RollingUpdate';
  if (type !== 'RollingUpdate') return { type };
  const rolling = strategy['rollingUpdate'];
  if (rolling === undefined || rolling === null) return { type };
  const r = asRecord(rolling);
  try {
    const surgeSpec = r['maxSurge'];
    const surge = surgeSpec === undefined ? 0 : scaledValue(surgeSpec, desired, true);
    let unavailable = scaledValue(r['maxUnavailable'] ?? null, desired, true);
    if (desired > 0 && surge === 0 && unavailable === 0) unavailable = 1;
    return {
      type,
      maxSurge: resolved(surgeSpec ?? 0, surge, desired),
      maxUnavailable: resolved(r['maxUnavailable'], unavailable, desired),
    };
  } catch (error) {
    return { type, invalid: (error as Error).message };
  }
}

/** A StatefulSet's strategy; `desired` is spec.replicas. */
export function statefulSetStrategy(
  spec: Record<string, unknown>,
  desired: number,
): RolloutStrategy {
  const strategy = asRecord(spec['updateStrategy']);
  const type = asString(strategy['type']) ?? 'RollingUpdate';
  if (type !== 'RollingUpdate') return { type };
  const rolling = asRecord(strategy['rollingUpdate']);
  const result: RolloutStrategy = { type, partition: asNumber(rolling['partition']) ?? 0 };
  const maxUnavailable = rolling['maxUnavailable'];
  if (maxUnavailable !== undefined) {
    try {
      const pods = Math.max(1, scaledValue(maxUnavailable, desired, false));
      result.maxUnavailable = resolved(maxUnavailable, pods, desired);
    } catch (error) {
      result.invalid = (error as Error).message;
    }
  }
  return result;
}
