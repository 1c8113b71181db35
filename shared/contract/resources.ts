/**
 * What the live resource streams carry: row diffs and a status per watched scope.
 */
import type { Row } from '../resources/rows';

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
