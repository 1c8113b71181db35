/**
 * The `resources.watch` stream: one shared cache per namespace chosen (or one cluster-wide
 * for "All namespaces" and for cluster-scoped kinds), merged into one stream of diffs.
 * Per-namespace watches are always allowed where listing is, and carry only what is shown.
 * While the renderer is behind (the stream is held), diffs coalesce by uid in a DiffBuffer
 * and go out, latest state only, when the renderer has caught up.
 */
import { resolveKind } from '../../shared/kube/kinds';
import type { AnyKind } from '../../shared/contract/resources';
import type { ResourceStreamEvent } from '../../shared/contract/resources';
import type { NamespaceChoice } from '../../shared/contract/cluster';
import { PilotError } from '../../shared/contract/errors';
import type { StreamSink } from '../rpc/handler-types';
import type { WatchRegistry } from '../watch/watch-registry';
import { DiffBuffer } from './diff-buffer';

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

  const buffer = new DiffBuffer();
  let waiting = false;
  const drain = () => {
    if (signal.aborted || buffer.empty) return;
    if (!sink.held()) {
      for (const event of buffer.take()) sink.emit(event);
      return;
    }
    if (waiting) return;
    waiting = true;
    void sink.writable().then(() => {
      waiting = false;
      drain();
    });
  };
  const send = (event: ResourceStreamEvent) => {
    buffer.add(event);
    drain();
  };

  const stops = scopes.map((namespace) =>
    watches.subscribe(input.context, kind, namespace, {
      upsert: (rows) => send({ type: 'upsert', rows }),
      delete: (uids) => send({ type: 'delete', uids }),
      status: (status) => send({ type: 'status', scope: namespace ?? '', status }),
    }),
  );
  signal.addEventListener('abort', () => stops.forEach((stop) => stop()));
}
