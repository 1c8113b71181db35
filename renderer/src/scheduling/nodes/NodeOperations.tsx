import { useState } from 'react';
import type { PilotApi } from '../../../../shared/contract/api';
import type { PilotErrorData } from '../../../../shared/contract/errors';
import type {
  NodeTaint,
  TaintEffect,
  TaintPreview,
  TaintSpec,
} from '../../../../shared/contract/scheduling';
import { taintEffects } from '../../../../shared/contract/values';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DrainRun } from './DrainRun';
import { cordonDialogText, drainDialogText, taintText } from './node-dialogs';
import { TaintPreviewDialog } from './TaintPreviewDialog';

export interface NodeRef {
  context: string;
  name: string;
  /** The uid of the node as shown: every change carries it, refused if the node was replaced. */
  uid: string;
  unschedulable: boolean;
  taints: NodeTaint[];
}

type Pending =
  | { action: 'cordon' | 'uncordon' | 'drain' }
  | { action: 'taint'; op: 'add' | 'remove'; taint: TaintSpec; preview: TaintPreview };

/**
 * Cordon/uncordon, drain (with its live progress list and cancel) and taints (add with a
 * preview of the pods a NoExecute taint evicts; remove with the Pending pods that become
 * schedulable). Each asks first, naming context and node; a refusal (RBAC's reason
 * included) is reported as the API gave it. Used by the Node detail panel and the taints view.
 */
export function NodeOperations(props: {
  api: PilotApi;
  node: NodeRef;
  report: { done(text: string): void; failed(text: string): void };
}) {
  const { api, node, report } = props;
  const [pending, setPending] = useState<Pending>();
  const [force, setForce] = useState(false);
  const [drain, setDrain] = useState<{ force: boolean; run: number }>();
  const [busy, setBusy] = useState(false);
  const ref = { context: node.context, node: node.name, uid: node.uid };

  const fail = (error: unknown) => report.failed((error as PilotErrorData).message);

  const cordon = async (cordon: boolean) => {
    setPending(undefined);
    try {
      const outcome = await api.request(cordon ? 'node.cordon' : 'node.uncordon', ref);
      report.done(outcome.message);
    } catch (error) {
      fail(error);
    }
  };

  const preview = async (op: 'add' | 'remove', taint: TaintSpec) => {
    setBusy(true);
    try {
      const answer = await api.request('node.taintPreview', {
        context: node.context,
        node: node.name,
        op,
        taint,
      });
      setPending({ action: 'taint', op, taint, preview: answer });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const applyTaint = async (p: Extract<Pending, { action: 'taint' }>) => {
    setPending(undefined);
    try {
      const outcome = await api.request('node.taint', {
        ...ref,
        uid: p.preview.uid || node.uid,
        op: p.op,
        taint: p.taint,
      });
      report.done(outcome.message);
    } catch (error) {
      fail(error);
    }
  };

  const cordonText =
    pending?.action === 'cordon' || pending?.action === 'uncordon'
      ? cordonDialogText(node.context, node.name, pending.action === 'cordon')
      : undefined;

  return (
    <section className="node-operations" aria-label="Node operations">
      <div className="node-op-bar" role="group" aria-label="Node actions">
        <button
          type="button"
          disabled={!node.uid}
          onClick={() => setPending({ action: node.unschedulable ? 'uncordon' : 'cordon' })}
        >
          {node.unschedulable ? 'Uncordon' : 'Cordon'}
        </button>
        <button
          type="button"
          className="danger"
          disabled={!node.uid || drain !== undefined}
          onClick={() => setPending({ action: 'drain' })}
        >
          Drain…
        </button>
        {node.unschedulable && <span className="muted">⊘ Cordoned: no new pods.</span>}
      </div>
      {drain && (
        <DrainRun
          key={drain.run}
          api={api}
          context={node.context}
          node={node.name}
          uid={node.uid}
          force={drain.force}
          onClose={() => setDrain(undefined)}
        />
      )}
      <h4>Taints</h4>
      {node.taints.length === 0 ? (
        <p className="muted">No taints.</p>
      ) : (
        <ul className="taint-list" aria-label="Taints">
          {node.taints.map((t) => (
            <li key={taintText(t)}>
              <code>{taintText(t)}</code>{' '}
              <button
                type="button"
                disabled={busy || !node.uid}
                aria-label={`Remove taint ${taintText(t)}`}
                onClick={() =>
                  void preview('remove', {
                    key: t.key,
                    effect: t.effect,
                    ...(t.value ? { value: t.value } : {}),
                  })
                }
              >
                Remove…
              </button>
            </li>
          ))}
        </ul>
      )}
      <AddTaintForm disabled={busy || !node.uid} onPreview={(t) => void preview('add', t)} />
      {cordonText && (pending?.action === 'cordon' || pending?.action === 'uncordon') && (
        <ConfirmDialog
          title={cordonText.title}
          facts={cordonText.facts}
          confirmLabel={cordonText.confirmLabel}
          onConfirm={() => void cordon(pending.action === 'cordon')}
          onCancel={() => setPending(undefined)}
        >
          <p>{cordonText.consequence}</p>
        </ConfirmDialog>
      )}
      {pending?.action === 'drain' &&
        (() => {
          const text = drainDialogText(node.context, node.name);
          return (
            <ConfirmDialog
              title={text.title}
              facts={text.facts}
              confirmLabel={text.confirmLabel}
              danger
              onConfirm={() => {
                setPending(undefined);
                setDrain((d) => ({ force, run: (d?.run ?? 0) + 1 }));
              }}
              onCancel={() => setPending(undefined)}
            >
              <p>{text.consequence}</p>
              <label className="toggle">
                <input
                  type="checkbox"
                  checked={force}
                  onChange={(e) => setForce(e.target.checked)}
                />
                Also evict pods no controller manages (--force): they are not recreated.
              </label>
            </ConfirmDialog>
          );
        })()}
      {pending?.action === 'taint' && (
        <TaintPreviewDialog
          context={node.context}
          node={node.name}
          op={pending.op}
          taint={pending.taint}
          preview={pending.preview}
          onConfirm={() => void applyTaint(pending)}
          onCancel={() => setPending(undefined)}
        />
      )}
    </section>
  );
}

/** Key, optional value and effect of a new taint; "Preview" asks what it would do. */
function AddTaintForm(props: { disabled: boolean; onPreview(t: TaintSpec): void }) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [effect, setEffect] = useState<TaintEffect>('NoSchedule');
  const valid = key.trim() !== '' && key.length <= 317 && value.length <= 63;
  return (
    <form
      className="add-taint"
      aria-label="Add taint"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid)
          props.onPreview({ key: key.trim(), effect, ...(value ? { value: value.trim() } : {}) });
      }}
    >
      <input
        aria-label="Taint key"
        placeholder="key"
        value={key}
        onChange={(e) => setKey(e.target.value)}
      />
      =
      <input
        aria-label="Taint value"
        placeholder="value (optional)"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <select
        aria-label="Taint effect"
        value={effect}
        onChange={(e) => setEffect(e.target.value as TaintEffect)}
      >
        {taintEffects.map((eff) => (
          <option key={eff}>{eff}</option>
        ))}
      </select>
      <button type="submit" disabled={props.disabled || !valid}>
        Preview taint…
      </button>
    </form>
  );
}
