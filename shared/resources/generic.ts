/** The table of any kind Pilothouse has no projection for (custom resources): name, age. */
import type { KindTable } from './rows';
import { age, baseRow, name, namespace } from './columns';

export function genericTable(namespaced: boolean): KindTable {
  return {
    columns: namespaced ? [name, namespace, age] : [name, age],
    project: (object) => baseRow(object),
  };
}
