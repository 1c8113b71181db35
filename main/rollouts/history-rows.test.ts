import { describe, expect, it } from 'vitest';
import {
  historyRows,
  MAX_CHANGE_CAUSE_CHARS,
  projectReplicaSet,
  type RevisionSource,
} from './history-rows';

const source = (name: string, revision: number | undefined, owner = 'W'): RevisionSource => ({
  uid: `uid-${name}`,
  name,
  owner,
  revision,
  changeCause: '',
  images: [],
  created: '',
});

describe('live history rows', () => {
  it('Deployment: pods count on the ReplicaSet that controls them; the highest revision is current', () => {
    const rows = historyRows(
      true,
      { uid: 'W', name: 'web' },
      [source('web-b', 2), source('web-a', 1), source('other', 3, 'X'), source('bad', undefined)],
      [
        { uid: 'p1', owner: 'uid-web-b', hash: 'b' },
        { uid: 'p2', owner: 'uid-web-b', hash: 'b' },
        { uid: 'p3', owner: 'uid-web-a', hash: 'a' },
      ],
    );
    expect(rows.map((r) => [r.revision, r.pods, r.current])).toEqual([
      [1, 1, false],
      [2, 2, true],
    ]);
  });

  it("StatefulSet pods name the whole revision; DaemonSet pods only the hash after '<name>-'", () => {
    const pods = [
      { uid: 'p1', owner: 'W', hash: 'db-5f6' },
      { uid: 'p2', owner: 'W', hash: '7c8' },
      { uid: 'p3', owner: 'other', hash: 'db-5f6' },
    ];
    const rows = historyRows(
      false,
      { uid: 'W', name: 'db' },
      [source('db-5f6', 1), source('db-7c8', 2)],
      pods,
    );
    expect(rows.map((r) => r.pods)).toEqual([1, 1]);
  });

  it('cuts a change-cause to its bound', () => {
    const rs = projectReplicaSet({
      metadata: { annotations: { 'kubernetes.io/change-cause': 'x'.repeat(10_000) } },
    });
    expect(rs.changeCause.length).toBe(MAX_CHANGE_CAUSE_CHARS + 1);
  });
});
