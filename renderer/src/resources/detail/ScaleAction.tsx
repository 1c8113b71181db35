import { useState } from 'react';
import type { PilotErrorData } from '../../../../shared/contract/errors';
import { isScalable } from '../../../../shared/kube/kinds';
import type { DetailSectionProps } from '../../ui/detail/detail-sections';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { scaleToZeroDialogText } from './action-dialogs';

/**
 * Replicas field and Scale button, for kinds whose registry actions include 'scale'.
 * Scaling to 0 stops every pod, so it asks first (naming context, namespace, kind and
 * name); other values apply at once.
 */
export function ScaleAction({ api, target, row, report }: DetailSectionProps) {
  const [confirmZero, setConfirmZero] = useState(false);
  const { kind, namespace } = target;
  if (typeof kind !== 'string' || !isScalable(kind) || !namespace) return null;
  const scale = async (replicas: number) => {
    try {
      await api.request('resource.scale', {
        context: target.context,
        kind,
        namespace,
        name: target.name,
        replicas,
      });
      report.done(`Scaled to ${replicas}.`);
    } catch (error) {
      report.failed((error as PilotErrorData).message);
    }
  };
  const text = scaleToZeroDialogText(target);
  return (
    <>
      <ScaleForm
        // Filled in once the row (and its desired replicas) arrives; later edits are kept.
        key={row?.facts?.desired === undefined ? 'unknown' : 'known'}
        current={row?.facts?.desired}
        onScale={(replicas) => (replicas === 0 ? setConfirmZero(true) : void scale(replicas))}
      />
      {confirmZero && (
        <ConfirmDialog
          title={text.title}
          facts={text.facts}
          confirmLabel={text.confirmLabel}
          danger
          onConfirm={() => {
            setConfirmZero(false);
            void scale(0);
          }}
          onCancel={() => setConfirmZero(false)}
        >
          <p>{text.consequence}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function ScaleForm({
  current,
  onScale,
}: {
  current: number | undefined;
  onScale(replicas: number): void;
}) {
  const [value, setValue] = useState<string>(current === undefined ? '' : String(current));
  const n = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 100000;
  return (
    <form
      className="scale-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onScale(n);
      }}
    >
      <label>
        Replicas{' '}
        <input
          type="number"
          min={0}
          max={100000}
          aria-label="Replicas"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <button type="submit" disabled={!valid}>
        Scale
      </button>
    </form>
  );
}
