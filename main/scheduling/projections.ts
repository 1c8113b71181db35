/**
 * What the scheduling caches keep of each Node and Pod: only the fields kube-scheduler's
 * default filters read (labels, taints, unschedulable, allocatable; a pod's node, phase,
 * containers' requests and ports, affinity, tolerations, topology spread), so 50,000 pods
 * stay small. Separate caches from the tables' (other projection ids), shared between every
 * fit, taints view and preview of a context through the WatchRegistry.
 */
import type { KubeObject } from '../../shared/kube/object-types';
import { asArray, asRecord } from '../../shared/kube/object-types';
import type { Projected, Projection } from '../watch/watch-cache';

/** A projected object: the engine reads it as a (loose) KubeObject. */
export interface SchedObject extends Projected {
  object: KubeObject;
}

function meta(object: KubeObject): KubeObject['metadata'] {
  const m = object.metadata ?? {};
  return {
    name: m.name ?? '',
    ...(m.namespace ? { namespace: m.namespace } : {}),
    uid: m.uid ?? '',
    ...(m.labels ? { labels: m.labels } : {}),
    ...(m.deletionTimestamp ? { deletionTimestamp: m.deletionTimestamp } : {}),
    ...(m.creationTimestamp ? { creationTimestamp: m.creationTimestamp } : {}),
    ...(m.ownerReferences ? { ownerReferences: m.ownerReferences } : {}),
    ...(m.annotations?.['kubernetes.io/config.mirror'] !== undefined
      ? {
          annotations: {
            'kubernetes.io/config.mirror': m.annotations['kubernetes.io/config.mirror'],
          },
        }
      : {}),
  };
}

/** The container fields the filters read: requests (and limits, the defaulting source) and ports. */
function container(value: unknown): Record<string, unknown> {
  const c = asRecord(value);
  const out: Record<string, unknown> = { name: c['name'] };
  if (c['resources'] !== undefined) out['resources'] = c['resources'];
  if (c['ports'] !== undefined) out['ports'] = c['ports'];
  if (c['restartPolicy'] !== undefined) out['restartPolicy'] = c['restartPolicy'];
  return out;
}

const POD_SPEC_FIELDS = [
  'nodeName',
  'nodeSelector',
  'affinity',
  'tolerations',
  'topologySpreadConstraints',
  'overhead',
  'schedulerName',
  'schedulingGates',
  'hostNetwork',
  'priority',
  'resources',
] as const;

/** A pod reduced to what the scheduler's filters read; also used by drain and previews. */
export function schedPod(object: KubeObject): SchedObject {
  const spec = asRecord(object.spec);
  const kept: Record<string, unknown> = {};
  for (const field of POD_SPEC_FIELDS) if (spec[field] !== undefined) kept[field] = spec[field];
  kept['containers'] = asArray(spec['containers']).map(container);
  if (spec['initContainers'] !== undefined)
    kept['initContainers'] = asArray(spec['initContainers']).map(container);
  // Drain needs to know about emptyDir volumes; the engine only whether there are volumes.
  if (spec['volumes'] !== undefined)
    kept['volumes'] = asArray(spec['volumes']).map((v) => {
      const volume = asRecord(v);
      return { name: volume['name'], ...(volume['emptyDir'] ? { emptyDir: {} } : {}) };
    });
  const status = asRecord(object.status);
  return {
    uid: object.metadata?.uid ?? '',
    object: {
      metadata: meta(object),
      spec: kept,
      status: {
        ...(status['phase'] !== undefined ? { phase: status['phase'] } : {}),
        ...(status['nominatedNodeName'] !== undefined
          ? { nominatedNodeName: status['nominatedNodeName'] }
          : {}),
        ...(status['conditions'] !== undefined ? { conditions: status['conditions'] } : {}),
      },
    },
  };
}

export function schedNode(object: KubeObject): SchedObject {
  const spec = asRecord(object.spec);
  const status = asRecord(object.status);
  return {
    uid: object.metadata?.uid ?? '',
    object: {
      metadata: meta(object),
      spec: {
        ...(spec['unschedulable'] !== undefined ? { unschedulable: spec['unschedulable'] } : {}),
        ...(spec['taints'] !== undefined ? { taints: spec['taints'] } : {}),
      },
      status: {
        ...(status['allocatable'] !== undefined ? { allocatable: status['allocatable'] } : {}),
        ...(status['capacity'] !== undefined ? { capacity: status['capacity'] } : {}),
      },
    },
  };
}

export const podProjection: Projection<SchedObject> = {
  id: 'pods#scheduling',
  group: '',
  version: 'v1',
  plural: 'pods',
  namespaced: true,
  project: schedPod,
};

export const nodeProjection: Projection<SchedObject> = {
  id: 'nodes#scheduling',
  group: '',
  version: 'v1',
  plural: 'nodes',
  namespaced: false,
  project: schedNode,
};

export const namespaceProjection: Projection<SchedObject> = {
  id: 'namespaces#scheduling',
  group: '',
  version: 'v1',
  plural: 'namespaces',
  namespaced: false,
  project: (object) => ({ uid: object.metadata?.uid ?? '', object: { metadata: meta(object) } }),
};
