import { useEffect, useRef, useState } from 'react';
import type { PilotErrorData } from '../../../../shared/contract/errors';
import type { NamespaceForwardState } from '../../../../shared/contract/forwards';
import { formatRoute } from '../../data/route';
import type { DetailSectionProps } from '../../ui/detail/detail-sections';
import { useNamespaceForwards } from '../forward-feed';
import { HostsLines, NamespaceForwardTable } from '../NamespaceForwardTable';
import '../../ui/dialog.css';
import '../../ui/buttons.css';
import '../forwards.css';

type Step =
  | { step: 'ask' }
  | { step: 'starting' }
  | { step: 'running'; id: string; first: NamespaceForwardState }
  | { step: 'failed'; message: string };

/**
 * "Forward all Services" on a namespace: says what will happen, starts it, then shows the
 * resulting table (Service, address, ports), live as Services come and go, and the
 * hosts-file lines with a Copy button. Pilothouse never writes /etc/hosts.
 */
export function NamespaceForwardAction({ api, route, target }: DetailSectionProps) {
  const [step, setStep] = useState<Step>();
  const namespace = target.name;
  const start = async () => {
    setStep({ step: 'starting' });
    try {
      const state = await api.request('forwards.namespace.start', {
        context: target.context,
        namespace,
      });
      setStep({ step: 'running', id: state.id, first: state });
    } catch (error) {
      setStep({ step: 'failed', message: (error as PilotErrorData).message });
    }
  };
  const { object: _object, crd: _crd, query: _query, ...keep } = route;
  return (
    <>
      <button type="button" onClick={() => setStep({ step: 'ask' })}>
        Forward all Services
      </button>
      {step && (
        <NamespaceDialog
          title={`Forward every Service of ${namespace}`}
          onClose={() => setStep(undefined)}
          viewHref={formatRoute({ ...keep, view: 'port-forwards', context: target.context })}
          step={step}
          onStart={() => void start()}
          api={api}
          context={target.context}
          namespace={namespace}
        />
      )}
    </>
  );
}

function NamespaceDialog(props: {
  title: string;
  step: Step;
  api: DetailSectionProps['api'];
  context: string;
  namespace: string;
  viewHref: string;
  onStart(): void;
  onClose(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const { groups } = useNamespaceForwards(props.api);
  const { step } = props;
  const live =
    step.step === 'running' ? (groups.find((g) => g.id === step.id) ?? step.first) : undefined;
  return (
    <dialog
      ref={ref}
      aria-label={props.title}
      className="dialog forward-dialog namespace-dialog"
      onCancel={props.onClose}
    >
      <h2>{props.title}</h2>
      <dl className="dialog-facts">
        <div>
          <dt>Context</dt>
          <dd>{props.context}</dd>
        </div>
        <div>
          <dt>Namespace</dt>
          <dd>{props.namespace}</dd>
        </div>
      </dl>
      {(step.step === 'ask' || step.step === 'starting') && (
        <p>
          Each Service gets its own loopback address (127.1.x.y) with its own ports, so several can
          use port 80 at once; where the system has only 127.0.0.1, distinct free ports instead.
          Services created later are added, deleted ones removed. Pilothouse never writes
          /etc/hosts: it gives you the lines to copy.
        </p>
      )}
      {step.step === 'failed' && (
        <p role="alert" className="banner banner-bad">
          {step.message}
        </p>
      )}
      {live && (
        <>
          <p role="status">
            {live.state}
            {live.mode === 'ports'
              ? ' (distinct ports on 127.0.0.1: no other loopback address here)'
              : ''}
          </p>
          <NamespaceForwardTable group={live} />
          <HostsLines group={live} />
        </>
      )}
      <div className="dialog-actions">
        {live ? (
          <>
            <a className="button-link" href={props.viewHref} onClick={props.onClose}>
              Open Port-forwards
            </a>
            <button type="button" className="primary" onClick={props.onClose} autoFocus>
              Close
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={props.onClose} autoFocus>
              Cancel
            </button>
            <button
              type="button"
              className="primary"
              disabled={step.step === 'starting'}
              onClick={props.onStart}
            >
              {step.step === 'starting' ? 'Starting…' : 'Forward all Services'}
            </button>
          </>
        )}
      </div>
    </dialog>
  );
}
