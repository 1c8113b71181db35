import { describe, expect, it } from 'vitest';
import { genericTable } from './generic';

describe('generic rows (custom resources)', () => {
  it.each([
    [true, ['name', 'namespace', 'age']],
    [false, ['name', 'age']],
  ])('namespaced %s → columns %j', (namespaced, ids) => {
    expect(genericTable(namespaced).columns.map((c) => c.id)).toEqual(ids);
  });

  it('keeps identity, age and labels, nothing else', () => {
    const row = genericTable(true).project({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: {
        name: 'w',
        namespace: 'team-a',
        uid: 'w1',
        creationTimestamp: 'T0',
        labels: { a: 'b' },
      },
      spec: { size: 3 },
    });
    expect(row).toEqual({
      uid: 'w1',
      name: 'w',
      namespace: 'team-a',
      created: 'T0',
      labels: { a: 'b' },
      cells: {},
    });
  });
});
