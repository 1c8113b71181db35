/**
 * Reads metrics.k8s.io (metrics-server's NodeMetrics and PodMetrics lists) and turns the
 * hostile JSON into bounded, exact figures: CPU as whole nanocores (BigInt, then
 * millicores with nanocore precision), memory in bytes rounded up as Quantity.Value()
 * rounds. A pod's usage is the exact sum of its containers', as `kubectl top pod` sums them.
 */
import type { ApiTransport } from '../platform/http';
import { parseQuantity, unitValue, type Quantity } from '../../shared/kube/quantity';
import { addQuantities } from '../../shared/metrics/pod-resources';

export const METRICS_GROUP_PATH = '/apis/metrics.k8s.io/v1beta1';
/** Containers read per pod: more is not a pod the API server would accept. */
const MAX_CONTAINERS_PER_POD = 128;
/** Longest name kept (an object name is at most 253 characters). */
const MAX_NAME_CHARS = 253;
/** metrics-server's windows are seconds; anything beyond an hour is nonsense. */
const MAX_WINDOW_MS = 3_600_000;

export interface ContainerUsage {
  name: string;
  /** Millicores with nanocore precision. */
  cpu: number;
  bytes: number;
}

export interface RawSample {
  /** `namespace/name` for pods, the node name for nodes. */
  key: string;
  namespace: string;
  name: string;
  timestampMs: number;
  windowMs: number;
  cpu: number;
  bytes: number;
  containers: ContainerUsage[];
}

const ZERO: Quantity = { numerator: 0n, denominator: 1n };
const NANO_PER_UNIT = 1_000_000_000n;

/** Nanocores rounded up, as Quantity.ScaledValue(Nano) would. */
function nanocores(q: Quantity): bigint {
  const scaled = q.numerator * NANO_PER_UNIT;
  const whole = scaled / q.denominator;
  return whole * q.denominator === scaled || scaled < 0n ? whole : whole + 1n;
}

const millicoresOfNano = (nano: bigint) => Number(nano) / 1e6;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME_CHARS
    ? value
    : undefined;
}

function quantity(value: unknown): Quantity | undefined {
  if (typeof value !== 'string') return undefined;
  const q = parseQuantity(value);
  return q && q.numerator >= 0n ? q : undefined;
}

/** metrics-server writes windows as Go durations ("15s", "1m0.5s", "20.003s"). */
export function parseWindowMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > 32) return undefined;
  const parts = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$/.exec(
    value,
  );
  if (!parts || value === '') return undefined;
  const [, h = '0', m = '0', s = '0', ms = '0'] = parts;
  const total = Number(h) * 3_600_000 + Number(m) * 60_000 + Number(s) * 1000 + Number(ms);
  return Number.isFinite(total) && total <= MAX_WINDOW_MS ? Math.round(total) : undefined;
}

function timestampMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

interface Usage {
  cpu: bigint;
  memory: Quantity;
}

function usageOf(raw: unknown): Usage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const u = raw as Record<string, unknown>;
  const cpu = quantity(u['cpu']);
  const memory = quantity(u['memory']);
  if (!cpu || !memory) return undefined;
  return { cpu: nanocores(cpu), memory };
}

/** One PodMetrics item; undefined when it is not one (hostile or truncated input). */
export function parsePodMetrics(raw: unknown): RawSample | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const item = raw as Record<string, unknown>;
  const meta = (item['metadata'] ?? {}) as Record<string, unknown>;
  const namespace = text(meta['namespace']);
  const name = text(meta['name']);
  const ts = timestampMs(item['timestamp']);
  const windowMs = parseWindowMs(item['window']);
  if (!namespace || !name || ts === undefined || windowMs === undefined) return undefined;
  const list = Array.isArray(item['containers']) ? (item['containers'] as unknown[]) : [];
  const containers: ContainerUsage[] = [];
  let cpu = 0n;
  let memory = ZERO;
  for (const c of list.slice(0, MAX_CONTAINERS_PER_POD)) {
    const entry = (c ?? {}) as Record<string, unknown>;
    const cname = text(entry['name']);
    const usage = usageOf(entry['usage']);
    if (!cname || !usage) continue;
    cpu += usage.cpu;
    memory = addQuantities(memory, usage.memory);
    containers.push({
      name: cname,
      cpu: millicoresOfNano(usage.cpu),
      bytes: unitValue(usage.memory),
    });
  }
  return {
    key: `${namespace}/${name}`,
    namespace,
    name,
    timestampMs: ts,
    windowMs,
    cpu: millicoresOfNano(cpu),
    bytes: unitValue(memory),
    containers,
  };
}

/** One NodeMetrics item. */
export function parseNodeMetrics(raw: unknown): RawSample | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const item = raw as Record<string, unknown>;
  const meta = (item['metadata'] ?? {}) as Record<string, unknown>;
  const name = text(meta['name']);
  const ts = timestampMs(item['timestamp']);
  const windowMs = parseWindowMs(item['window']);
  const usage = usageOf(item['usage']);
  if (!name || ts === undefined || windowMs === undefined || !usage) return undefined;
  return {
    key: name,
    namespace: '',
    name,
    timestampMs: ts,
    windowMs,
    cpu: millicoresOfNano(usage.cpu),
    bytes: unitValue(usage.memory),
    containers: [],
  };
}

export type MetricsResourceName = 'pods' | 'nodes';

/** The list path of pods in a namespace ('' = all) or of nodes. */
export function metricsListPath(resource: MetricsResourceName, namespace: string): string {
  if (resource === 'nodes') return `${METRICS_GROUP_PATH}/nodes`;
  return namespace
    ? `${METRICS_GROUP_PATH}/namespaces/${encodeURIComponent(namespace)}/pods`
    : `${METRICS_GROUP_PATH}/pods`;
}

/**
 * Lists and parses one resource; items that do not parse are skipped. The list is read as
 * it streams, one item at a time (as the tables' lists are): PodMetrics of 50,000 pods are
 * about 20 MB of JSON, which parsed whole every 15 s stood in the services process's memory
 * at once as text and as objects.
 */
export async function listMetrics(
  api: ApiTransport,
  resource: MetricsResourceName,
  namespace: string,
  signal: AbortSignal,
): Promise<RawSample[]> {
  const parse = resource === 'pods' ? parsePodMetrics : parseNodeMetrics;
  const samples: RawSample[] = [];
  await api.listItems(
    metricsListPath(resource, namespace),
    {},
    (item) => {
      const sample = parse(item);
      if (sample) samples.push(sample);
    },
    signal,
  );
  return samples;
}

/** Whether the cluster serves metrics.k8s.io at all (false: 404 on the group). */
export async function metricsApiInstalled(
  api: ApiTransport,
  signal: AbortSignal,
): Promise<boolean> {
  try {
    await api.list('/apis/metrics.k8s.io', {}, signal);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 404) return false;
    throw error;
  }
}
