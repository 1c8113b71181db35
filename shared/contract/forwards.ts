/**
 * The port-forwards feature's contract (issue 12), all of it, in three parts:
 * - single forwards (main/forwards/handlers.ts, the engine): start/stop/restart one
 *   forward, the live state of every forward, a target's ports for the "Forward…" dialog;
 * - saved forwards (main/forwards/fleet-handlers.ts): remembered per context in the
 *   settings, "start automatically", start/stop all;
 * - namespace forwards (fleet-handlers.ts): every Service of a namespace, each on its own
 *   loopback address, with the table and the hosts-file lines.
 * A forward goes local TCP -> the pods/portforward subresource -> the pod; the state text
 * is always what the engine last verified (never "Active" while the path is broken).
 * Changes are additive only: fwd-fleet and fwd-ui build on this file.
 */
import { z } from 'zod';
import { forwardKindIds, forwardKindShort } from './values';
import { contextName, namespaceName, objectName, request, stream } from './define';

// --- what a forward points at ----------------------------------------------------------

export { forwardKindIds };
export const forwardKind = z.enum(forwardKindIds, {
  error: `must be a kind that can be forwarded to (${forwardKindIds.join(', ')})`,
});
export type ForwardKind = z.infer<typeof forwardKind>;

export { forwardKindShort };

/** A TCP port number. */
export const portNumber = z.number().int().min(1).max(65535);
/** A port name as Kubernetes writes it (IANA_SVC_NAME: at most 15 chars, a letter among them). */
export const portName = z
  .string()
  .min(1)
  .max(15)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a port name, like http')
  .refine((s) => /[a-z]/.test(s), 'a port name has at least one letter');

/**
 * The remote port as kubectl reads it: for a Service, the Service's port (number or name),
 * translated to the targetPort on the chosen pod (kubectl's translateServicePortToTargetPort);
 * for a pod or workload, the container port (number or name).
 */
export const remotePort = z.union([portNumber, portName]);
export type RemotePort = z.infer<typeof remotePort>;

/**
 * The local port: N exactly (fails when in use: "Failed: local port N is in use"); 0 a free
 * one; 'same' the remote port's number, failing when in use (kubectl's `80`);
 * 'same-or-free' (the default) the remote port's number if free, else a free one.
 */
export const localPortChoice = z.union([
  z.number().int().min(0).max(65535),
  z.literal('same'),
  z.literal('same-or-free'),
]);
export type LocalPortChoice = z.infer<typeof localPortChoice>;

/**
 * The local address to listen on: an IPv4 or IPv6 literal. 127.0.0.1 by default; any
 * address outside 127.0.0.0/8 and ::1 is accepted only because the user typed it, and the
 * forward's state carries a warning.
 */
export const listenAddress = z.union([z.ipv4(), z.ipv6()]);

export const forwardSpec = z
  .object({
    context: contextName,
    namespace: namespaceName,
    kind: forwardKind,
    name: objectName,
    port: remotePort,
    localPort: localPortChoice.default('same-or-free'),
    address: listenAddress.default('127.0.0.1'),
  })
  .strict();
/** What a caller sends (defaults optional). */
export type ForwardSpecInput = z.input<typeof forwardSpec>;
/** What the engine holds (defaults applied). */
export type ForwardSpec = z.output<typeof forwardSpec>;

// --- the state of a forward ------------------------------------------------------------

/**
 * - starting: binding the local port, resolving the target;
 * - active: the path to the pod was checked and carries connections;
 * - waiting: no ready pod (for a pod forward: no pod of that name yet);
 * - reconnecting: the API server or the pod's port could not be reached; retried with backoff;
 * - failed: stopped for a reason the user must fix (port in use, unknown target, bad port);
 * - forbidden: RBAC denies pods/portforward (or reading the target); retried slowly;
 * - stopped: kept (a saved forward stopped by the user), holds no port.
 */
export const forwardPhases = [
  'starting',
  'active',
  'waiting',
  'reconnecting',
  'failed',
  'forbidden',
  'stopped',
] as const;
export type ForwardPhase = (typeof forwardPhases)[number];

