/**
 * Coalesces one `rollouts.watch` stream's events while the renderer is behind (its stream
 * window is full): per uid only the latest row, per (scope, resource) only the latest
 * status. Bound: one row per workload changed since the last take, one delete per uid the
 * renderer holds, one status per watch; a delete of a row never sent cancels it outright.
 * (The same rule as the resources feature's diff buffer, for this stream's events.)
 */
import type { RolloutRow, RolloutStreamEvent } from '../../shared/contract/rollouts';

type StatusEvent = Extract<RolloutStreamEvent, { type: 'status' }>;

export class RolloutBuffer {
  private readonly upserts = new Map<string, RolloutRow>();
  private readonly deletes = new Set<string>();
  private readonly statuses = new Map<string, StatusEvent>();
  /** The uids the renderer has once everything taken so far has arrived. */
  private readonly known = new Set<string>();

  upsert(row: RolloutRow): void {
    this.deletes.delete(row.uid);
    this.upserts.set(row.uid, row);
  }

  delete(uid: string): void {
    this.upserts.delete(uid);
    if (this.known.has(uid)) this.deletes.add(uid);
  }

  status(event: StatusEvent): void {
    this.statuses.set(`${event.resource}@${event.scope}`, event);
  }

  get empty(): boolean {
    return this.upserts.size === 0 && this.deletes.size === 0 && this.statuses.size === 0;
  }

  /** Everything since the last take, with the same effect on the renderer's rows. */
  take(): RolloutStreamEvent[] {
    const events: RolloutStreamEvent[] = [];
    if (this.deletes.size > 0) {
      for (const uid of this.deletes) this.known.delete(uid);
      events.push({ type: 'delete', uids: [...this.deletes] });
    }
    if (this.upserts.size > 0) {
      for (const uid of this.upserts.keys()) this.known.add(uid);
      events.push({ type: 'upsert', rows: [...this.upserts.values()] });
    }
    events.push(...this.statuses.values());
    this.deletes.clear();
    this.upserts.clear();
    this.statuses.clear();
    return events;
  }
}
