import { asArray, asRecord } from '../../../../shared/kube/object-types';
import type { NodeTaint } from '../../../../shared/contract/scheduling';
import type { SummarySectionProps } from '../../ui/detail/detail-sections';
import { NodeOperations, type NodeRef } from '../nodes/NodeOperations';
import '../scheduling.css';

/** A Node object's uid, cordon state and taints, as the operations need them. */
export function nodeRefOf(
  context: string,
  name: string,
  object: SummarySectionProps['object'],
): NodeRef {
  const spec = asRecord(object.spec);
  return {
    context,
    name,
    uid: object.metadata?.uid ?? '',
    unschedulable: spec['unschedulable'] === true,
    taints: asArray<NodeTaint>(spec['taints']).filter(
      (t) => typeof t.key === 'string' && typeof t.effect === 'string',
    ),
  };
}

/** The Node detail panel's operations: cordon/uncordon, drain, taints (Summary tab, first). */
export function NodeSection(props: SummarySectionProps) {
  return (
    <NodeOperations
      api={props.api}
      node={nodeRefOf(props.target.context, props.target.name, props.object)}
      report={props.report}
    />
  );
}
