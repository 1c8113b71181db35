/**
 * The ports a "Forward…" dialog offers when main cannot list them (`forward.ports`), read
 * from the object the detail panel shows: a
 * pod's container ports, a workload's pod template's, a Service's own ports (with the
 * targetPort each maps to). The object is whatever the cluster wrote, so every field is
 * checked, names are cut, and at most MAX_PORTS are listed.
 */
import type { ForwardKind } from '../../../shared/contract/forwards';
import { forwardKindIds } from '../../../shared/contract/values';
import {
  asArray,
  asNumber,
  asRecord,
  asString,
  type KubeObject,
} from '../../../shared/kube/object-types';

/** More ports than this on one object is not a real workload; the rest are left off. */
export const MAX_PORTS = 64;
/** Port and container names are at most 15 and 63 characters in a valid object. */
const MAX_NAME_CHARS = 63;

export interface TargetPort {
  /** The port asked for on the target: the Service's port, or the container's port. */
  port: number;
  /** The port's name ('' when it has none). */
  name: string;
  /** TCP, UDP or SCTP; only TCP can be forwarded (as kubectl port-forward). */
  protocol: string;
  /** Services: the container port it reaches (a number, or a container port's name). */
  targetPort?: number | string;
  /** Pods and workloads: the container that declares it. */
  container?: string;
  /** The appProtocol the object declares, if any (http, https, kubernetes.io/h2c…). */
  appProtocol?: string;
}

/** The kinds with a "Forward…" action: the contract's forwardable kinds (registry ids). */
export type ForwardableKind = ForwardKind;

export function isForwardableKind(kind: unknown): kind is ForwardableKind {
  return typeof kind === 'string' && (forwardKindIds as readonly string[]).includes(kind);
}

const cut = (s: string) => s.slice(0, MAX_NAME_CHARS);
const validPort = (n: number | undefined): n is number =>
  n !== undefined && Number.isInteger(n) && n >= 1 && n <= 65535;

function containerPorts(podSpec: Record<string, unknown>): TargetPort[] {
  // Init containers that keep running (sidecars, restartPolicy Always) serve too.
  const sidecars = asArray(podSpec['initContainers']).filter(
    (c) => asRecord(c)['restartPolicy'] === 'Always',
  );
  const out: TargetPort[] = [];
  for (const c of [...asArray(podSpec['containers']), ...sidecars]) {
    const container = asRecord(c);
    for (const p of asArray(container['ports'])) {
      const port = asRecord(p);
      const number = asNumber(port['containerPort']);
      if (!validPort(number)) continue;
      const entry: TargetPort = {
        port: number,
        name: cut(asString(port['name']) ?? ''),
        protocol: asString(port['protocol']) ?? 'TCP',
        container: cut(asString(container['name']) ?? ''),
      };
      out.push(entry);
    }
  }
  return out;
}

function servicePorts(spec: Record<string, unknown>): TargetPort[] {
  const out: TargetPort[] = [];
  for (const p of asArray(spec['ports'])) {
    const port = asRecord(p);
    const number = asNumber(port['port']);
    if (!validPort(number)) continue;
    const entry: TargetPort = {
      port: number,
      name: cut(asString(port['name']) ?? ''),
      protocol: asString(port['protocol']) ?? 'TCP',
    };
    const target = port['targetPort'];
    // Absent targetPort means the same number (as the API server defaults it).
    if (typeof target === 'number' && validPort(target)) entry.targetPort = target;
    else if (typeof target === 'string' && target !== '') entry.targetPort = cut(target);
    else entry.targetPort = number;
    const app = asString(port['appProtocol']);
    if (app) entry.appProtocol = cut(app);
    out.push(entry);
  }
  return out;
}

/** The ports of a pod, Service, Deployment, StatefulSet or ReplicaSet, in declared order. */
export function targetPorts(kind: ForwardableKind, object: KubeObject | undefined): TargetPort[] {
  const spec = asRecord(object?.spec);
  const ports =
    kind === 'services'
      ? servicePorts(spec)
      : kind === 'pods'
        ? containerPorts(spec)
        : containerPorts(asRecord(asRecord(spec['template'])['spec']));
  // One entry per (port, protocol): two containers cannot both listen on one port.
  const seen = new Set<string>();
  return ports
    .filter((p) => {
      const key = `${p.port}/${p.protocol}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_PORTS);
}

/** "http 80 → http", "5432 (postgres)": how a port reads in a list. */
export function portLabel(p: TargetPort): string {
  const base = p.name ? `${p.name} ${p.port}` : String(p.port);
  const to = p.targetPort !== undefined && p.targetPort !== p.port ? ` → ${p.targetPort}` : '';
  const where = p.container ? ` (container ${p.container})` : '';
  const proto = p.protocol !== 'TCP' ? ` ${p.protocol}` : '';
  return `${base}${to}${proto}${where}`;
}

const HTTP_NAME = /^(https?|http2|h2c|web|ui|grpc-web|dashboard|admin)(\b|-|$)|http/i;
const HTTPS_NAME = /^https|-https$|^tls$/i;
/** Ports where a plain number says HTTP, when the object names nothing. */
const HTTP_NUMBERS = new Set([80, 3000, 5000, 8000, 8008, 8080, 8081, 8888, 9000]);
const HTTPS_NUMBERS = new Set([443, 8443]);

/**
 * Whether a forward of this port is worth an "Open in browser" link, and with which
 * scheme: by the appProtocol, else the port's name, else a well-known number.
 * Returns undefined for ports that are not HTTP as far as anything says.
 */
export function webScheme(p: {
  port: number;
  name?: string | undefined;
  appProtocol?: string | undefined;
}): 'http' | 'https' | undefined {
  const app = (p.appProtocol ?? '').toLowerCase();
  if (app === 'https') return 'https';
  if (app === 'http' || app === 'kubernetes.io/h2c') return 'http';
  if (app) return undefined;
  const name = p.name ?? '';
  if (name && HTTPS_NAME.test(name)) return 'https';
  if (name && HTTP_NAME.test(name)) return 'http';
  if (HTTPS_NUMBERS.has(p.port)) return 'https';
  if (HTTP_NUMBERS.has(p.port)) return 'http';
  return undefined;
}
