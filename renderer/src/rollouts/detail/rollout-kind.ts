import type { AnyKind } from '../../../../shared/contract/resources';
import type { RolloutKind } from '../../../../shared/contract/rollouts';
import { rolloutKindIds } from '../../../../shared/contract/values';

/** The kind as a rollout kind (Deployment, StatefulSet, DaemonSet), or undefined. */
export function rolloutKindOf(kind: AnyKind): RolloutKind | undefined {
  return typeof kind === 'string' && (rolloutKindIds as readonly string[]).includes(kind)
    ? (kind as RolloutKind)
    : undefined;
}
