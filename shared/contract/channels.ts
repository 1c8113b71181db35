/**
 * Every channel of the contract, declared once: its kind, the schema main uses to validate
 * what the renderer sends, and (as a type only) what comes back. Add a channel here, then
 * give it a handler in main/rpc/handlers.ts; the types keep both ends in step.
 */
import { z } from 'zod';
import type {
  AppInfo,
  ConnectionUpdate,
  ContextPreferences,
  KubeconfigSnapshot,
  NamespaceList,
} from './model';
import type { ResourceStreamEvent } from './resources';
import type { LogStreamEvent } from './logs';
import type { KubeObject } from '../kube/object-types';

/** A kubeconfig context name: free text in kubeconfig, so only its length is bounded. */
export const contextName = z.string().min(1).max(512);

/** A namespace name as Kubernetes accepts it (RFC 1123 label). */
export const namespaceName = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a lowercase RFC 1123 label, like team-a');

const namespaceChoice = z.discriminatedUnion('all', [
  z.object({ all: z.literal(true) }).strict(),
  z.object({ all: z.literal(false), namespaces: z.array(namespaceName).max(1000) }).strict(),
]);

/** The kinds the resource channels accept (ids of shared/resources/kinds.ts). */
export const kindId = z.enum([
  'pods',
  'deployments',
  'replicasets',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'services',
  'ingresses',
  'configmaps',
  'secrets',
  'namespaces',
  'nodes',
  'events',
]);
export type KindId = z.infer<typeof kindId>;

/** A custom resource found through API discovery, listed with generic columns. */
export const customKindRef = z
  .object({
    group: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[a-z0-9.-]+$/),
    version: z
      .string()
      .max(63)
      .regex(/^v[0-9a-z]+$/),
    plural: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[a-z0-9.-]+$/),
    namespaced: z.boolean(),
    kind: z.string().min(1).max(253),
  })
  .strict();
export type CustomKindRef = z.infer<typeof customKindRef>;

/** A built-in kind id, or a custom resource. */
export const anyKind = z.union([kindId, customKindRef]);
export type AnyKind = z.infer<typeof anyKind>;

/** A Kubernetes object name (RFC 1123 subdomain; generous, the API server has the last word). */
const objectName = z.string().min(1).max(253);

const objectRef = z
  .object({
    context: contextName,
    kind: anyKind,
    namespace: namespaceName.optional(),
    name: objectName,
  })
  .strict();

const empty = z.object({}).strict();
const byContext = z.object({ context: contextName }).strict();

/** A request: one input, one answer, cancellable. */
export interface RequestDef<In extends z.ZodType, Out> {
  kind: 'request';
  input: In;
  /** Type-only marker for the answer; never set at run time. */
  readonly output?: Out;
}

/** A stream: one input, then batches of events until it ends, fails or is cancelled. */
export interface StreamDef<In extends z.ZodType, Event> {
  kind: 'stream';
  input: In;
  /** Type-only marker for the events; never set at run time. */
  readonly event?: Event;
}

const request =
  <Out>() =>
  <In extends z.ZodType>(input: In): RequestDef<In, Out> => ({ kind: 'request', input });
const stream =
  <Event>() =>
  <In extends z.ZodType>(input: In): StreamDef<In, Event> => ({ kind: 'stream', input });

export const channels = {
  /** Version and mode of the running app, and the context chosen last time. */
  'app.info': request<AppInfo>()(empty),
  /** The merged kubeconfig: a snapshot now, and another whenever a file changes on disk. */
  'kubeconfig.watch': stream<KubeconfigSnapshot>()(empty),
  /** Connection state of every context that was ever selected in this run. */
  'connections.watch': stream<ConnectionUpdate>()(empty),
  /** Makes a context the active one and connects to it (again, if it was). */
  'context.select': request<null>()(byContext),
  /** The namespaces to offer for a context (falls back when listing is forbidden). */
  'namespaces.list': request<NamespaceList>()(byContext),
  /** The remembered namespace choice of a context. */
  'preferences.get': request<ContextPreferences>()(byContext),
  /** Remembers the namespace choice of a context. */
  'preferences.setNamespaces': request<ContextPreferences>()(
    z.object({ context: contextName, choice: namespaceChoice }).strict(),
  ),
  /** Adds or removes a hand-typed namespace for a context that may not list namespaces. */
  'preferences.editAddedNamespace': request<ContextPreferences>()(
    z
      .object({ context: contextName, namespace: namespaceName, op: z.enum(['add', 'remove']) })
      .strict(),
  ),
  /** Live rows of one kind in the chosen namespaces: diffs and per-namespace status. */
  'resources.watch': stream<ResourceStreamEvent>()(
    z.object({ context: contextName, kind: anyKind, namespaces: namespaceChoice }).strict(),
  ),
  /** Custom resources the API server offers (list and watch), for the sidebar. */
  'kinds.discover': request<CustomKindRef[]>()(byContext),
  /** One full object for the detail panel (managedFields dropped; Secret values hidden). */
  'resource.get': request<KubeObject>()(objectRef),
  /** Deletes one object (the UI asks for confirmation first). */
  'resource.delete': request<null>()(objectRef),
  /** Sets the replicas of a Deployment or StatefulSet through its scale subresource. */
  'resource.scale': request<null>()(
    z
      .object({
        context: contextName,
        kind: z.enum(['deployments', 'statefulsets', 'replicasets']),
        namespace: namespaceName,
        name: objectName,
        replicas: z.number().int().min(0).max(100_000),
      })
      .strict(),
  ),
  /**
   * Follows the logs a kail-style query selects (shared/logs/query.ts), picking up pods as
   * they come and go. `namespaces` is the scope when the query names none.
   */
  'logs.follow': stream<LogStreamEvent>()(
    z
      .object({
        context: contextName,
        query: z.string().max(4000),
        namespaces: namespaceChoice,
        bufferLines: z.number().int().min(100).max(1_000_000).optional(),
      })
      .strict(),
  ),
  /** The decoded value of one Secret key, revealed on request. */
  'secret.reveal': request<string>()(
    z
      .object({
        context: contextName,
        namespace: namespaceName,
        name: objectName,
        key: z.string().min(1).max(253),
      })
      .strict(),
  ),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestName = {
  [K in ChannelName]: Channels[K]['kind'] extends 'request' ? K : never;
}[ChannelName];
export type StreamName = {
  [K in ChannelName]: Channels[K]['kind'] extends 'stream' ? K : never;
}[ChannelName];

export type InputOf<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ParsedInputOf<K extends ChannelName> = z.output<Channels[K]['input']>;
export type OutputOf<K extends RequestName> =
  Channels[K] extends RequestDef<z.ZodType, infer Out> ? Out : never;
export type EventOf<K extends StreamName> =
  Channels[K] extends StreamDef<z.ZodType, infer Event> ? Event : never;

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}
