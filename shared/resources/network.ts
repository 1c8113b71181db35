/** Tables of the network kinds: Services and Ingresses. */
import type { KindTable } from './rows';
import { asArray, asNumber, asRecord, asString } from '../kube/object-types';
import { age, baseRow, name, namespace, text, withFacts } from './columns';

export const serviceTable: KindTable = {
  columns: [
    name,
    namespace,
    text('type', 'Type', 0.9),
    text('clusterIP', 'Cluster IP', 1),
    text('ports', 'Ports', 1.4),
    age,
  ],
  project(object) {
    const spec = asRecord(object.spec);
    const ports = asArray<Record<string, unknown>>(spec['ports'])
      .map(
        (p) =>
          `${asNumber(p['port']) ?? '?'}${p['nodePort'] ? `:${String(p['nodePort'])}` : ''}/${asString(p['protocol']) ?? 'TCP'}`,
      )
      .join(', ');
    const selector = Object.entries(asRecord(spec['selector']))
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(',');
    const row = baseRow(object, {
      type: asString(spec['type']) ?? 'ClusterIP',
      clusterIP: asString(spec['clusterIP']) ?? null,
      ports,
    });
    return withFacts(row, { selector: selector || undefined });
  },
};

export const ingressTable: KindTable = {
  columns: [name, namespace, text('class', 'Class', 0.8), text('hosts', 'Hosts', 1.6), age],
  project(object) {
    const spec = asRecord(object.spec);
    const hosts = asArray<Record<string, unknown>>(spec['rules'])
      .map((r) => asString(r['host']) ?? '*')
      .join(', ');
    return baseRow(object, {
      class: asString(spec['ingressClassName']) ?? null,
      hosts: hosts || '*',
    });
  },
};
