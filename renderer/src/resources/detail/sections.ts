/**
 * The detail sections the resources feature contributes. The shell composes them with
 * other features' sections (shell/composition.ts); the panel only renders what applies.
 * Which kinds get an action is the kind registry's `actions` and `logs`, not a list here.
 * The registrations are eager and tiny; the components come from their own chunk
 * (section-components.ts), which the table view loads as it starts.
 */
import type { DetailSection } from '../../ui/detail/detail-sections';
import { lazyModule, lazySection } from '../../ui/lazy';

export const resourceSectionChunk = lazyModule(() => import('./section-components'));
const chunk = resourceSectionChunk;
/** The YAML tab (DetailPanel), with the YAML library: loaded when first opened or prefetched. */
export const yamlChunk = lazyModule(() => import('./YamlText'));

export const resourceDetailSections: readonly DetailSection[] = [
  {
    id: 'scale',
    slot: 'actions',
    order: 100,
    applies: (t) => t.def.actions.includes('scale'),
    Component: lazySection(chunk, (m) => m.ScaleAction),
  },
  {
    id: 'logs',
    slot: 'actions',
    order: 200,
    applies: (t) => t.def.logs !== undefined,
    Component: lazySection(chunk, (m) => m.LogsLink),
  },
  {
    id: 'delete',
    slot: 'actions',
    order: 900,
    applies: (t) => t.def.actions.includes('delete'),
    Component: lazySection(chunk, (m) => m.DeleteAction),
  },
  {
    id: 'involved-object',
    slot: 'notice',
    order: 100,
    applies: (_t, row) => row?.facts?.involved !== undefined,
    Component: lazySection(chunk, (m) => m.InvolvedObject),
  },
  { id: 'owners', slot: 'summary', order: 100, Component: lazySection(chunk, (m) => m.OwnerChain) },
  { id: 'facts', slot: 'summary', order: 200, Component: lazySection(chunk, (m) => m.ObjectFacts) },
  {
    id: 'containers',
    slot: 'summary',
    order: 300,
    applies: (t) => t.kind === 'pods',
    Component: lazySection(chunk, (m) => m.Containers),
  },
  {
    id: 'secret-data',
    slot: 'summary',
    order: 400,
    applies: (t) => t.kind === 'secrets',
    Component: lazySection(chunk, (m) => m.SecretValues),
  },
  {
    id: 'conditions',
    slot: 'summary',
    order: 500,
    Component: lazySection(chunk, (m) => m.Conditions),
  },
  { id: 'labels', slot: 'summary', order: 600, Component: lazySection(chunk, (m) => m.Labels) },
  {
    id: 'annotations',
    slot: 'summary',
    order: 700,
    Component: lazySection(chunk, (m) => m.Annotations),
  },
  {
    id: 'events',
    slot: 'summary',
    order: 800,
    Component: lazySection(chunk, (m) => m.EventsSection),
  },
];
