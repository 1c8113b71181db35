/**
 * The `resources.watch` stream: one shared cache per namespace chosen (or one cluster-wide
 * for "All namespaces" and for cluster-scoped kinds), merged into one stream of diffs.
 * Per-namespace watches are always allowed where listing is, and carry only what is shown.
 */
import { resolveKind } from '../../shared/kube/kinds';
import type { AnyKind } from '../../shared/contract/resources';
import type { ResourceStreamEvent } from '../../shared/contract/resources';
import type { NamespaceChoice } from '../../shared/contract/cluster';
import { PilotError } from '../../shared/contract/errors';
import type { StreamSink } from '../rpc/handler-types';
import type { WatchRegistry } from '../watch/watch-registry';

export function watchResources(
  watches: WatchRegistry,
  input: { context: string; kind: AnyKind; namespaces: NamespaceChoice },
  sink: StreamSink<ResourceStreamEvent>,
  signal: AbortSignal,
): void {
  const kind = resolveKind(input.kind);
  if (!kind) return sink.fail(new PilotError('NotFound', `unknown kind "${String(input.kind)}"`));
  const scopes: (string | undefined)[] =
    !kind.namespaced || input.namespaces.all
      ? [undefined]
      : [...new Set(input.namespaces.namespaces)];

  const stops = scopes.map((namespace) =>
    watches.subscribe(input.context, kind, namespace, {
      upsert: (rows) => sink.emit({ type: 'upsert', rows }),
      delete: (uids) => sink.emit({ type: 'delete', uids }),
      status: (status) => sink.emit({ type: 'status', scope: namespace ?? '', status }),
    }),
  );
  signal.addEventListener('abort', () => stops.forEach((stop) => stop()));
}
