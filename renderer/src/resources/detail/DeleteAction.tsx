import { useState } from 'react';
import type { PilotErrorData } from '../../../../shared/contract/errors';
import type { DetailSectionProps } from '../../ui/detail/detail-sections';
import { isDeletable } from '../../../../shared/kube/kinds';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { deleteDialogText, deleteFailureText } from './action-dialogs';

/**
 * Delete, for kinds whose registry actions include 'delete', after a dialog naming the
 * context, namespace, kind and name. The uid of the object shown when the dialog opened
 * goes with the request (main sends it as preconditions.uid): if the name meanwhile
 * belongs to a new object, the API server refuses and the banner says it was replaced.
 */
export function DeleteAction({ api, target, object, row, report }: DetailSectionProps) {
  /** The uid the dialog is about, fixed when it opens. */
  const [confirming, setConfirming] = useState<string>();
  const owned = object?.metadata?.ownerReferences?.some((o) => o.controller) ?? false;
  // The object the panel shows; the live row until it is fetched.
  const uid = object?.metadata?.uid ?? row?.uid;
  const { kind } = target;
  if (typeof kind !== 'string' || !isDeletable(kind)) return null;

  const remove = async (seen: string) => {
    setConfirming(undefined);
    try {
      await api.request('resource.delete', {
        context: target.context,
        kind,
        name: target.name,
        uid: seen,
        ...(target.namespace ? { namespace: target.namespace } : {}),
      });
      report.done(`Deleted ${target.name}.`);
    } catch (error) {
      report.failed(deleteFailureText(target, error as PilotErrorData));
    }
  };

  const text = deleteDialogText(target, owned);
  return (
    <>
      <button
        type="button"
        className="danger"
        disabled={!uid}
        title={uid ? undefined : 'Loading the object…'}
        onClick={() => setConfirming(uid)}
      >
        Delete
      </button>
      {confirming && (
        <ConfirmDialog
          title={text.title}
          facts={text.facts}
          confirmLabel={text.confirmLabel}
          danger
          onConfirm={() => void remove(confirming)}
          onCancel={() => setConfirming(undefined)}
        >
          <p>{text.consequence}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
