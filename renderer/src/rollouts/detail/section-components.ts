/**
 * The components of the rollouts feature's detail tabs (Rollout, History and its diff), in
 * a chunk of their own: the registrations (sections.ts) are in the shell's chunk, these load
 * when a detail panel first shows one (or when the shell prefetches).
 */
export { RolloutTab } from './RolloutTab';
export { HistoryTab } from './HistoryTab';
