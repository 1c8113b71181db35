/**
 * The rollouts feature's contract. Two parts, built side by side and merged by the lead:
 * - rollout STATUS (this first section): the live Rollouts table, one row per Deployment,
 *   StatefulSet and DaemonSet with kubectl's `rollout status` message;
 * - rollout HISTORY and ACTIONS (history, diff, rollback, restart, pause/resume,
 *   partition): their channels go in the second section, at the end of this file.
 */
import { z } from 'zod';
import type { ScopeStatus } from './resources';
import type { RolloutRow } from '../rollouts/rollout-row';
import { contextName, namespaceChoice, stream } from './define';

export type { RolloutRow } from '../rollouts/rollout-row';

// --- rollout status: the Rollouts view -------------------------------------------------

/** The kinds of list+watch behind the Rollouts table; a status names the one it is about. */
export const rolloutResources = [
  'deployments',
  'statefulsets',
  'daemonsets',
  'controllerrevisions',
] as const;
export type RolloutResource = (typeof rolloutResources)[number];

export type RolloutStreamEvent =
  | { type: 'upsert'; rows: RolloutRow[] }
  | { type: 'delete'; uids: string[] }
  /**
   * The state of one list+watch: `scope` is the namespace ('' for all namespaces),
   * `resource` what is listed there (a viewer may list Deployments but not StatefulSets).
   */
  | { type: 'status'; scope: string; resource: RolloutResource; status: ScopeStatus };

export const rolloutStatusChannels = {
  /**
   * Live rows of every Deployment, StatefulSet and DaemonSet in the chosen namespaces, with
   * the strategy resolved and kubectl's rollout status; diffs coalesced by uid while the
   * renderer is behind.
   */
  'rollouts.watch': stream<RolloutStreamEvent>()(
    z.object({ context: contextName, namespaces: namespaceChoice }).strict(),
  ),
} as const;

// --- rollout history and actions (the other part adds its channels below) -------------

export const rolloutChannels = {
  ...rolloutStatusChannels,
} as const;
