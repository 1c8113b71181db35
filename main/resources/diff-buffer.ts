/**
 * Coalesces the `resources.watch` diffs of one stream while the renderer is behind (its
 * stream window is full): per uid only the latest state is kept, so however long the
 * hold lasts, what waits is bounded by the objects involved, not by the churn.
 *
 * Bound: at most one row per uid changed since the last take, one delete per uid the
 * renderer holds, and one status per scope. A delete of a row the renderer never received
 * cancels it outright, so short-lived objects leave nothing behind.
 */
import type { ResourceStreamEvent, ScopeStatus } from '../../shared/contract/resources';
import type { Row } from '../../shared/resources/rows';

export class DiffBuffer {
  private readonly upserts = new Map<string, Row>();
  private readonly deletes = new Set<string>();
  private readonly statuses = new Map<string, ScopeStatus>();
  /** The uids the renderer has as rows once everything taken so far has arrived. */
  private readonly known = new Set<string>();

  add(event: ResourceStreamEvent): void {
    if (event.type === 'upsert') {
      for (const row of event.rows) {
        this.deletes.delete(row.uid);
        this.upserts.set(row.uid, row);
      }
    } else if (event.type === 'delete') {
      for (const uid of event.uids) {
        this.upserts.delete(uid);
        if (this.known.has(uid)) this.deletes.add(uid);
      }
    } else {
      this.statuses.set(event.scope, event.status);
    }
  }

  get empty(): boolean {
    return this.upserts.size === 0 && this.deletes.size === 0 && this.statuses.size === 0;
  }

  /**
   * Everything added since the last take, as events with the same effect on a renderer's
   * rows-by-uid and status-by-scope: per uid and per scope only the last state counts.
   */
  take(): ResourceStreamEvent[] {
    const events: ResourceStreamEvent[] = [];
    if (this.deletes.size > 0) {
      for (const uid of this.deletes) this.known.delete(uid);
      events.push({ type: 'delete', uids: [...this.deletes] });
    }
    if (this.upserts.size > 0) {
      for (const uid of this.upserts.keys()) this.known.add(uid);
      events.push({ type: 'upsert', rows: [...this.upserts.values()] });
    }
    for (const [scope, status] of this.statuses) events.push({ type: 'status', scope, status });
    this.deletes.clear();
    this.upserts.clear();
    this.statuses.clear();
    return events;
  }
}
