import type { TaintPreview, TaintSpec } from '../../../../shared/contract/scheduling';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { evictionWhen, taintDialogText } from './node-dialogs';

/** Pod lists in the dialog are cut here; the summary sentence still counts them all. */
const MAX_LISTED_PODS = 50;

/**
 * The confirmation of a taint change with its previewed effect: adding a NoExecute taint
 * lists the pods it evicts and when (tolerationSeconds honoured); removing a taint lists
 * the Pending pods that become schedulable. Names context, node and taint.
 */
export function TaintPreviewDialog(props: {
  context: string;
  node: string;
  op: 'add' | 'remove';
  taint: TaintSpec;
  preview: TaintPreview;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { preview } = props;
  const text = taintDialogText(props.context, props.node, props.op, props.taint, preview);
  const evicting = props.op === 'add' && preview.evicted.length > 0;
  return (
    <ConfirmDialog
      title={text.title}
      facts={text.facts}
      confirmLabel={text.confirmLabel}
      danger={evicting}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    >
      <p aria-label="Preview summary">{text.consequence}</p>
      {preview.evicted.length > 0 && (
        <>
          <h3>Pods that will be evicted</h3>
          <ul className="preview-list" aria-label="Pods evicted">
            {preview.evicted.slice(0, MAX_LISTED_PODS).map((p) => (
              <li key={p.uid}>
                {p.namespace}/{p.name}: {evictionWhen(p.afterSeconds)}
                {p.at ? ` (at ${new Date(p.at).toLocaleTimeString()})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {props.op === 'add' && preview.staying > 0 && (
        <p className="muted">{preview.staying} pod(s) on the node tolerate it and stay.</p>
      )}
      {preview.schedulable.length > 0 && (
        <>
          <h3>Pending pods that become schedulable</h3>
          <ul className="preview-list" aria-label="Pods schedulable">
            {preview.schedulable.slice(0, MAX_LISTED_PODS).map((p) => (
              <li key={p.uid}>
                {p.namespace}/{p.name}
              </li>
            ))}
          </ul>
        </>
      )}
      {(preview.evicted.length > MAX_LISTED_PODS ||
        preview.schedulable.length > MAX_LISTED_PODS) && (
        <p className="muted">The first {MAX_LISTED_PODS} are listed.</p>
      )}
    </ConfirmDialog>
  );
}
