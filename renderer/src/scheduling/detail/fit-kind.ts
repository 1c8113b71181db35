import type { AnyKind } from '../../../../shared/contract/resources';
import type { FitKind } from '../../../../shared/contract/scheduling';
import { fitKindIds } from '../../../../shared/contract/values';

/** The kind as one the fit can judge (a pod, or a kind with a pod template), or undefined. */
export function fitKindOf(kind: AnyKind): FitKind | undefined {
  return typeof kind === 'string' && (fitKindIds as readonly string[]).includes(kind)
    ? (kind as FitKind)
    : undefined;
}
