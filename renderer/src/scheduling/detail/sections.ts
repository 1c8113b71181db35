/**
 * What the scheduling feature contributes to the detail panel: the "Scheduling" tab of a
 * pod and of the kinds with a pod template (Deployment, StatefulSet, DaemonSet, Job), and
 * the node operations at the head of a Node's Summary. The shell composes them
 * (shell/composition.ts).
 */
import type { DetailSection } from '../../ui/detail/detail-sections';
import { fitKindOf } from './fit-kind';
import { NodeSection } from './NodeSection';
import { SchedulingTab } from './SchedulingTab';

export const schedulingDetailSections: readonly DetailSection[] = [
  {
    id: 'scheduling',
    slot: 'tab',
    order: 300,
    label: 'Scheduling',
    applies: (t) => fitKindOf(t.kind) !== undefined,
    Component: SchedulingTab,
  },
  {
    id: 'node-operations',
    slot: 'summary',
    order: 50,
    applies: (t) => t.kind === 'nodes',
    Component: NodeSection,
  },
];
