/**
 * The taints and labels view of the nodes: nodes × taint keys (with effects), the chosen
 * label keys as columns, and for every distinct taint the workloads whose pods tolerate it
 * (Deployments, StatefulSets, DaemonSets, Jobs not owned by a CronJob, CronJobs, and pods
 * no controller manages), judged on the pod their controller would create (template-pod.ts:
 * a DaemonSet's pods get the controller's tolerations). A kind that cannot be listed (RBAC)
 * becomes a warning, not a failure.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type {
  NodeTaint,
  TaintEffect,
  TaintsView,
  ToleratingWorkload,
} from '../../shared/contract/scheduling';
import { kindById } from '../../shared/kube/kinds';
import { asRecord, type KubeObject } from '../../shared/kube/object-types';
import { kubeJson } from '../platform/http';
import { collectionPath } from '../platform/api-paths';
import type { WatchRegistry } from '../watch/watch-registry';
import { schedulingFailure } from './errors';
import { clusterSnapshot } from './snapshot';
import { podFromWorkload } from './template-pod';
import { taintsOf, toleratesTaint, tolerationsOf } from './tolerations';

/** Workloads listed per taint at most. */
export const MAX_TOLERATORS = 100;
/** Label keys offered for the column chooser at most. */
export const MAX_LABEL_KEYS = 200;
/** Objects listed per kind at most (a view, not an inventory). */
const LIST_LIMIT = 5_000;

/** Shown when the user chose none: topology first, then any team or role label present. */
export const DEFAULT_LABEL_KEYS = [
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'node.kubernetes.io/instance-type',
];

const LISTED: { id: string; kind: ToleratingWorkload['kind'] }[] = [
  { id: 'deployments', kind: 'Deployment' },
  { id: 'statefulsets', kind: 'StatefulSet' },
  { id: 'daemonsets', kind: 'DaemonSet' },
  { id: 'jobs', kind: 'Job' },
  { id: 'cronjobs', kind: 'CronJob' },
  { id: 'pods', kind: 'Pod' },
];

const KIND_IDS: Record<ToleratingWorkload['kind'], Parameters<typeof podFromWorkload>[0] | 'pods'> =
  {
    Deployment: 'deployments',
    StatefulSet: 'statefulsets',
    DaemonSet: 'daemonsets',
    Job: 'jobs',
    CronJob: 'cronjobs',
    ReplicaSet: 'replicasets',
    Pod: 'pods',
  };

interface Candidate {
  workload: ToleratingWorkload;
  spec: unknown;
}

function candidates(kind: ToleratingWorkload['kind'], items: KubeObject[]): Candidate[] {
  const out: Candidate[] = [];
  for (const item of items) {
    const owners = item.metadata?.ownerReferences ?? [];
    if (kind === 'Pod' && owners.some((o) => o.controller === true)) continue;
    if (kind === 'Job' && owners.some((o) => o.kind === 'CronJob')) continue;
    const id = KIND_IDS[kind];
    let spec: unknown;
    try {
      spec = id === 'pods' ? item.spec : podFromWorkload(id, { ...item, kind }).spec;
    } catch {
      continue; // a template without containers tolerates nothing we can show
    }
    out.push({
      workload: {
        kind,
        namespace: item.metadata?.namespace ?? '',
        name: item.metadata?.name ?? '',
      },
      spec,
    });
  }
  return out;
}

const taintId = (t: NodeTaint) => JSON.stringify([t.key, t.value, t.effect]);

export async function taintsView(
  deps: { watches: WatchRegistry; kubeConfig(context: string): KubeConfig },
  input: { context: string; labelKeys?: string[] | undefined },
  signal: AbortSignal,
): Promise<TaintsView> {
  try {
    const kc = deps.kubeConfig(input.context);
    const snapshot = await clusterSnapshot(deps.watches, input.context, signal);
    const warnings: string[] = [];
    const lists = await Promise.all(
      LISTED.map(async ({ id, kind }) => {
        try {
          const list = await kubeJson<{ items?: KubeObject[] }>(
            kc,
            collectionPath(kindById.get(id)!),
            { limit: String(LIST_LIMIT) },
            { signal },
          );
          return candidates(kind, list.items ?? []);
        } catch (error) {
          if (signal.aborted) throw error;
          warnings.push(schedulingFailure(error, signal, `list ${id}`).message);
          return [];
        }
      }),
    );
    const all = lists.flat();

    const availableKeys = new Set<string>();
    for (const node of snapshot.nodes)
      for (const key of Object.keys(node.metadata?.labels ?? {})) availableKeys.add(key);
    const availableLabelKeys = [...availableKeys].sort().slice(0, MAX_LABEL_KEYS);
    const labelKeys =
      input.labelKeys ??
      [
        ...DEFAULT_LABEL_KEYS,
        ...availableLabelKeys.filter((k) => /(^|\/)(team|role)$/.test(k)),
      ].filter((k, i, keys) => availableKeys.has(k) && keys.indexOf(k) === i);

    const taintKeys = new Map<string, Set<TaintEffect>>();
    const distinct = new Map<string, { taint: NodeTaint; nodes: string[] }>();
    const nodes: TaintsView['nodes'] = snapshot.nodes.map((node) => {
      const name = node.metadata?.name ?? '';
      const taints = taintsOf(node);
      for (const t of taints) {
        const effects = taintKeys.get(t.key) ?? new Set<TaintEffect>();
        effects.add(t.effect);
        taintKeys.set(t.key, effects);
        const id = taintId({ ...t, timeAdded: undefined } as NodeTaint);
        const entry = distinct.get(id) ?? {
          taint: { key: t.key, value: t.value, effect: t.effect },
          nodes: [],
        };
        entry.nodes.push(name);
        distinct.set(id, entry);
      }
      const labels = node.metadata?.labels ?? {};
      const chosen: Record<string, string> = {};
      for (const key of labelKeys) if (labels[key] !== undefined) chosen[key] = labels[key];
      return {
        name,
        uid: node.metadata?.uid ?? '',
        unschedulable: asRecord(node.spec)['unschedulable'] === true,
        taints,
        labels: chosen,
      };
    });

    const order = (w: ToleratingWorkload) => `${w.kind}\u0000${w.namespace}\u0000${w.name}`;
    const tolerators = [...distinct.values()].map(({ taint, nodes: on }) => {
      const workloads = all
        .filter((c) => tolerationsOf(c.spec).some((t) => toleratesTaint(t, taint)))
        .map((c) => c.workload)
        .sort((a, b) => order(a).localeCompare(order(b)));
      return {
        taint,
        nodes: on,
        workloads: workloads.slice(0, MAX_TOLERATORS),
        truncated: workloads.length > MAX_TOLERATORS,
      };
    });
    return {
      nodes,
      taintKeys: [...taintKeys]
        .map(([key, effects]) => ({ key, effects: [...effects].sort() }))
        .sort((a, b) => a.key.localeCompare(b.key)),
      labelKeys,
      availableLabelKeys,
      tolerators,
      warnings: [...snapshot.warnings, ...warnings],
    };
  } catch (error) {
    throw schedulingFailure(error, signal, "read the nodes' taints");
  }
}
