/**
 * One-off resource operations: fetch a full object for the detail panel, delete, scale,
 * and reveal one Secret value. Errors come back classified (Forbidden names the verb).
 * Every operation takes the call's AbortSignal down to the HTTP request, so a call
 * cancelled before its request is sent never reaches the API server (a delete cancelled
 * then deletes nothing). A request already sent cannot be taken back: the server may act.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { offersAction, resolveKind, type KindAction, type KindDef } from '../../shared/kube/kinds';
import type { AnyKind } from '../../shared/contract/resources';
import type { KubeObject } from '../../shared/kube/object-types';
import { PilotError } from '../../shared/contract/errors';
import { classifyKubeError, statusMessage } from '../platform/classify-error';
import { kubeJson } from '../platform/http';
import { objectPath } from '../platform/api-paths';

export interface ObjectRef {
  kind: AnyKind;
  namespace?: string | undefined;
  name: string;
}

/** Shown instead of Secret values until one is revealed. */
export const HIDDEN = '••••••••';

function kindOf(id: AnyKind) {
  const kind = resolveKind(id);
  if (!kind) throw new PilotError('NotFound', `unknown kind "${String(id)}"`);
  return kind;
}

function describe(verb: string, ref: ObjectRef): string {
  const kind = typeof ref.kind === 'string' ? ref.kind : ref.kind.kind;
  return `${verb} ${kind} "${ref.name}"${ref.namespace ? ` in namespace ${ref.namespace}` : ''}`;
}

/**
 * The kind's definition, if the registry offers `action` on it. The contract's schema
 * already allows only those kinds; this is the same rule again where the action happens.
 */
function kindFor(ref: ObjectRef, action: KindAction): KindDef {
  const kind = kindOf(ref.kind);
  if (!offersAction(ref.kind, action)) {
    throw new PilotError('Invalid', `Pilothouse does not ${action} ${kind.singular} objects`);
  }
  if (kind.namespaced !== (ref.namespace !== undefined)) {
    throw new PilotError(
      'Invalid',
      kind.namespaced
        ? `${describe(action, ref)}: a ${kind.singular} needs its namespace`
        : `${describe(action, ref)}: a ${kind.singular} has no namespace`,
    );
  }
  return kind;
}

/** Throws `Cancelled` if the call was cancelled; before a request, nothing was sent. */
function checkNotCancelled(signal: AbortSignal | undefined, verb: string, ref: ObjectRef): void {
  if (signal?.aborted) {
    throw new PilotError('Cancelled', `${describe(verb, ref)} was cancelled before it was sent`);
  }
}

/** A failure of an API call, told as Cancelled when the call's own signal ended it. */
function failure(error: unknown, signal: AbortSignal | undefined, verb: string, ref: ObjectRef) {
  if (signal?.aborted) return new PilotError('Cancelled', `${describe(verb, ref)} was cancelled`);
  return classifyKubeError(error, { action: describe(verb, ref) });
}

export async function getObject(
  kc: KubeConfig,
  ref: ObjectRef,
  signal?: AbortSignal,
): Promise<KubeObject> {
  const kind = kindOf(ref.kind);
  checkNotCancelled(signal, 'get', ref);
  try {
    const object = await kubeJson<KubeObject>(
      kc,
      objectPath(kind, ref.namespace, ref.name),
      {},
      { ...(signal ? { signal } : {}) },
    );
    if (object.metadata) delete (object.metadata as Record<string, unknown>)['managedFields'];
    if (kind.id === 'secrets') {
      for (const field of ['data', 'stringData']) {
        const values = object[field] as Record<string, string> | undefined;
        if (values) for (const key of Object.keys(values)) values[key] = HIDDEN;
      }
      // The last-applied annotation repeats every value in clear text.
      const annotations = object.metadata?.annotations;
      if (annotations) delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
    }
    return object;
  } catch (error) {
    throw failure(error, signal, 'get', ref);
  }
}

/** The object the user looked at: its uid travels as the delete's precondition. */
export interface DeleteRef extends ObjectRef {
  uid: string;
}

/**
 * Deletes the object whose uid is `ref.uid`, and only that one: the API server refuses
 * (409) when the name now belongs to a newer object, and a vanished one answers 404.
 * Either way nothing was deleted, and the message says so.
 */
export async function deleteObject(
  kc: KubeConfig,
  ref: DeleteRef,
  signal?: AbortSignal,
): Promise<null> {
  const kind = kindFor(ref, 'delete');
  const { uid, ...target } = ref;
  checkNotCancelled(signal, 'delete', target);
  try {
    await kubeJson(
      kc,
      objectPath(kind, ref.namespace, ref.name),
      {},
      {
        method: 'DELETE',
        contentType: 'application/json',
        body: JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid } }),
        ...(signal ? { signal } : {}),
      },
    );
    return null;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const where = `${kind.singular} "${ref.name}"${ref.namespace ? ` in namespace ${ref.namespace}` : ''}`;
    if (code === 409 && !signal?.aborted) {
      const reason = statusMessage((error as { body?: unknown }).body) ?? 'HTTP 409';
      throw new PilotError(
        'Conflict',
        /precondition/i.test(reason) && /uid/i.test(reason)
          ? `${where} was replaced since you opened it (same name, another object); nothing was deleted`
          : `${where} changed since you opened it; nothing was deleted: ${reason}`,
      );
    }
    if (code === 404 && !signal?.aborted) {
      throw new PilotError('NotFound', `${where} no longer exists; nothing was deleted`);
    }
    throw failure(error, signal, 'delete', target);
  }
}

export async function scaleObject(
  kc: KubeConfig,
  ref: ObjectRef,
  replicas: number,
  signal?: AbortSignal,
): Promise<null> {
  const kind = kindFor(ref, 'scale');
  checkNotCancelled(signal, 'scale', ref);
  try {
    await kubeJson(
      kc,
      `${objectPath(kind, ref.namespace, ref.name)}/scale`,
      {},
      {
        method: 'PATCH',
        contentType: 'application/merge-patch+json',
        body: JSON.stringify({ spec: { replicas } }),
        ...(signal ? { signal } : {}),
      },
    );
    return null;
  } catch (error) {
    throw failure(error, signal, 'scale', ref);
  }
}

export async function revealSecretValue(
  kc: KubeConfig,
  ref: ObjectRef,
  key: string,
  signal?: AbortSignal,
): Promise<string> {
  checkNotCancelled(signal, 'get', ref);
  try {
    const secret = await kubeJson<{ data?: Record<string, string> }>(
      kc,
      objectPath(kindOf('secrets'), ref.namespace, ref.name),
      {},
      { ...(signal ? { signal } : {}) },
    );
    const value = secret.data?.[key];
    if (value === undefined)
      throw new PilotError('NotFound', `secret "${ref.name}" has no key "${key}"`);
    return Buffer.from(value, 'base64').toString('utf8');
  } catch (error) {
    throw failure(error, signal, 'get', ref);
  }
}
