import { useState } from 'react';
import type { PilotErrorData } from '../../../../shared/contract/errors';
import type { ActionOutcome, RolloutKind } from '../../../../shared/contract/rollouts';
import { asRecord } from '../../../../shared/kube/object-types';
import type { SummarySectionProps } from '../../ui/detail/detail-sections';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import {
  partitionDialogText,
  pauseDialogText,
  restartDialogText,
  type RolloutDialogText,
} from './rollout-dialogs';

type Pending =
  | { action: 'restart' }
  | { action: 'pause' | 'resume' }
  | { action: 'partition'; partition: number };

/**
 * Restart (all three kinds), Pause/Resume (Deployments) and the partition of a
 * RollingUpdate StatefulSet. Each asks first, naming context, namespace, kind and name;
 * the uid of the object shown goes with the request, and a refusal (RBAC's reason
 * included) shows in the panel's banner.
 */
export function RolloutActions({
  api,
  target,
  object,
  report,
  kind,
  namespace,
}: SummarySectionProps & { kind: RolloutKind; namespace: string }) {
  const [pending, setPending] = useState<Pending>();
  const uid = object.metadata?.uid ?? '';
  const paused = asRecord(object.spec)['paused'] === true;
  const strategy = asRecord(asRecord(object.spec)['updateStrategy']);
  const rolling =
    kind === 'statefulsets' && (strategy['type'] ?? 'RollingUpdate') === 'RollingUpdate';

  const run = async (p: Pending) => {
    setPending(undefined);
    const ref = { context: target.context, namespace, name: target.name, uid };
    try {
      let outcome: ActionOutcome;
      if (p.action === 'restart') outcome = await api.request('rollout.restart', { ...ref, kind });
      else if (p.action === 'partition')
        outcome = await api.request('rollout.partition', {
          ...ref,
          kind: 'statefulsets',
          partition: p.partition,
        });
      else outcome = await api.request(`rollout.${p.action}`, { ...ref, kind: 'deployments' });
      report.done(`${target.def.singular} ${target.name} ${outcome.message}.`);
    } catch (error) {
      report.failed((error as PilotErrorData).message);
    }
  };

  let text: RolloutDialogText | undefined;
  if (pending?.action === 'restart') text = restartDialogText(target);
  else if (pending?.action === 'pause' || pending?.action === 'resume') {
    text = pauseDialogText(target, pending.action === 'pause');
  } else if (pending?.action === 'partition') text = partitionDialogText(target, pending.partition);

  return (
    <div className="rollout-actions" role="group" aria-label="Rollout actions">
      <button type="button" disabled={!uid} onClick={() => setPending({ action: 'restart' })}>
        Restart
      </button>
      {kind === 'deployments' && (
        <button
          type="button"
          disabled={!uid}
          onClick={() => setPending({ action: paused ? 'resume' : 'pause' })}
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
      )}
      {rolling && (
        <PartitionForm
          key={String(asRecord(strategy['rollingUpdate'])['partition'] ?? 0)}
          current={Number(asRecord(strategy['rollingUpdate'])['partition'] ?? 0)}
          onSet={(partition) => setPending({ action: 'partition', partition })}
        />
      )}
      {pending && text && (
        <ConfirmDialog
          title={text.title}
          facts={text.facts}
          confirmLabel={text.confirmLabel}
          danger={pending.action === 'restart'}
          onConfirm={() => void run(pending)}
          onCancel={() => setPending(undefined)}
        >
          <p>{text.consequence}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function PartitionForm(props: { current: number; onSet(partition: number): void }) {
  const [value, setValue] = useState(String(props.current));
  const n = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 2_147_483_647;
  return (
    <form
      className="partition-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) props.onSet(n);
      }}
    >
      <label>
        Partition{' '}
        <input
          type="number"
          min={0}
          aria-label="Partition"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <button type="submit" disabled={!valid || n === props.current}>
        Set partition
      </button>
    </form>
  );
}
