import { describe, expect, it } from 'vitest';
import type { Row } from '../../../shared/resources/rows';
import { eventCells, eventTable } from '../../../shared/resources/cluster';
import { groupRepeats, newestFirst } from './event-rows';

interface EventFields {
  involvedUid?: string;
  podName?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastSeen?: string;
}

/** An event row as main projects it from a core/v1 Event. */
const event = (uid: string, fields: EventFields, namespace = 'default'): Row =>
  eventTable.project({
    metadata: { uid, name: uid, namespace },
    involvedObject: {
      kind: 'Pod',
      name: fields.podName ?? 'a',
      namespace,
      ...(fields.involvedUid ? { uid: fields.involvedUid } : {}),
    },
    type: 'Normal',
    ...(fields.reason ? { reason: fields.reason } : {}),
    ...(fields.message ? { message: fields.message } : {}),
    ...(fields.count ? { count: fields.count } : {}),
    ...(fields.lastSeen ? { lastTimestamp: fields.lastSeen } : {}),
  });

describe('newestFirst', () => {
  it('orders by lastSeen, newest first, rows without one last, without changing the input', () => {
    const rows = [
      event('old', { lastSeen: '2024-01-01T00:00:00Z' }),
      event('none', {}),
      event('new', { lastSeen: '2024-01-03T00:00:00Z' }),
      event('mid', { lastSeen: '2024-01-02T00:00:00Z' }),
    ];
    expect(newestFirst(rows).map((r) => r.uid)).toEqual(['new', 'mid', 'old', 'none']);
    expect(rows.map((r) => r.uid)).toEqual(['old', 'none', 'new', 'mid']);
  });
});

describe('groupRepeats', () => {
  const base = { involvedUid: 'pod-1', reason: 'BackOff', message: 'restarting' };

  it('merges the same reason and message on the same object, keeping the newest and summing counts', () => {
    const grouped = groupRepeats([
      event('e1', { ...base, count: 3, lastSeen: '2024-01-01T00:00:00Z' }),
      event('e2', { ...base, count: 2, lastSeen: '2024-01-02T00:00:00Z' }),
      event('e3', { ...base, lastSeen: '2023-12-31T00:00:00Z' }),
    ]);
    expect(grouped).toHaveLength(1);
    expect(grouped[0]!.uid).toBe('e2');
    expect(eventCells(grouped[0]!).count).toBe(6);
    expect(eventCells(grouped[0]!).lastSeen).toBe('2024-01-02T00:00:00Z');
  });

  it('keeps apart other objects, reasons, messages and namespaces', () => {
    const grouped = groupRepeats([
      event('e1', base),
      event('e2', { ...base, involvedUid: 'pod-2' }),
      event('e3', { ...base, reason: 'Failed' }),
      event('e4', { ...base, message: 'other' }),
      event('e5', base, 'other-namespace'),
    ]);
    expect(grouped.map((r) => r.uid)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
  });

  it('falls back to the object name when the involved uid is missing', () => {
    const fields = { podName: 'a', reason: 'Pulled', message: 'ok' };
    expect(groupRepeats([event('e1', fields), event('e2', fields)])).toHaveLength(1);
  });
});
