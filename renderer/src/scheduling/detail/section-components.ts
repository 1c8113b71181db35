/**
 * The components of the scheduling feature's detail sections (the Scheduling tab and the
 * node operations, with the what-if form and YAML), in a chunk of their own: the
 * registrations (sections.ts) are in the shell's chunk, these load when a detail panel first
 * shows one (or when the shell prefetches).
 */
export { NodeSection } from './NodeSection';
export { SchedulingTab } from './SchedulingTab';
