/**
 * Metric figures written as `kubectl top` and `kubectl describe node` write them, so a
 * number in Pilothouse can be checked against kubectl by eye (kubectl
 * pkg/metricsutil/metrics_printer.go printSingleResourceUsage / printAllResourceUsages,
 * pkg/describe/describe.go describeNodeResource).
 *
 * Inputs are the wire's units (shared/contract/metrics.ts): CPU in millicores, possibly
 * fractional (nanocore precision), memory in bytes.
 */

const MEBIBYTE_BYTES = 1024 * 1024;

/**
 * CPU millicores as Quantity.MilliValue() gives them: rounded UP to a whole millicore
 * (123456n is 1m, 0 stays 0). Negative or non-finite input (hostile data) gives 0.
 */
export function wholeMillicores(millicores: number): number {
  if (!Number.isFinite(millicores) || millicores <= 0) return 0;
  return Math.ceil(millicores);
}

/** Bytes as Quantity.Value() gives them: whole bytes, rounded up. */
export function wholeBytes(bytes: number): number {
  if (!Number.isFinite(bytes) || bytes <= 0) return 0;
  return Math.ceil(bytes);
}

/** `kubectl top`'s CPU cell: "%vm" of MilliValue(), e.g. "250m", "0m". */
export function formatCpu(millicores: number): string {
  return `${wholeMillicores(millicores)}m`;
}

/** `kubectl top`'s memory cell: "%vMi" of Value()/(1024*1024), integer division (floor). */
export function formatMemory(bytes: number): string {
  return `${Math.floor(wholeBytes(bytes) / MEBIBYTE_BYTES)}Mi`;
}

/**
 * `kubectl top node`'s CPU% / MEMORY%: int64(float64(usage.MilliValue()) /
 * float64(allocatable.MilliValue()) * 100), truncated toward zero. For memory both
 * MilliValues are the byte counts times 1000. `undefined` when there is no allocatable
 * (kubectl prints no percentage then); a zero allocatable gives what Go gives for x/0
 * converted to int64 is undefined behaviour, so we give `undefined` too.
 */
export function topPercent(
  resource: 'cpu' | 'memory',
  usage: number,
  allocatable: number | null,
): number | undefined {
  if (allocatable === null || !(allocatable > 0)) return undefined;
  const used = resource === 'cpu' ? wholeMillicores(usage) : wholeBytes(usage) * 1000;
  const available =
    resource === 'cpu' ? wholeMillicores(allocatable) : wholeBytes(allocatable) * 1000;
  return Math.trunc((used / available) * 100);
}

/**
 * `kubectl describe node` "Allocated resources" percentage: CPU by MilliValue, memory by
 * Value, truncated; 0 when the node has no allocatable of that resource (kubectl's guard).
 */
export function allocatedPercent(
  resource: 'cpu' | 'memory',
  amount: number,
  allocatable: number | null,
): number {
  if (allocatable === null || !(allocatable > 0)) return 0;
  const used = resource === 'cpu' ? wholeMillicores(amount) : wholeBytes(amount);
  const available = resource === 'cpu' ? wholeMillicores(allocatable) : wholeBytes(allocatable);
  return Math.trunc((used / available) * 100);
}

/**
 * The share of a request or limit a usage is, in percent (for the tables' small bars):
 * computed on the same rounded figures as kubectl top, truncated like its percentages.
 * `undefined` when no request/limit is set (or it is zero).
 */
export function sharePercent(
  resource: 'cpu' | 'memory',
  usage: number,
  reference: number | null,
): number | undefined {
  if (reference === null || !(reference > 0)) return undefined;
  const used = resource === 'cpu' ? wholeMillicores(usage) : wholeBytes(usage);
  const of = resource === 'cpu' ? wholeMillicores(reference) : wholeBytes(reference);
  return Math.trunc((used / of) * 100);
}

/**
 * A request/limit amount as `kubectl describe node` prints Quantity.String() for the sums
 * it computes: CPU "250m" or whole cores "2", memory in the largest binary suffix that
 * divides it exactly ("256Mi", "1Gi", "1536Mi"), else bytes. Close to, but not a full
 * reimplementation of, canonical quantity formatting: sums of decimal-suffixed memory
 * ("1G") are printed by kubectl in decimal suffixes; here they stay in bytes.
 */
export function formatAllocated(resource: 'cpu' | 'memory', amount: number): string {
  if (resource === 'cpu') {
    const milli = wholeMillicores(amount);
    return milli % 1000 === 0 ? `${milli / 1000}` : `${milli}m`;
  }
  let bytes = wholeBytes(amount);
  if (bytes === 0) return '0';
  const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  let index = 0;
  while (index < suffixes.length - 1 && bytes % 1024 === 0) {
    bytes /= 1024;
    index++;
  }
  return `${bytes}${suffixes[index]}`;
}
