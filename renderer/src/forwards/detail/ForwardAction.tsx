import { useState } from 'react';
import type { PilotErrorData } from '../../../../shared/contract/errors';
import type { ForwardSpecInput } from '../../../../shared/contract/forwards';
import type { DetailSectionProps } from '../../ui/detail/detail-sections';
import { ForwardDialog } from '../ForwardDialog';
import type { ForwardChoice } from '../forward-choice';
import { isForwardableKind, targetPorts, type TargetPort } from '../target-ports';

type Ports = { status: 'loading' } | { status: 'ready'; ports: TargetPort[] };

/**
 * "Forward…" on a pod, Service, Deployment, StatefulSet or ReplicaSet: asks main for the
 * target's ports (`forward.ports`; the object the panel already holds answers if that
 * fails), then saves and starts the forward the dialog describes. The forward's live
 * state shows under the panel's banners (ForwardNotice) and in the Port-forwards view.
 */
export function ForwardAction({ api, target, object, report }: DetailSectionProps) {
  const [ports, setPorts] = useState<Ports>();
  const { kind, namespace } = target;
  if (!isForwardableKind(kind) || !namespace) return null;
  const ref = { context: target.context, namespace, kind, name: target.name };

  const open = async () => {
    setPorts({ status: 'loading' });
    try {
      const answer = await api.request('forward.ports', ref);
      setPorts({
        status: 'ready',
        ports: answer.ports.map((p) => ({
          port: p.port,
          name: p.name,
          protocol: p.protocol,
          ...(kind === 'services' ? { targetPort: p.targetPort } : {}),
          ...(p.container ? { container: p.container } : {}),
        })),
      });
    } catch {
      setPorts({ status: 'ready', ports: targetPorts(kind, object) });
    }
  };

  const start = async (choice: ForwardChoice): Promise<string | undefined> => {
    const spec: ForwardSpecInput = {
      ...ref,
      port: choice.remotePort,
      localPort: choice.localPort ?? 'same-or-free',
      address: choice.address,
    };
    try {
      await api.request('forwards.saved.save', { spec, autostart: choice.autostart, start: true });
      setPorts(undefined);
      report.done(
        `Forwarding ${target.def.singular} ${target.name} port ${choice.portName || choice.remotePort}` +
          (choice.autostart ? '; it starts automatically with Pilothouse.' : '.'),
      );
      return undefined;
    } catch (error) {
      return (error as PilotErrorData).message;
    }
  };

  return (
    <>
      <button type="button" onClick={() => void open()} disabled={ports?.status === 'loading'}>
        Forward…
      </button>
      {ports?.status === 'ready' && (
        <ForwardDialog
          title={`Forward ${target.def.singular} ${target.name}`}
          facts={[
            ['Context', target.context],
            ['Namespace', namespace],
            [target.def.singular, target.name],
          ]}
          ports={ports.ports}
          allowOtherPort={kind !== 'services'}
          onStart={start}
          onCancel={() => setPorts(undefined)}
        />
      )}
    </>
  );
}
