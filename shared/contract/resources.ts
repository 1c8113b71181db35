/**
 * The resources feature's contract: live rows of any kind (row diffs and a status per
 * watched scope), custom resource discovery, one object in full, and the actions on it.
 */
import { z } from 'zod';
import type { Row } from '../resources/rows';
import type { KubeObject } from '../kube/object-types';
import { deletableKindIds, kindById, kindIds, scalableKindIds } from '../kube/kinds';
import {
  byContext,
  contextName,
  namespaceChoice,
  namespaceName,
  objectName,
  request,
  stream,
} from './define';

/** The state of one list+watch (a kind in one namespace, or cluster-wide). */
export type ScopeStatus =
  | { phase: 'loading' }
  | { phase: 'ready' }
  /** The watch broke; rows may be stale until the relist completes. */
  | { phase: 'reconnecting'; message: string }
  /** RBAC forbids listing here; the message names the verb, resource and namespace. */
  | { phase: 'forbidden'; message: string }
  | { phase: 'error'; message: string };

export type ResourceStreamEvent =
  | { type: 'upsert'; rows: Row[] }
  | { type: 'delete'; uids: string[] }
  /** `scope` is the namespace, or '' for a cluster-wide watch. */
  | { type: 'status'; scope: string; status: ScopeStatus };

/** The kinds the resource channels accept: the ids of the kind registry (shared/kube/kinds.ts). */
export const kindId = z.enum(kindIds);
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

const objectRef = z
  .object({
    context: contextName,
    kind: anyKind,
    namespace: namespaceName.optional(),
    name: objectName,
  })
  .strict();

/**
 * An enum of kind ids whose rejection names the action: only the kinds the detail panel
 * offers the action for (the registry's `actions`) get through.
 */
function kindOffering<T extends readonly [string, ...string[]]>(ids: T, action: string) {
  return z.enum(ids, {
    error: `must be a kind Pilothouse offers ${action} for (${ids.join(', ')})`,
  });
}

/**
 * A Kubernetes object uid as the API server writes it (a UUID). The delete sends it as
 * preconditions.uid, so only the object the user looked at can be deleted.
 */
export const objectUid = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9a-fA-F-]+$/, 'must be an object uid (metadata.uid)');

/** A namespaced kind needs its namespace; a cluster-scoped one takes none. */
function namespaceMatchesKind(input: { kind: string; namespace?: string | undefined }): boolean {
  const namespaced = kindById.get(input.kind)?.namespaced;
  return namespaced === undefined || namespaced === (input.namespace !== undefined);
}

export const resourceChannels = {
  /** Live rows of one kind in the chosen namespaces: diffs and per-namespace status. */
  'resources.watch': stream<ResourceStreamEvent>()(
    z.object({ context: contextName, kind: anyKind, namespaces: namespaceChoice }).strict(),
  ),
  /** Custom resources the API server offers (list and watch), for the sidebar. */
  'kinds.discover': request<CustomKindRef[]>()(byContext),
  /** One full object for the detail panel (managedFields dropped; Secret values hidden). */
  'resource.get': request<KubeObject>()(objectRef),
  /**
   * Deletes one object, the one whose uid the renderer saw (sent as preconditions.uid: a
   * newer object with the same name is left alone, answered with `Conflict`). Only the
   * kinds whose registry actions include 'delete'; the UI asks for confirmation first.
   */
  'resource.delete': request<null>()(
    z
      .object({
        context: contextName,
        kind: kindOffering(deletableKindIds, 'delete'),
        namespace: namespaceName.optional(),
        name: objectName,
        uid: objectUid,
      })
      .strict()
      .refine(namespaceMatchesKind, {
        message: 'a namespaced kind needs its namespace, a cluster-scoped one none',
        path: ['namespace'],
      }),
  ),
  /** Sets the replicas of a kind whose registry actions include 'scale' (its scale subresource). */
  'resource.scale': request<null>()(
    z
      .object({
        context: contextName,
        kind: kindOffering(scalableKindIds, 'scale'),
        namespace: namespaceName,
        name: objectName,
        replicas: z.number().int().min(0).max(100_000),
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
