import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/object-types';
import { persistentVolumeClaimTable } from './storage';

const claim = (spec: Record<string, unknown>, status: Record<string, unknown>, meta = {}) => ({
  metadata: { name: 'data', namespace: 'team-a', uid: 'c1', ...meta },
  spec,
  status,
});

describe('persistent volume claim rows', () => {
  it.each<[string, KubeObject, Record<string, unknown>, string]>([
    [
      'bound',
      claim(
        { volumeName: 'pvc-123', storageClassName: 'standard', accessModes: ['ReadWriteOnce'] },
        {
          phase: 'Bound',
          capacity: { storage: '10Gi' },
          accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
        },
      ),
      {
        status: 'Bound',
        volume: 'pvc-123',
        capacity: '10Gi',
        accessModes: 'RWO,ROX',
        storageClass: 'standard',
      },
      'ok',
    ],
    [
      'pending: nothing granted yet',
      claim({ storageClassName: 'standard', accessModes: ['ReadWriteMany'] }, { phase: 'Pending' }),
      {
        status: 'Pending',
        volume: null,
        capacity: null,
        accessModes: null,
        storageClass: 'standard',
      },
      'warn',
    ],
    [
      'lost',
      claim({ volumeName: 'pvc-9' }, { phase: 'Lost' }),
      { status: 'Lost', volume: 'pvc-9', capacity: null, accessModes: null, storageClass: null },
      'bad',
    ],
    [
      'terminating',
      claim({}, { phase: 'Bound' }, { deletionTimestamp: '2026-01-01T00:00:00Z' }),
      { status: 'Terminating' },
      'warn',
    ],
  ])('%s', (_name, object, cells, tone) => {
    const row = persistentVolumeClaimTable.project(object);
    expect(row.cells).toMatchObject(cells);
    expect(row.status).toBe(cells['status']);
    expect(row.tone).toBe(tone);
    const ids = persistentVolumeClaimTable.columns.map((c) => c.id);
    expect(ids).toEqual([
      'name',
      'namespace',
      'status',
      'volume',
      'capacity',
      'accessModes',
      'storageClass',
      'age',
    ]);
  });
});
