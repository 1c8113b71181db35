import { describe, expect, it } from 'vitest';
import type { ResourceStreamEvent } from '../../shared/contract/resources';
import type { Row } from '../../shared/resources/rows';
import { DiffBuffer } from './diff-buffer';

const row = (uid: string, version = 0): Row => ({ uid, name: uid, cells: { version } });

/** What a renderer's feed makes of events: rows by uid and status by scope. */
function apply(events: ResourceStreamEvent[], rows = new Map<string, Row>()) {
  const statuses = new Map<string, string>();
  for (const event of events) {
    if (event.type === 'upsert') for (const r of event.rows) rows.set(r.uid, r);
    else if (event.type === 'delete') for (const uid of event.uids) rows.delete(uid);
    else statuses.set(event.scope, event.status.phase);
  }
  return { rows, statuses };
}

describe('DiffBuffer', () => {
  it('keeps the latest state per uid and per scope, with the same effect as the diffs', () => {
    const buffer = new DiffBuffer();
    const first: ResourceStreamEvent[] = [
      { type: 'status', scope: 'a', status: { phase: 'loading' } },
      { type: 'upsert', rows: [row('1'), row('2'), row('3')] },
      { type: 'status', scope: 'a', status: { phase: 'ready' } },
    ];
    first.forEach((e) => buffer.add(e));
    const sent = buffer.take();
    expect(apply(sent)).toEqual(apply(first));

    const later: ResourceStreamEvent[] = [
      { type: 'upsert', rows: [row('1', 1), row('4')] },
      { type: 'delete', uids: ['2', '4'] }, // 4 never reached the renderer: cancelled
      { type: 'upsert', rows: [row('1', 2), row('5')] },
      { type: 'delete', uids: ['3'] },
      { type: 'upsert', rows: [row('3', 9)] }, // back again: the upsert wins
    ];
    later.forEach((e) => buffer.add(e));
    const coalesced = buffer.take();
    expect(coalesced).toEqual([
      { type: 'delete', uids: ['2'] },
      { type: 'upsert', rows: [row('1', 2), row('5'), row('3', 9)] },
    ]);
    expect(apply(coalesced, apply(sent).rows).rows).toEqual(apply(later, apply(first).rows).rows);
    expect(buffer.empty).toBe(true);
  });

  it('stays bounded by the objects, not the churn: 100,000 diffs over 100 uids', () => {
    const buffer = new DiffBuffer();
    buffer.add({ type: 'upsert', rows: [row('known')] });
    buffer.take();
    for (let n = 0; n < 100_000; n++) {
      buffer.add({ type: 'upsert', rows: [row(`u${n % 100}`, n)] });
      buffer.add({ type: 'delete', uids: [`gone${n}`] }); // never sent: nothing to keep
    }
    buffer.add({ type: 'delete', uids: ['known'] });
    const events = buffer.take();
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual({ type: 'delete', uids: ['known'] });
    const upserts = events[1]?.type === 'upsert' ? events[1].rows : [];
    expect(upserts).toHaveLength(100);
    expect(upserts[0]).toEqual(row('u0', 99_900));
  });
});
