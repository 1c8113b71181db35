/**
 * The components of the forwards feature's detail sections, in a chunk of their own: the
 * registrations (sections.ts) are in the shell's chunk, these load when a detail panel first
 * shows one (or when the shell prefetches).
 */
export { ForwardAction } from './ForwardAction';
export { ForwardNotice } from './ForwardNotice';
export { NamespaceForwardAction } from './NamespaceForwardAction';
