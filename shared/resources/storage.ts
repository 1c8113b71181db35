/** Tables of the storage kinds: PersistentVolumeClaims. */
import type { KindTable, Tone } from './rows';
import { asArray, asRecord, asString } from '../kube/object-types';
import { age, baseRow, name, namespace, status, text, withStatus } from './columns';

const claimTone = (word: string): Tone =>
  word === 'Bound' ? 'ok' : word === 'Pending' || word === 'Terminating' ? 'warn' : 'bad';

/** Access modes as kubectl abbreviates them (RWO, ROX, RWX, RWOP). */
const accessModeShort: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};

export const persistentVolumeClaimTable: KindTable = {
  columns: [
    name,
    namespace,
    status,
    text('volume', 'Volume', 1.6),
    text('capacity', 'Capacity', 0.7),
    text('accessModes', 'Access modes', 0.9),
    text('storageClass', 'Storage class', 1),
    age,
  ],
  project(object) {
    const spec = asRecord(object.spec);
    const st = asRecord(object.status);
    const phase = asString(st['phase']) ?? 'Pending';
    // Capacity and access modes are what was granted; until bound, nothing was.
    const modes = asArray<string>(st['accessModes'])
      .map((m) => accessModeShort[m] ?? m)
      .join(',');
    const row = baseRow(object, {
      volume: asString(spec['volumeName']) || null,
      capacity: asString(asRecord(st['capacity'])['storage']) ?? null,
      accessModes: modes || null,
      storageClass: asString(spec['storageClassName']) ?? null,
    });
    const word = object.metadata?.deletionTimestamp ? 'Terminating' : phase;
    return withStatus(row, word, claimTone(word));
  },
};
