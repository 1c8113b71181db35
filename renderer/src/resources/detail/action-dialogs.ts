import type { PilotErrorData } from '../../../../shared/contract/errors';
import type { DetailTarget } from '../../ui/detail/detail-sections';

/**
 * What the action dialogs say, for any kind the registry offers the action on: each names
 * the context, namespace, kind and name of the object, so a click in the wrong context or
 * namespace is caught before anything happens. Pure, so unit tests read it for every kind.
 */
export interface ActionDialogText {
  title: string;
  /** Label and value pairs the dialog lists: Context, Namespace, Kind, Name. */
  facts: readonly (readonly [string, string])[];
  /** What confirming does. */
  consequence: string;
  confirmLabel: string;
}

/** Context, namespace, kind and name of the target, in that order. */
export function objectFacts(target: DetailTarget): readonly (readonly [string, string])[] {
  return [
    ['Context', target.context],
    ['Namespace', target.namespace ?? '(cluster-scoped)'],
    ['Kind', target.def.singular],
    ['Name', target.name],
  ];
}

export function deleteDialogText(target: DetailTarget, owned: boolean): ActionDialogText {
  const kind = target.def.singular;
  return {
    title: `Delete ${kind} ${target.name}?`,
    facts: objectFacts(target),
    consequence:
      `This ${kind} will be deleted: the one shown here, not a newer one of the same name.` +
      (owned ? ' Its controller will create a replacement.' : ''),
    confirmLabel: 'Delete',
  };
}

export function scaleToZeroDialogText(target: DetailTarget): ActionDialogText {
  const kind = target.def.singular;
  return {
    title: `Scale ${kind} ${target.name} to 0?`,
    facts: objectFacts(target),
    consequence: `Every pod of this ${kind} will be stopped until it is scaled up again.`,
    confirmLabel: 'Scale to 0',
  };
}

/**
 * The banner after a refused delete. `Conflict` is the API server refusing the uid
 * precondition: the name now belongs to another object (the panel then shows that one).
 */
export function deleteFailureText(target: DetailTarget, error: PilotErrorData): string {
  const what = `${target.def.singular} ${target.name}`;
  if (error.code === 'Conflict') {
    return `${what} was replaced since you opened it; nothing was deleted. The panel now shows the new one.`;
  }
  if (error.code === 'Cancelled') return `The delete of ${what} was cancelled.`;
  return error.message;
}
