/**
 * The detail tab the metrics feature contributes: "Metrics" for pods, nodes and workloads.
 * The shell composes it (shell/composition.ts).
 */
import type { DetailSection } from '../../ui/detail/detail-sections';
import { MetricsTab } from './MetricsTab';
import { historyOf } from './history-target';

export const metricDetailSections: readonly DetailSection[] = [
  {
    id: 'metrics',
    slot: 'tab',
    order: 300,
    label: 'Metrics',
    applies: (t) => historyOf(t.kind, t.namespace, t.name) !== undefined,
    Component: MetricsTab,
  },
];
