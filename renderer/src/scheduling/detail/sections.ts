/**
 * What the scheduling feature contributes to the detail panel: the "Scheduling" tab of a
 * pod and of the kinds with a pod template (Deployment, StatefulSet, DaemonSet, Job), and
 * the node operations at the head of a Node's Summary. The shell composes them
 * (shell/composition.ts). The registrations are eager and tiny; the components (with the
 * what-if form and its YAML) come from their own chunk (section-components.ts).
 */
import type { DetailSection } from '../../ui/detail/detail-sections';
import { lazyModule, lazySection } from '../../ui/lazy';
import { fitKindOf } from './fit-kind';

export const schedulingSectionChunk = lazyModule(() => import('./section-components'));
const chunk = schedulingSectionChunk;

export const schedulingDetailSections: readonly DetailSection[] = [
  {
    id: 'scheduling',
    slot: 'tab',
    order: 300,
    label: 'Scheduling',
    applies: (t) => fitKindOf(t.kind) !== undefined,
    Component: lazySection(chunk, (m) => m.SchedulingTab, 'quiet'),
  },
  {
    id: 'node-operations',
    slot: 'summary',
    order: 50,
    applies: (t) => t.kind === 'nodes',
    Component: lazySection(chunk, (m) => m.NodeSection),
  },
];
