import type {
  DrainPod,
  NodeTaint,
  TaintPreview,
  TaintSpec,
} from '../../../../shared/contract/scheduling';

/**
 * What the node operation dialogs say. Each names the context and the node (as the other
 * action dialogs name context and object), so a click in the wrong cluster is caught
 * before anything happens. Pure, so unit tests read it.
 */
export interface NodeDialogText {
  title: string;
  facts: readonly (readonly [string, string])[];
  consequence: string;
  confirmLabel: string;
}

export function nodeFacts(context: string, node: string): readonly (readonly [string, string])[] {
  return [
    ['Context', context],
    ['Node', node],
  ];
}

export function cordonDialogText(context: string, node: string, cordon: boolean): NodeDialogText {
  return cordon
    ? {
        title: `Cordon node ${node}?`,
        facts: nodeFacts(context, node),
        consequence: `No new pod will be scheduled on ${node} (kubectl cordon); the pods running there stay.`,
        confirmLabel: 'Cordon',
      }
    : {
        title: `Uncordon node ${node}?`,
        facts: nodeFacts(context, node),
        consequence: `${node} accepts new pods again (kubectl uncordon).`,
        confirmLabel: 'Uncordon',
      };
}

export function drainDialogText(context: string, node: string): NodeDialogText {
  return {
    title: `Drain node ${node}?`,
    facts: nodeFacts(context, node),
    consequence:
      `${node} is cordoned, then every pod on it is evicted through the Eviction API, as ` +
      'kubectl drain --ignore-daemonsets --delete-emptydir-data does: DaemonSet pods stay, ' +
      'emptyDir data is lost, and an eviction a PodDisruptionBudget refuses is retried every ' +
      '5 s until it is allowed or you cancel.',
    confirmLabel: 'Drain',
  };
}

/** "key=value:Effect" as kubectl taint writes it (no "=" when the value is empty). */
export function taintText(t: TaintSpec | NodeTaint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

export function taintDialogText(
  context: string,
  node: string,
  op: 'add' | 'remove',
  taint: TaintSpec,
  preview: TaintPreview,
): NodeDialogText {
  const text = taintText(taint);
  return {
    title:
      op === 'add'
        ? `Add taint ${text} to node ${node}?`
        : `Remove taint ${text} from node ${node}?`,
    facts: [...nodeFacts(context, node), ['Taint', text]],
    consequence: preview.summary,
    confirmLabel: op === 'add' ? 'Add taint' : 'Remove taint',
  };
}

/** When a previewed eviction happens, in words: "at once", "after 30 s". */
export function evictionWhen(afterSeconds: number | null): string {
  if (afterSeconds === null || afterSeconds <= 0) return 'evicted at once';
  return `evicted after ${afterSeconds} s`;
}

/** A drain row's state as words (the list shows text, never colour alone). */
export function drainStateText(pod: DrainPod): string {
  switch (pod.state) {
    case 'pending':
      return 'waiting to be evicted';
    case 'evicting':
      return 'evicting';
    case 'blocked':
      return `waiting on a PodDisruptionBudget: ${pod.message}`;
    case 'terminating':
      return 'evicted, terminating';
    case 'done':
      return 'done';
    case 'failed':
      return `failed: ${pod.message}`;
  }
}

export const drainStateIcon: Record<DrainPod['state'], string> = {
  pending: '·',
  evicting: '…',
  blocked: '‖',
  terminating: '…',
  done: '✓',
  failed: '✗',
};
