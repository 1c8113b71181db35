/**
 * What the forward engine keeps of the objects it follows, through the shared watch caches
 * (main/watch/): compact facts (shared/forwards/target-facts.ts), in caches of their own
 * projection ids, shared by every forward of a (context, namespace).
 */
import {
  podFacts,
  serviceFacts,
  workloadFacts,
  type PodFacts,
  type ServiceFacts,
  type WorkloadFacts,
} from '../../shared/forwards/target-facts';
import type { ForwardKind } from '../../shared/contract/forwards';
import type { Projection } from '../watch/watch-cache';

const core = { group: '', version: 'v1', namespaced: true } as const;
const apps = { group: 'apps', version: 'v1', namespaced: true } as const;

export const forwardPods: Projection<PodFacts> = {
  ...core,
  id: 'pods#forwards',
  plural: 'pods',
  project: podFacts,
};

export const forwardServices: Projection<ServiceFacts> = {
  ...core,
  id: 'services#forwards',
  plural: 'services',
  project: serviceFacts,
};

export const forwardWorkloads: Record<
  Exclude<ForwardKind, 'pods' | 'services'>,
  Projection<WorkloadFacts>
> = {
  deployments: {
    ...apps,
    id: 'deployments#forwards',
    plural: 'deployments',
    project: workloadFacts,
  },
  statefulsets: {
    ...apps,
    id: 'statefulsets#forwards',
    plural: 'statefulsets',
    project: workloadFacts,
  },
  replicasets: {
    ...apps,
    id: 'replicasets#forwards',
    plural: 'replicasets',
    project: workloadFacts,
  },
};
