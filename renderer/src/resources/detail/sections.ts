/**
 * The detail sections the resources feature contributes. The shell composes them with
 * other features' sections (shell/composition.ts); the panel only renders what applies.
 * Which kinds get an action is the kind registry's `actions` and `logs`, not a list here.
 */
import type { DetailSection } from '../../ui/detail/detail-sections';
import { ScaleAction } from './ScaleAction';
import { LogsLink } from './LogsLink';
import { DeleteAction } from './DeleteAction';
import { InvolvedObject } from './InvolvedObject';
import { OwnerChain } from './OwnerChain';
import { Annotations, Conditions, Labels, ObjectFacts } from './ObjectFacts';
import { Containers } from './Containers';
import { SecretValues } from './SecretValues';
import { EventsSection } from './ObjectEvents';

export const resourceDetailSections: readonly DetailSection[] = [
  {
    id: 'scale',
    slot: 'actions',
    order: 100,
    applies: (t) => t.def.actions.includes('scale'),
    Component: ScaleAction,
  },
  {
    id: 'logs',
    slot: 'actions',
    order: 200,
    applies: (t) => t.def.logs !== undefined,
    Component: LogsLink,
  },
  {
    id: 'delete',
    slot: 'actions',
    order: 900,
    applies: (t) => t.def.actions.includes('delete'),
    Component: DeleteAction,
  },
  {
    id: 'involved-object',
    slot: 'notice',
    order: 100,
    applies: (_t, row) => row?.facts?.involved !== undefined,
    Component: InvolvedObject,
  },
  { id: 'owners', slot: 'summary', order: 100, Component: OwnerChain },
  { id: 'facts', slot: 'summary', order: 200, Component: ObjectFacts },
  {
    id: 'containers',
    slot: 'summary',
    order: 300,
    applies: (t) => t.kind === 'pods',
    Component: Containers,
  },
  {
    id: 'secret-data',
    slot: 'summary',
    order: 400,
    applies: (t) => t.kind === 'secrets',
    Component: SecretValues,
  },
  { id: 'conditions', slot: 'summary', order: 500, Component: Conditions },
  { id: 'labels', slot: 'summary', order: 600, Component: Labels },
  { id: 'annotations', slot: 'summary', order: 700, Component: Annotations },
  { id: 'events', slot: 'summary', order: 800, Component: EventsSection },
];
