import { useEffect, useRef } from 'react';
import './dialog.css';
import './buttons.css';

/**
 * A modal confirmation on the native <dialog>: focus-trapped, Escape cancels. `facts` are
 * listed as label/value pairs (which object, where); long values wrap, never overflow.
 */
export function ConfirmDialog(props: {
  title: string;
  facts?: readonly (readonly [string, string])[];
  children: React.ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} aria-label={props.title} className="dialog" onCancel={props.onCancel}>
      <h2>{props.title}</h2>
      {props.facts && props.facts.length > 0 && (
        <dl className="dialog-facts">
          {props.facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <div>{props.children}</div>
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className={props.danger ? 'danger' : 'primary'}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
