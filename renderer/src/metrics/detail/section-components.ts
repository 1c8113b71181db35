/**
 * The component of the metrics feature's detail tab, in a chunk of its own: the
 * registration (sections.ts) is in the shell's chunk, this loads when a detail panel first
 * shows it (or when the shell prefetches). Its charts are a further chunk (recharts).
 */
export { MetricsTab } from './MetricsTab';