export interface ForwardState {
  /** The engine's id of this forward ("f-<n>"), stable across restarts of the forward. */
  id: string;
  spec: ForwardSpec;
  /** "127.0.0.1:8080" once the local port is bound, else the address and '' . */
  localAddress: string;
  /** The bound local port; null while not listening. */
  localPort: number | null;
  /** kubectl-like target text: "team-a/svc/web:80". */
  target: string;
  /** The pod connections go to now; null while there is none. */
  pod: string | null;
  /** The container port on that pod (after named and Service port translation). */
  podPort: number | null;
  phase: ForwardPhase;
  /**
   * The state as the issue words it: "Active (pod web-7c9…, 3 connections)", "Waiting for
   * a ready pod", "Waiting for pod db-0", "Reconnecting", "Failed: local port 8080 is in
   * use", "Forbidden: <the API's reason>", "Stopped", "Starting".
   */
  state: string;
  /** Open TCP connections now. */
  connections: number;
  /** Connections accepted since the forward started. */
  totalConnections: number;
  /** Bytes from the pod to local clients. */
  bytesIn: number;
  /** Bytes from local clients to the pod. */
  bytesOut: number;
  /** The last error a connection or the path check met (bounded text); null if none. */
  lastError: string | null;
  /** RFC 3339 time of lastError. */
  lastErrorAt: string | null;
  /** E.g. listening on a non-loopback address: reachable from other machines. */
  warning: string | null;
  /** RFC 3339: when the forward was started (or last restarted). */
  startedAt: string;
  /** Who started it: the app's Forward… dialog, a saved forward, a namespace forward, the CLI. */
  origin: ForwardOrigin;
}

export type ForwardOrigin =
  | { type: 'manual' }
  /** Started from saved forward `savedId` (fleet). */
  | { type: 'saved'; savedId: string }
  /** One Service port of namespace forward `groupId` (fleet). */
  | { type: 'namespace'; groupId: string }
  | { type: 'cli' };

export type ForwardsEvent =
  /** New or changed forwards (coalesced by id while the renderer is behind). */
  | { type: 'upsert'; forwards: ForwardState[] }
  /** Forwards removed (stopped without keeping). */
  | { type: 'remove'; ids: string[] };

/** A forward id as the engine writes it. */
export const forwardId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][-a-z0-9]*$/, 'must be a forward id');

// --- a target's ports: the "Forward…" dialog ---------------------------------------------

export interface TargetPort {
  /** The number to send as `port`: the Service port for a Service, else the container port. */
  port: number;
  /** The port's name ('' when unnamed): can be sent as `port` instead of the number. */
  name: string;
  protocol: string;
  /** Services: the targetPort as written (number or name); '' for pods and workloads. */
  targetPort: string;
  /** Pods and workloads: the container that declares it. */
  container: string;
}

export interface TargetPorts {
  /** uid of the target the ports were read from. */
  uid: string;
  ports: TargetPort[];
}

const targetRef = {
  context: contextName,
  namespace: namespaceName,
  kind: forwardKind,
  name: objectName,
};

export const forwardChannels = {
  /** The live state of every forward of this app, all contexts (the Port-forwards view). */
  'forwards.watch': stream<ForwardsEvent>()(z.object({}).strict()),
  /**
   * Starts one forward; answers its first settled state (bound and Active, Waiting,
   * Failed, Forbidden, ...): a failed start is a forward in state "Failed: …", which the
   * view shows and the user can restart or stop.
   */
  'forward.start': request<ForwardState>()(forwardSpec),
  /** Stops a forward: removed, or kept as stopped (`keep`) so it can be restarted. */
  'forward.stop': request<{ stopped: true }>()(
    z.object({ id: forwardId, keep: z.boolean().default(false) }).strict(),
  ),
  /** Closes its connections, rebinds and re-resolves: answers the settled state. */
  'forward.restart': request<ForwardState>()(z.object({ id: forwardId }).strict()),
  /** The ports of a pod, Service or workload, by name and number. */
  'forward.ports': request<TargetPorts>()(z.object(targetRef).strict()),
} as const;

// ==========================================================================================
// ===== saved forwards and namespace forwards (implemented by fwd-fleet) ===================
// ==========================================================================================

/** A saved forward's id (chosen by main). */
export const savedForwardId = forwardId;

