/**
 * What the forwards feature contributes to the detail panel: "Forward…" on pods, Services,
 * Deployments, StatefulSets and ReplicaSets, the live forwards of the object shown, and
 * "Forward all Services" on a namespace. The shell composes them (shell/composition.ts);
 * which kinds qualify is the contract's list of forwardable kinds. The registrations are
 * eager and tiny; the components come from their own chunk (section-components.ts).
 */
import type { DetailSection, DetailTarget } from '../../ui/detail/detail-sections';
import { lazyModule, lazySection } from '../../ui/lazy';
import { isForwardableKind } from '../target-ports';

export const forwardSectionChunk = lazyModule(() => import('./section-components'));
const chunk = forwardSectionChunk;

const forwardable = (t: DetailTarget) => isForwardableKind(t.kind) && t.namespace !== undefined;

export const forwardDetailSections: readonly DetailSection[] = [
  // Between Logs (200) and Delete (900).
  {
    id: 'forward',
    slot: 'actions',
    order: 300,
    applies: forwardable,
    Component: lazySection(chunk, (m) => m.ForwardAction),
  },
  {
    id: 'forward-namespace',
    slot: 'actions',
    order: 300,
    applies: (t) => t.kind === 'namespaces',
    Component: lazySection(chunk, (m) => m.NamespaceForwardAction),
  },
  {
    id: 'forwards-of-object',
    slot: 'notice',
    order: 200,
    applies: forwardable,
    Component: lazySection(chunk, (m) => m.ForwardNotice),
  },
];
