/**
 * The components of the resources feature's detail sections, in one chunk: the
 * registrations (sections.ts) are in the shell's chunk, these load when a detail panel first
 * opens, or before, when the shell prefetches (first of all, once the first view is shown).
 */
export { ScaleAction } from './ScaleAction';
export { LogsLink } from './LogsLink';
export { DeleteAction } from './DeleteAction';
export { InvolvedObject } from './InvolvedObject';
export { OwnerChain } from './OwnerChain';
export { Annotations, Conditions, Labels, ObjectFacts } from './ObjectFacts';
export { Containers } from './Containers';
export { SecretValues } from './SecretValues';
export { EventsSection } from './ObjectEvents';