export interface SavedForward {
  id: string;
  /** The spec as saved (its context is the context it is saved under). */
  spec: ForwardSpec;
  /** Started when the app starts. */
  autostart: boolean;
  /** The running forward started from it, if any. */
  forwardId: string | null;
}

export interface BulkOutcome {
  /** Forwards started (or stopped). */
  done: number;
  /** Failures, each "<target>: <reason>" (bounded list). */
  failures: string[];
}

export const savedForwardChannels = {
  /** The saved forwards of a context. */
  'forwards.saved.list': request<SavedForward[]>()(z.object({ context: contextName }).strict()),
  /** Saves a forward under its spec's context (and starts it when `start`). */
  'forwards.saved.save': request<SavedForward>()(
    z
      .object({
        spec: forwardSpec,
        autostart: z.boolean().default(false),
        start: z.boolean().default(true),
      })
      .strict(),
  ),
  /** Forgets a saved forward (stopping its running forward). */
  'forwards.saved.remove': request<{ removed: true }>()(
    z.object({ context: contextName, id: savedForwardId }).strict(),
  ),
  /** Turns "start automatically" on or off. */
  'forwards.saved.setAutostart': request<SavedForward>()(
    z.object({ context: contextName, id: savedForwardId, autostart: z.boolean() }).strict(),
  ),
  /** Starts every saved forward of a context that is not running. */
  'forwards.startAll': request<BulkOutcome>()(z.object({ context: contextName }).strict()),
  /**
   * Stops every running forward (of a context, or all): kept as stopped or removed;
   * saved forwards stay saved either way.
   */
  'forwards.stopAll': request<BulkOutcome>()(
    z.object({ context: contextName.optional(), keep: z.boolean().default(true) }).strict(),
  ),
} as const;

/** One Service of a namespace forward: its address, names and ports. */
export interface NamespaceForwardService {
  service: string;
  /** The loopback address it listens on (127.1.x.y), or 127.0.0.1 in 'ports' mode. */
  address: string;
  /** Host names for the hosts file: name, name.namespace, name.namespace.svc.cluster.local. */
  hostnames: string[];
  ports: Array<{
    /** The Service's port (and name) that is forwarded. */
    port: number;
    name: string;
    /** The local port (= port on its own address; a free one in 'ports' mode). */
    localPort: number | null;
    /** The engine forward that serves it. */
    forwardId: string | null;
  }>;
  /** Why this Service is not forwarded, if it is not (no selector, ExternalName, UDP only). */
  skipped: string | null;
}

export interface NamespaceForwardState {
  /** The group id (ForwardOrigin namespace.groupId of its forwards). */
  id: string;
  context: string;
  namespace: string;
  /** 'addresses': one 127.1.x.y per Service; 'ports': 127.0.0.1 with distinct free ports. */
  mode: 'addresses' | 'ports';
  /** "Active (12 Services)", "Forbidden: …", ... */
  state: string;
  services: NamespaceForwardService[];
  /** The hosts-file lines to copy ("127.1.0.3 web web.team-a web.team-a.svc.cluster.local"). */
  hostsLines: string;
}

export type NamespaceForwardsEvent =
  { type: 'upsert'; groups: NamespaceForwardState[] } | { type: 'remove'; ids: string[] };

export const namespaceForwardChannels = {
  /** Every namespace forward and its table, live (Services added and removed as they come). */
  'forwards.namespaces.watch': stream<NamespaceForwardsEvent>()(z.object({}).strict()),
  /**
   * Forwards every Service of a namespace. 'auto' (default): own loopback addresses where
   * the system has them (Linux), distinct free ports on 127.0.0.1 otherwise.
   */
  'forwards.namespace.start': request<NamespaceForwardState>()(
    z
      .object({
        context: contextName,
        namespace: namespaceName,
        mode: z.enum(['auto', 'addresses', 'ports']).default('auto'),
      })
      .strict(),
  ),
  /** Stops a namespace forward and all its forwards. */
  'forwards.namespace.stop': request<{ stopped: true }>()(z.object({ id: forwardId }).strict()),
} as const;

// --- the feature's channels ------------------------------------------------------------

export const forwardsChannels = {
  ...forwardChannels,
  ...savedForwardChannels,
  ...namespaceForwardChannels,
} as const;
