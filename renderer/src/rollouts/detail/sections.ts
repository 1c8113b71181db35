/**
 * The detail tabs the rollouts feature contributes for Deployments, StatefulSets and
 * DaemonSets: "Rollout" and "History". The shell composes them (shell/composition.ts).
 */
import type { DetailSection } from '../../ui/detail/detail-sections';
import { RolloutTab } from './RolloutTab';
import { HistoryTab } from './HistoryTab';
import { rolloutKindOf } from './rollout-kind';

const hasRollout = (t: { kind: Parameters<typeof rolloutKindOf>[0] }) =>
  rolloutKindOf(t.kind) !== undefined;

export const rolloutDetailSections: readonly DetailSection[] = [
  {
    id: 'rollout',
    slot: 'tab',
    order: 100,
    label: 'Rollout',
    applies: hasRollout,
    Component: RolloutTab,
  },
  {
    id: 'history',
    slot: 'tab',
    order: 200,
    label: 'History',
    applies: hasRollout,
    Component: HistoryTab,
  },
];
