/**
 * How far V8 lets the services process's heap grow past what is live before its next full
 * collection. V8's default lets it grow to about twice the live heap: holding 50,000 pods
 * (about 210 MB live, with their metrics), the process sat at 490 MB and more, most of it
 * the garbage of replaced rows and metrics rounds waiting for a collection. With 30 % it
 * stayed under 400 MB, the table no slower (BENCHMARKS.md, "50,000 pods").
 *
 * Set from code, for the Electron shell and browser mode alike: V8 reads the factor each
 * time it sizes the heap after a collection, and Electron's main process takes V8 flags
 * only on its command line.
 */
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 30;

export function limitHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
