/**
 * Small builders of Node and Pod objects in the shape the API returns, for the engine's
 * table tests, the benchmark's generated clusters and what-if edits. Only the fields the
 * engine reads; everything else is left out.
 */
import type { KubeObject } from '../kube/object-types';

export interface NodeOptions {
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
  /** Allocatable; defaults: cpu 4, memory 8Gi, pods 110, ephemeral-storage 100Gi. */
  allocatable?: Record<string, string>;
}

export function makeNode(name: string, options: NodeOptions = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...options.labels } },
    spec: {
      ...(options.unschedulable ? { unschedulable: true } : {}),
      ...(options.taints ? { taints: options.taints } : {}),
    },
    status: {
      allocatable: {
        cpu: '4',
        memory: '8Gi',
        pods: '110',
        'ephemeral-storage': '100Gi',
        ...options.allocatable,
      },
    },
  };
}

export interface PodOptions {
  namespace?: string;
  labels?: Record<string, string>;
  nodeName?: string;
  /** Requests of one container named "main". */
  requests?: Record<string, string>;
  /** Extra spec fields (affinity, tolerations, initContainers, ...), merged over the default. */
  spec?: Record<string, unknown>;
  phase?: string;
  uid?: string;
  deletionTimestamp?: string;
}

export function makePod(name: string, options: PodOptions = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: options.namespace ?? 'default',
      ...(options.uid ? { uid: options.uid } : {}),
      ...(options.labels ? { labels: options.labels } : {}),
      ...(options.deletionTimestamp ? { deletionTimestamp: options.deletionTimestamp } : {}),
    },
    spec: {
      containers: [
        {
          name: 'main',
          image: 'app',
          ...(options.requests ? { resources: { requests: options.requests } } : {}),
        },
      ],
      ...(options.nodeName ? { nodeName: options.nodeName } : {}),
      ...options.spec,
    },
    status: { phase: options.phase ?? (options.nodeName ? 'Running' : 'Pending') },
  };
}
