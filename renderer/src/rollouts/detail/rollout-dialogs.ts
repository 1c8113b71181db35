import type { DetailTarget } from '../../ui/detail/detail-sections';

/**
 * What the rollout dialogs say. Each names the context, namespace, kind and name it acts
 * on (as the resources feature's action dialogs do), so a click in the wrong context or
 * namespace is caught before anything happens. Pure, so unit tests read it.
 */
export interface RolloutDialogText {
  title: string;
  facts: readonly (readonly [string, string])[];
  consequence: string;
  confirmLabel: string;
}

export function workloadFacts(target: DetailTarget): readonly (readonly [string, string])[] {
  return [
    ['Context', target.context],
    ['Namespace', target.namespace ?? '(cluster-scoped)'],
    ['Kind', target.def.singular],
    ['Name', target.name],
  ];
}

export function rollbackDialogText(target: DetailTarget, revision: number): RolloutDialogText {
  return {
    title: `Roll back ${target.def.singular} ${target.name} to revision ${revision}?`,
    facts: [...workloadFacts(target), ['To revision', String(revision)]],
    consequence: `The pod template becomes revision ${revision}'s, as kubectl rollout undo --to-revision=${revision} does; pods are replaced by the rollout strategy.`,
    confirmLabel: 'Roll back',
  };
}

export function restartDialogText(target: DetailTarget): RolloutDialogText {
  return {
    title: `Restart ${target.def.singular} ${target.name}?`,
    facts: workloadFacts(target),
    consequence:
      'Every pod is replaced, following the rollout strategy (kubectl rollout restart: a restartedAt annotation on the pod template).',
    confirmLabel: 'Restart',
  };
}

export function pauseDialogText(target: DetailTarget, pause: boolean): RolloutDialogText {
  return {
    title: `${pause ? 'Pause' : 'Resume'} the rollout of ${target.def.singular} ${target.name}?`,
    facts: workloadFacts(target),
    consequence: pause
      ? 'Changes to the pod template will not roll out until the rollout is resumed.'
      : 'Changes made to the pod template while paused roll out now.',
    confirmLabel: pause ? 'Pause' : 'Resume',
  };
}

export function partitionDialogText(target: DetailTarget, partition: number): RolloutDialogText {
  return {
    title: `Set the partition of ${target.def.singular} ${target.name} to ${partition}?`,
    facts: [...workloadFacts(target), ['Partition', String(partition)]],
    consequence: `Only pods with an ordinal of ${partition} or more are updated to the current revision; the others keep theirs.`,
    confirmLabel: 'Set partition',
  };
}
