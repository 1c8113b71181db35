import { useEffect, useState } from 'react';
import type { PilotApi } from '../../../../shared/contract/api';
import type { AnyKind } from '../../../../shared/contract/resources';
import type { PilotErrorData } from '../../../../shared/contract/errors';
import type { KubeObject } from '../../../../shared/kube/object-types';

export type ObjectState =
  | { status: 'loading' }
  /** `gone`: the object was deleted since; the last version stays readable. */
  | { status: 'ready'; object: KubeObject; gone?: boolean }
  | { status: 'error'; error: PilotErrorData };

/**
 * The full object, fetched on demand. `revision` changes when the live row changes, and
 * triggers a refetch so the panel never shows an older object than the table.
 */
export function useObject(
  api: PilotApi,
  ref: { context: string; kind: AnyKind; namespace?: string | undefined; name: string },
  revision: unknown,
): ObjectState {
  const [state, setState] = useState<ObjectState>({ status: 'loading' });
  const key = JSON.stringify(ref);
  useEffect(() => {
    const controller = new AbortController();
    const { namespace, ...rest } = ref;
    api.request('resource.get', namespace ? { ...rest, namespace } : rest, controller.signal).then(
      (object) => setState({ status: 'ready', object }),
      (error: PilotErrorData) => {
        if (error.code === 'Cancelled') return;
        setState((previous) =>
          error.code === 'NotFound' &&
          previous.status === 'ready' &&
          previous.object.metadata?.name === ref.name
            ? { ...previous, gone: true }
            : { status: 'error', error },
        );
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, revision]);
  return state;
}
