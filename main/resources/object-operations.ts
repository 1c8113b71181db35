/**
 * One-off resource operations: fetch a full object for the detail panel, delete, scale,
 * and reveal one Secret value. Errors come back classified (Forbidden names the verb).
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { resolveKind } from '../../shared/kube/kinds';
import type { AnyKind } from '../../shared/contract/resources';
import type { KubeObject } from '../../shared/kube/object-types';
import { PilotError } from '../../shared/contract/errors';
import { classifyKubeError } from '../platform/classify-error';
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

export async function getObject(kc: KubeConfig, ref: ObjectRef): Promise<KubeObject> {
  const kind = kindOf(ref.kind);
  try {
    const object = await kubeJson<KubeObject>(kc, objectPath(kind, ref.namespace, ref.name));
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
    throw classifyKubeError(error, { action: describe('get', ref) });
  }
}

export async function deleteObject(kc: KubeConfig, ref: ObjectRef): Promise<null> {
  const kind = kindOf(ref.kind);
  try {
    await kubeJson(kc, objectPath(kind, ref.namespace, ref.name), {}, { method: 'DELETE' });
    return null;
  } catch (error) {
    throw classifyKubeError(error, { action: describe('delete', ref) });
  }
}

export async function scaleObject(kc: KubeConfig, ref: ObjectRef, replicas: number): Promise<null> {
  const kind = kindOf(ref.kind);
  try {
    await kubeJson(
      kc,
      `${objectPath(kind, ref.namespace, ref.name)}/scale`,
      {},
      {
        method: 'PATCH',
        contentType: 'application/merge-patch+json',
        body: JSON.stringify({ spec: { replicas } }),
      },
    );
    return null;
  } catch (error) {
    throw classifyKubeError(error, { action: describe('scale', ref) });
  }
}

export async function revealSecretValue(
  kc: KubeConfig,
  ref: ObjectRef,
  key: string,
): Promise<string> {
  try {
    const secret = await kubeJson<{ data?: Record<string, string> }>(
      kc,
      objectPath(kindOf('secrets'), ref.namespace, ref.name),
    );
    const value = secret.data?.[key];
    if (value === undefined)
      throw new PilotError('NotFound', `secret "${ref.name}" has no key "${key}"`);
    return Buffer.from(value, 'base64').toString('utf8');
  } catch (error) {
    throw classifyKubeError(error, { action: describe('get', ref) });
  }
}
