import { describe, expect, it } from 'vitest';
import type { Cell, Row } from '../../../shared/resources/rows';
import { groupRepeats, newestFirst } from './event-rows';

const event = (uid: string, cells: Record<string, Cell>, namespace = 'default'): Row => ({
  uid,
  name: uid,
  namespace,
  cells,
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
    expect(grouped[0]!.cells['count']).toBe(6);
    expect(grouped[0]!.cells['lastSeen']).toBe('2024-01-02T00:00:00Z');
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
    const cells = { object: 'pod/a', reason: 'Pulled', message: 'ok' };
    expect(groupRepeats([event('e1', cells), event('e2', cells)])).toHaveLength(1);
  });
});
