/**
 * The detail tabs the rollouts feature contributes for Deployments, StatefulSets and
 * DaemonSets: "Rollout" and "History". The shell composes them (shell/composition.ts).
 * The registrations are eager and tiny; the components come from their own chunk
 * (section-components.ts).
 */
import type { DetailSection } from '../../ui/detail/detail-sections';
import { lazyModule, lazySection } from '../../ui/lazy';
import { rolloutKindOf } from './rollout-kind';

export const rolloutSectionChunk = lazyModule(() => import('./section-components'));
const chunk = rolloutSectionChunk;

const hasRollout = (t: { kind: Parameters<typeof rolloutKindOf>[0] }) =>
  rolloutKindOf(t.kind) !== undefined;

export const rolloutDetailSections: readonly DetailSection[] = [
  {
    id: 'rollout',
    slot: 'tab',
    order: 100,
    label: 'Rollout',
    applies: hasRollout,
    Component: lazySection(chunk, (m) => m.RolloutTab, 'quiet'),
  },
  {
    id: 'history',
    slot: 'tab',
    order: 200,
    label: 'History',
    applies: hasRollout,
    Component: lazySection(chunk, (m) => m.HistoryTab, 'quiet'),
  },
];
