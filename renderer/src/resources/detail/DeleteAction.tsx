import { useState } from 'react';
import type { PilotErrorData } from '../../../../shared/contract/errors';
import type { DetailSectionProps } from '../../ui/detail/detail-sections';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

/**
 * Delete, after a dialog that names the kind and the object ("Delete deployment web?"),
 * for kinds whose registry actions include 'delete'.
 */
export function DeleteAction({ api, target, object, report }: DetailSectionProps) {
  const [confirming, setConfirming] = useState(false);
  const noun = target.def.singular.toLowerCase();
  const owned = object?.metadata?.ownerReferences?.some((o) => o.controller) ?? false;

  const remove = async () => {
    setConfirming(false);
    try {
      await api.request('resource.delete', {
        context: target.context,
        kind: target.kind,
        name: target.name,
        ...(target.namespace ? { namespace: target.namespace } : {}),
      });
      report.done(`Deleted ${target.name}.`);
    } catch (error) {
      report.failed((error as PilotErrorData).message);
    }
  };

  return (
    <>
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete
      </button>
      {confirming && (
        <ConfirmDialog
          title={`Delete ${noun} ${target.name}?`}
          confirmLabel="Delete"
          danger
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            The {noun} <strong>{target.name}</strong>
            {target.namespace && (
              <>
                {' '}
                in <strong>{target.namespace}</strong>
              </>
            )}{' '}
            will be deleted.
            {owned && ' If a controller owns it, a replacement will be created.'}
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
