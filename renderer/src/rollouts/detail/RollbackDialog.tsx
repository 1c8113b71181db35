import { useEffect, useState } from 'react';
import type { PilotApi } from '../../../../shared/contract/api';
import type { PilotErrorData } from '../../../../shared/contract/errors';
import type { RollbackPreview, RolloutKind } from '../../../../shared/contract/rollouts';
import type { DetailReport, DetailTarget } from '../../ui/detail/detail-sections';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { rollbackDialogText } from './rollout-dialogs';
import { DiffView } from './DiffView';

/**
 * "Roll back to revision N": names the workload, shows the diff the rollback will apply
 * (main sends the very request with dryRun=All and diffs the answer), then sends it.
 * The uid the preview was made on goes with the rollback: a replaced workload is refused.
 */
export function RollbackDialog(props: {
  api: PilotApi;
  target: DetailTarget;
  kind: RolloutKind;
  namespace: string;
  revision: number;
  /** The workload's uid from the history, used if the preview failed. */
  uid: string;
  report: DetailReport;
  onClose(): void;
}) {
  const { api, target, kind, namespace, revision } = props;
  const [preview, setPreview] = useState<RollbackPreview>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const controller = new AbortController();
    api
      .request(
        'rollout.rollbackPreview',
        { context: target.context, kind, namespace, name: target.name, revision },
        controller.signal,
      )
      .then(setPreview, (e: PilotErrorData) => {
        if (!controller.signal.aborted) setError(e.message);
      });
    return () => controller.abort();
  }, [api, target.context, target.name, kind, namespace, revision]);

  const confirm = async () => {
    props.onClose();
    try {
      const outcome = await api.request('rollout.rollback', {
        context: target.context,
        kind,
        namespace,
        name: target.name,
        uid: preview?.uid ?? props.uid,
        revision,
      });
      props.report.done(
        outcome.message === 'rolled back'
          ? `Rolled back to revision ${revision}.`
          : outcome.message,
      );
    } catch (e) {
      props.report.failed((e as PilotErrorData).message);
    }
  };

  const text = rollbackDialogText(target, revision);
  return (
    <ConfirmDialog
      title={text.title}
      facts={text.facts}
      confirmLabel={text.confirmLabel}
      danger
      onConfirm={() => void confirm()}
      onCancel={props.onClose}
    >
      <p>{text.consequence}</p>
      {!preview && !error && <p className="muted">Asking the API server (dry run)…</p>}
      {error && (
        <p role="alert" className="banner banner-bad">
          The dry run was refused: {error}
        </p>
      )}
      {preview?.outcome === 'skip' && <p className="banner banner-warning">{preview.message}</p>}
      {preview?.outcome === 'rollback' && (
        <section aria-label="Changes the rollback applies">
          <h3>What changes (server-side dry run)</h3>
          <DiffView diff={preview.diff} />
        </section>
      )}
    </ConfirmDialog>
  );
}
