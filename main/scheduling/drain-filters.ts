/**
 * Which pods `kubectl drain --ignore-daemonsets --delete-emptydir-data [--force]` evicts,
 * ported filter for filter from kubectl's pkg/drain/filters.go (v0.33), in its order:
 * skipDeleted (a no-op at kubectl's default --skip-wait-for-delete-timeout=0), daemonSet,
 * mirrorPod, localStorage, unreplicated; the first filter that does not delete decides.
 * Pure: the DaemonSet lookups are done by the caller and passed in.
 */
import type { DrainSkipped } from '../../shared/contract/scheduling';
import { asArray, asRecord, type KubeObject } from '../../shared/kube/object-types';

export const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
export const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
export const UNMANAGED_FATAL =
  'cannot delete Pods that declare no controller (use --force to override)';
export const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

export interface DrainOptions {
  force: boolean;
}

export interface PodVerdict {
  delete: boolean;
  reason: 'Okay' | 'Skip' | 'Warning' | 'Error';
  message: string;
}

const okay: PodVerdict = { delete: true, reason: 'Okay', message: '' };

function controllerOf(pod: KubeObject) {
  return pod.metadata?.ownerReferences?.find((o) => o.controller === true);
}

const finished = (pod: KubeObject) => {
  const phase = asRecord(pod.status)['phase'];
  return phase === 'Succeeded' || phase === 'Failed';
};

/**
 * `daemonSetLookup(namespace, name)`: undefined when the DaemonSet exists, else the API's
 * error message and whether it was a 404 (kubectl Gets each pod's DaemonSet).
 */
export type DaemonSetLookup = (
  namespace: string,
  name: string,
) => { notFound: boolean; message: string } | undefined;

export function drainVerdict(
  pod: KubeObject,
  options: DrainOptions,
  daemonSet: DaemonSetLookup,
): PodVerdict {
  const filters: (() => PodVerdict)[] = [
    // daemonSetFilter (with --ignore-daemonsets)
    () => {
      const ref = controllerOf(pod);
      if (!ref || ref.kind !== 'DaemonSet' || finished(pod)) return okay;
      const problem = daemonSet(pod.metadata?.namespace ?? '', ref.name ?? '');
      if (problem) {
        if (problem.notFound && options.force)
          return { delete: true, reason: 'Warning', message: problem.message };
        return { delete: false, reason: 'Error', message: problem.message };
      }
      return { delete: false, reason: 'Warning', message: DAEMONSET_WARNING };
    },
    // mirrorPodFilter
    () =>
      pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined
        ? { delete: false, reason: 'Skip', message: '' }
        : okay,
    // localStorageFilter (with --delete-emptydir-data)
    () => {
      const volumes = asArray<Record<string, unknown>>(asRecord(pod.spec)['volumes']);
      if (!volumes.some((v) => v?.['emptyDir'] !== undefined && v['emptyDir'] !== null))
        return okay;
      if (finished(pod)) return okay;
      return { delete: true, reason: 'Warning', message: LOCAL_STORAGE_WARNING };
    },
    // unreplicatedFilter
    () => {
      if (finished(pod) || controllerOf(pod)) return okay;
      if (options.force) return { delete: true, reason: 'Warning', message: UNMANAGED_WARNING };
      return { delete: false, reason: 'Error', message: UNMANAGED_FATAL };
    },
  ];
  let verdict = okay;
  for (const filter of filters) {
    verdict = filter();
    if (!verdict.delete) break;
  }
  return verdict;
}

export interface DrainPlan {
  evict: KubeObject[];
  skipped: DrainSkipped[];
  /** kubectl's warning lines: "ignoring DaemonSet-managed Pods: ns/a, ns/b". */
  warnings: string[];
  /** kubectl's errors: "cannot delete <message>: ns/a, ns/b". */
  errors: string[];
}

const podName = (pod: KubeObject) => `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;

function grouped(pairs: [string, KubeObject][]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [message, pod] of pairs) {
    const list = out.get(message) ?? [];
    list.push(podName(pod));
    out.set(message, list);
  }
  return out;
}

/** PodDeleteList: what is evicted, what is left (and why), kubectl's warnings and errors. */
export function planDrain(
  pods: readonly KubeObject[],
  options: DrainOptions,
  daemonSet: DaemonSetLookup,
): DrainPlan {
  const evict: KubeObject[] = [];
  const skipped: DrainSkipped[] = [];
  const warned: [string, KubeObject][] = [];
  const failed: [string, KubeObject][] = [];
  for (const pod of pods) {
    const verdict = drainVerdict(pod, options, daemonSet);
    if (verdict.delete) evict.push(pod);
    else
      skipped.push({
        namespace: pod.metadata?.namespace ?? '',
        name: pod.metadata?.name ?? '',
        reason: verdict.reason === 'Skip' ? 'mirror pod' : verdict.message || 'unexpected error',
      });
    if (verdict.reason === 'Warning') warned.push([verdict.message, pod]);
    if (verdict.reason === 'Error') failed.push([verdict.message || 'unexpected error', pod]);
  }
  const warnings = [...grouped(warned)].map(([m, names]) => `${m}: ${names.join(', ')}`);
  const errors = [...grouped(failed)].map(
    ([m, names]) => `cannot delete ${m}: ${names.join(', ')}`,
  );
  return { evict, skipped, warnings, errors };
}
