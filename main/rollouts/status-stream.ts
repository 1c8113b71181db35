/**
 * The `rollouts.watch` stream: per namespace chosen (or once for all namespaces) it
 * subscribes the shared caches of Deployments, StatefulSets, DaemonSets and
 * ControllerRevisions (main/watch: list, then watch; no polling), joins each StatefulSet
 * and DaemonSet with its ControllerRevisions for its revision number, and sends row diffs.
 * While the renderer is behind (the stream is held), diffs coalesce by uid in a
 * RolloutBuffer and go out, latest state only, once it has caught up.
 */
import type { NamespaceChoice } from '../../shared/contract/cluster';
import type { RolloutStreamEvent } from '../../shared/contract/rollouts';
import { revisionOf, type RevisionRef, type RolloutRow } from '../../shared/rollouts/rollout-row';
import type { StreamSink } from '../rpc/handler-types';
import type { WatchRegistry } from '../watch/watch-registry';
import { revisionProjection, workloadProjections } from './projections';
import { RolloutBuffer } from './rollout-buffer';

export function watchRollouts(
  watches: WatchRegistry,
  input: { context: string; namespaces: NamespaceChoice },
  sink: StreamSink<RolloutStreamEvent>,
  signal: AbortSignal,
): void {
  const scopes: (string | undefined)[] = input.namespaces.all
    ? [undefined]
    : [...new Set(input.namespaces.namespaces)];
  const buffer = new RolloutBuffer();
  const join = new RevisionJoin((row) => buffer.upsert(row));

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

  const stops: (() => void)[] = [];
  for (const namespace of scopes) {
    const scope = namespace ?? '';
    for (const projection of workloadProjections)
      stops.push(
        watches.subscribe(input.context, projection, namespace, {
          upsert: (rows) => {
            for (const row of rows) join.setWorkload(row);
            drain();
          },
          delete: (uids) => {
            for (const uid of uids) if (join.deleteWorkload(uid)) buffer.delete(uid);
            drain();
          },
          status: (status) => {
            buffer.status({ type: 'status', scope, resource: projection.plural, status });
            drain();
          },
        }),
      );
    stops.push(
      watches.subscribe(input.context, revisionProjection, namespace, {
        upsert: (refs) => {
          for (const ref of refs) join.setRevision(ref);
          drain();
        },
        delete: (uids) => {
          for (const uid of uids) join.deleteRevision(uid);
          drain();
        },
        status: (status) => {
          buffer.status({ type: 'status', scope, resource: revisionProjection.plural, status });
          drain();
        },
      }),
    );
  }
  signal.addEventListener('abort', () => stops.forEach((stop) => stop()));
}

/**
 * StatefulSets and DaemonSets get their revision number from their ControllerRevisions;
 * whichever arrives first, the row goes out again when the other changes it. Deployments
 * carry their own number and pass straight through.
 */
export class RevisionJoin {
  private readonly workloads = new Map<string, RolloutRow>();
  private readonly revisions = new Map<string, RevisionRef>();
  private readonly byOwner = new Map<string, Map<string, RevisionRef>>();
  /** The revision last sent per StatefulSet/DaemonSet: a revision change resends the row. */
  private readonly lastRevision = new Map<string, number | null>();

  constructor(private readonly emit: (row: RolloutRow) => void) {}

  setWorkload(row: RolloutRow): void {
    this.workloads.set(row.uid, row);
    this.emit(row.kind === 'Deployment' ? row : this.joined(row));
  }

  /** True if the workload was known (so the renderer may have it). */
  deleteWorkload(uid: string): boolean {
    this.lastRevision.delete(uid);
    return this.workloads.delete(uid);
  }

  setRevision(ref: RevisionRef): void {
    const before = this.revisions.get(ref.uid);
    if (before?.owner && before.owner !== ref.owner)
      this.byOwner.get(before.owner)?.delete(ref.uid);
    this.revisions.set(ref.uid, ref);
    if (!ref.owner) return;
    let owned = this.byOwner.get(ref.owner);
    if (!owned) this.byOwner.set(ref.owner, (owned = new Map()));
    owned.set(ref.uid, ref);
    this.refresh(ref.owner);
  }

  deleteRevision(uid: string): void {
    const ref = this.revisions.get(uid);
    this.revisions.delete(uid);
    if (!ref?.owner) return;
    const owned = this.byOwner.get(ref.owner);
    owned?.delete(uid);
    if (owned?.size === 0) this.byOwner.delete(ref.owner);
    this.refresh(ref.owner);
  }

  private refresh(owner: string): void {
    const row = this.workloads.get(owner);
    if (!row || row.kind === 'Deployment') return;
    const before = this.lastRevision.get(owner);
    const joined = this.joined(row);
    if (joined.revision !== before) this.emit(joined);
  }

  private joined(row: RolloutRow): RolloutRow {
    const revision = revisionOf(row, this.byOwner.get(row.uid)?.values() ?? []);
    this.lastRevision.set(row.uid, revision);
    return { ...row, revision };
  }
}
