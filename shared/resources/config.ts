/** Tables of the configuration kinds: ConfigMaps and Secrets (key counts, never values). */
import type { KindTable } from './rows';
import { asRecord, asString, type KubeObject } from '../kube/object-types';
import { age, baseRow, name, namespace, num, text } from './columns';

const keysOf = (object: KubeObject, ...fields: string[]) =>
  fields.reduce((sum, f) => sum + Object.keys(asRecord(object[f])).length, 0);

export const configMapTable: KindTable = {
  columns: [name, namespace, num('keys', 'Keys'), age],
  project: (object) => baseRow(object, { keys: keysOf(object, 'data', 'binaryData') }),
};

/** Secret rows carry key names and type only; values are fetched one by one on reveal. */
export const secretTable: KindTable = {
  columns: [name, namespace, text('type', 'Type', 1.6), num('keys', 'Keys'), age],
  project: (object) =>
    baseRow(object, {
      type: asString(object['type']) ?? 'Opaque',
      keys: keysOf(object, 'data', 'stringData'),
    }),
};
