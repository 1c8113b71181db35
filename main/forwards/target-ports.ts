/**
 * The ports of a pod, Service or workload for the "Forward…" dialog, by name and number:
 * a Service's ports (what kubectl port-forward svc/NAME accepts) with their targetPort as
 * written; a pod's container ports; a workload's pod template's container ports. One GET,
 * cancelled with the call.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { ForwardKind, TargetPort, TargetPorts } from '../../shared/contract/forwards';
import { PilotError } from '../../shared/contract/errors';
import { asRecord, type KubeObject } from '../../shared/kube/object-types';
import { podFacts, serviceFacts } from '../../shared/forwards/target-facts';
import { classifyKubeError } from '../platform/classify-error';
import { objectPath } from '../platform/api-paths';
import { kubeJson } from '../platform/http';

const api: Record<
  ForwardKind,
  { group: string; version: string; plural: string; namespaced: true }
> = {
  pods: { group: '', version: 'v1', plural: 'pods', namespaced: true },
  services: { group: '', version: 'v1', plural: 'services', namespaced: true },
  deployments: { group: 'apps', version: 'v1', plural: 'deployments', namespaced: true },
  statefulsets: { group: 'apps', version: 'v1', plural: 'statefulsets', namespaced: true },
  replicasets: { group: 'apps', version: 'v1', plural: 'replicasets', namespaced: true },
};

export interface TargetRef {
  namespace: string;
  kind: ForwardKind;
  name: string;
}

export async function targetPorts(
  kc: KubeConfig,
  ref: TargetRef,
  signal: AbortSignal,
): Promise<TargetPorts> {
  let object: KubeObject;
  try {
    object = await kubeJson<KubeObject>(
      kc,
      objectPath(api[ref.kind], ref.namespace, ref.name),
      {},
      { signal },
    );
  } catch (error) {
    if (signal.aborted) throw new PilotError('Cancelled', 'cancelled');
    throw classifyKubeError(error, { action: `read ${ref.kind} ${ref.namespace}/${ref.name}` });
  }
  return { uid: object.metadata?.uid ?? '', ports: portsOf(ref.kind, object) };
}

export function portsOf(kind: ForwardKind, object: KubeObject): TargetPort[] {
  if (kind === 'services')
    return serviceFacts(object).ports.map((p) => ({
      port: p.port,
      name: p.name,
      protocol: p.protocol,
      targetPort: p.targetPort === null ? '' : String(p.targetPort),
      container: '',
    }));
  const pod =
    kind === 'pods'
      ? object
      : ({ spec: asRecord(asRecord(asRecord(object.spec)['template'])['spec']) } as KubeObject);
  return podFacts(pod).ports.map((p) => ({
    port: p.port,
    name: p.name,
    protocol: p.protocol,
    targetPort: '',
    container: p.container,
  }));
}
