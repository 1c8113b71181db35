/**
 * Which history a detail panel's object has: a pod's, a node's or a workload's, with the
 * words its charts are titled with. Kinds without usage have none (no Metrics tab).
 */
import type { AnyKind } from '../../../../shared/contract/resources';
import type { HistoryTarget } from '../../../../shared/contract/metrics';
import { workloadKindIds } from '../../../../shared/contract/values';

export interface HistoryOf {
  target: HistoryTarget;
  /** "pod team-a/web-1 by container": what the charts' titles say after "CPU of". */
  subject: string;
  resource: 'pods' | 'nodes';
}

export function historyOf(
  kind: AnyKind,
  namespace: string | undefined,
  name: string,
): HistoryOf | undefined {
  if (kind === 'nodes')
    return { target: { kind: 'node', name }, subject: `node ${name}`, resource: 'nodes' };
  if (!namespace || typeof kind !== 'string') return undefined;
  if (kind === 'pods')
    return {
      target: { kind: 'pod', namespace, name },
      subject: `pod ${name} by container`,
      resource: 'pods',
    };
  const workloadKind = workloadKindIds.find((k) => k === kind);
  if (workloadKind)
    return {
      target: { kind: 'workload', workloadKind, namespace, name },
      subject: `${workloadKind.replace(/s$/, '')} ${name} by pod`,
      resource: 'pods',
    };
  return undefined;
}
