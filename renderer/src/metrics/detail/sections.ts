/**
 * The detail tab the metrics feature contributes: "Metrics" for pods, nodes and workloads.
 * The shell composes it (shell/composition.ts). The registration is eager and tiny; the
 * tab comes from its own chunk (section-components.ts).
 */
import type { DetailSection } from '../../ui/detail/detail-sections';
import { lazyModule, lazySection } from '../../ui/lazy';
import { historyOf } from './history-target';

export const metricSectionChunk = lazyModule(() => import('./section-components'));

export const metricDetailSections: readonly DetailSection[] = [
  {
    id: 'metrics',
    slot: 'tab',
    order: 300,
    label: 'Metrics',
    applies: (t) => historyOf(t.kind, t.namespace, t.name) !== undefined,
    Component: lazySection(metricSectionChunk, (m) => m.MetricsTab, 'quiet'),
  },
];
