import { useEffect, useRef } from 'react';
import '../ui/dialog.css';
import '../ui/buttons.css';

/**
 * Stopping a forward asks what to do with it: keep it in the list (and in the saved
 * forwards) as stopped, to start again later, or remove it. Escape and Cancel leave it
 * running.
 */
export function StopDialog(props: {
  address: string;
  target: string;
  onKeep(): void;
  onRemove(): void;
  onCancel(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const title = `Stop the forward ${props.address || props.target}?`;
  return (
    <dialog ref={ref} aria-label={title} className="dialog" onCancel={props.onCancel}>
      <h2>{title}</h2>
      <dl className="dialog-facts">
        <div>
          <dt>Local address</dt>
          <dd>{props.address || '–'}</dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd>{props.target}</dd>
        </div>
      </dl>
      <p>
        Its open connections are closed. Keep it as stopped to start it again later from this list,
        or remove it (it is also forgotten by the saved forwards).
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={props.onRemove}>
          Stop and remove
        </button>
        <button type="button" className="primary" onClick={props.onKeep}>
          Stop and keep
        </button>
      </div>
    </dialog>
  );
}
