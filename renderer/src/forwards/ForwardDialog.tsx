import { useEffect, useRef, useState } from 'react';
import {
  initialForm,
  isExposed,
  LOOPBACK,
  readForm,
  type ForwardChoice,
  type ForwardForm,
} from './forward-choice';
import { portLabel, type TargetPort } from './target-ports';
import '../ui/dialog.css';
import '../ui/buttons.css';
import './forwards.css';

/**
 * "Forward…": which port of the target (listed by name and number), which local port
 * (same number, chosen, any free one), which address (127.0.0.1 unless the user picks
 * another, and then a warning says who can reach it), and "start automatically". The
 * dialog stays open with the engine's refusal when starting fails.
 */
export function ForwardDialog(props: {
  /** "Pod db-0", "Service web": what is forwarded. */
  title: string;
  facts: readonly (readonly [string, string])[];
  ports: readonly TargetPort[];
  /** Pods and workloads accept any port; a Service only its own. */
  allowOtherPort: boolean;
  onStart(choice: ForwardChoice): Promise<string | undefined>;
  onCancel(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<ForwardForm>(() => {
    const f = initialForm(props.ports);
    return f.portIndex < 0 && props.allowOtherPort ? { ...f, portIndex: -1 } : f;
  });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const set = (patch: Partial<ForwardForm>) => setForm((f) => ({ ...f, ...patch }));
  const read = readForm(form, props.ports, props.allowOtherPort);
  const chosen = form.portIndex >= 0 ? props.ports[form.portIndex] : undefined;
  const sameNumber = chosen?.port ?? (Number(form.otherPort) || undefined);
  const exposed = form.addressMode === 'other' && isExposed(form.otherAddress);

  const submit = async () => {
    if (!read.ok || busy) return;
    setBusy(true);
    setFailure(undefined);
    const problem = await props.onStart(read.choice);
    setBusy(false);
    if (problem) setFailure(problem);
  };

  return (
    <dialog
      ref={ref}
      aria-label={props.title}
      className="dialog forward-dialog"
      onCancel={props.onCancel}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2>{props.title}</h2>
        <dl className="dialog-facts">
          {props.facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>

        <fieldset>
          <legend>Port</legend>
          {props.ports.length === 0 && (
            <p className="muted">
              {props.allowOtherPort
                ? 'No container declares a port; type the one to forward.'
                : 'This Service has no ports.'}
            </p>
          )}
          {props.ports.map((p, i) => (
            <label key={`${p.port}/${p.protocol}`} className="forward-option">
              <input
                type="radio"
                name="port"
                checked={form.portIndex === i}
                disabled={p.protocol !== 'TCP'}
                onChange={() => set({ portIndex: i })}
              />
              <span className="mono">{portLabel(p)}</span>
              {p.protocol !== 'TCP' && <span className="muted"> (only TCP is forwarded)</span>}
            </label>
          ))}
          {props.allowOtherPort && (
            <label className="forward-option">
              <input
                type="radio"
                name="port"
                checked={form.portIndex === -1}
                onChange={() => set({ portIndex: -1 })}
              />
              Another port{' '}
              <input
                type="number"
                min={1}
                max={65535}
                aria-label="Remote port"
                value={form.otherPort}
                onFocus={() => set({ portIndex: -1 })}
                onChange={(e) => set({ otherPort: e.target.value })}
              />
            </label>
          )}
        </fieldset>

        <fieldset>
          <legend>Local port</legend>
          <label className="forward-option">
            <input
              type="radio"
              name="local"
              checked={form.localMode === 'same'}
              onChange={() => set({ localMode: 'same' })}
            />
            The same number{sameNumber ? ` (${sameNumber})` : ''}, if it is free
          </label>
          <label className="forward-option">
            <input
              type="radio"
              name="local"
              checked={form.localMode === 'chosen'}
              onChange={() => set({ localMode: 'chosen' })}
            />
            This one{' '}
            <input
              type="number"
              min={1}
              max={65535}
              aria-label="Local port number"
              value={form.localPort}
              onFocus={() => set({ localMode: 'chosen' })}
              onChange={(e) => set({ localMode: 'chosen', localPort: e.target.value })}
            />
          </label>
          <label className="forward-option">
            <input
              type="radio"
              name="local"
              checked={form.localMode === 'free'}
              onChange={() => set({ localMode: 'free' })}
            />
            Any free port
          </label>
        </fieldset>

        <fieldset>
          <legend>Address</legend>
          <label className="forward-option">
            <input
              type="radio"
              name="address"
              checked={form.addressMode === 'loopback'}
              onChange={() => set({ addressMode: 'loopback' })}
            />
            <span className="mono">{LOOPBACK}</span> (this machine only)
          </label>
          <label className="forward-option">
            <input
              type="radio"
              name="address"
              checked={form.addressMode === 'other'}
              onChange={() => set({ addressMode: 'other' })}
            />
            Another address{' '}
            <input
              type="text"
              aria-label="Local address"
              spellCheck={false}
              value={form.otherAddress}
              disabled={form.addressMode !== 'other'}
              onChange={(e) => set({ otherAddress: e.target.value })}
            />
          </label>
          {exposed && (
            <p className="banner banner-warning forward-warning" role="note">
              ⚠ Other machines that can reach {form.otherAddress.trim() || 'this address'} can use
              this forward without signing in: they reach the target with your cluster access.
            </p>
          )}
        </fieldset>

        <label className="forward-option">
          <input
            type="checkbox"
            checked={form.autostart}
            onChange={(e) => set({ autostart: e.target.checked })}
          />
          Start automatically when Pilothouse starts
        </label>

        {!read.ok && <p className="muted">{read.problem}</p>}
        {failure && (
          <p role="alert" className="banner banner-bad">
            {failure}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!read.ok || busy}>
            {busy ? 'Starting…' : 'Start forward'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
