/**
 * What the Rollouts stream keeps of each watched object: a Rollouts row per workload (see
 * shared/rollouts/rollout-row.ts), and for ControllerRevisions only owner and number. These
 * caches are separate from the tables' (other projection ids) and shared between every
 * Rollouts stream of a context through the WatchRegistry.
 */
import {
  daemonSetRow,
  deploymentRow,
  revisionRef,
  statefulSetRow,
  type RevisionRef,
  type RolloutRow,
} from '../../shared/rollouts/rollout-row';
import type { RolloutResource } from '../../shared/contract/rollouts';
import type { Projection } from '../watch/watch-cache';

const apps = { group: 'apps', version: 'v1', namespaced: true } as const;

export const workloadProjections: readonly (Projection<RolloutRow> & {
  plural: RolloutResource;
})[] = [
  { ...apps, id: 'deployments#rollouts', plural: 'deployments', project: deploymentRow },
  { ...apps, id: 'statefulsets#rollouts', plural: 'statefulsets', project: statefulSetRow },
  { ...apps, id: 'daemonsets#rollouts', plural: 'daemonsets', project: daemonSetRow },
];

export const revisionProjection: Projection<RevisionRef> & { plural: RolloutResource } = {
  ...apps,
  id: 'controllerrevisions#rollouts',
  plural: 'controllerrevisions',
  project: revisionRef,
};
