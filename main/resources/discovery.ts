/**
 * Custom resources, through API discovery: every API group that kube-apiserver does not
 * serve itself (shared/kube/api-groups.ts), at its preferred version, keeping the
 * resources that can be listed and watched and that the registry has no table for. So
 * CRDs and `*.k8s.io` add-ons (Gateway API, VolumeSnapshots…) appear, named by their real
 * `kind`. Core (v1) resources are not discovered (/api is not walked). Cached per context
 * for a minute.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { CustomKindRef } from '../../shared/contract/resources';
import { isBuiltin } from '../../shared/kube/kinds';
import { KUBERNETES_API_GROUPS } from '../../shared/kube/api-groups';
import { classifyKubeError } from '../platform/classify-error';
import { kubeJson } from '../platform/http';

interface GroupList {
  groups?: { name: string; preferredVersion?: { version?: string } }[];
}
export interface ResourceList {
  resources?: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}

const CACHE_MS = 60_000;
const cache = new Map<KubeConfig, { at: number; kinds: Promise<CustomKindRef[]> }>();

/** The resources of one group version that the sidebar offers as custom resources. */
export function customKindsOf(group: string, version: string, list: ResourceList): CustomKindRef[] {
  if (KUBERNETES_API_GROUPS.has(group)) return [];
  return (list.resources ?? [])
    .filter(
      (r) =>
        !r.name.includes('/') &&
        r.verbs?.includes('list') &&
        r.verbs.includes('watch') &&
        !isBuiltin(group, r.name),
    )
    .map((r) => ({ group, version, plural: r.name, namespaced: r.namespaced, kind: r.kind }));
}

export function discoverCustomKinds(kc: KubeConfig): Promise<CustomKindRef[]> {
  const hit = cache.get(kc);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.kinds;
  const kinds = discover(kc);
  cache.set(kc, { at: Date.now(), kinds });
  kinds.catch(() => cache.delete(kc));
  return kinds;
}

async function discover(kc: KubeConfig): Promise<CustomKindRef[]> {
  try {
    const groups = (await kubeJson<GroupList>(kc, '/apis')).groups ?? [];
    const perGroup = await Promise.all(
      groups
        .filter((g) => g.preferredVersion?.version)
        .map(async (g) => {
          const version = g.preferredVersion!.version!;
          const list = await kubeJson<ResourceList>(kc, `/apis/${g.name}/${version}`).catch(
            () => ({}) as ResourceList,
          );
          return customKindsOf(g.name, version, list);
        }),
    );
    return perGroup
      .flat()
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.group.localeCompare(b.group));
  } catch (error) {
    throw classifyKubeError(error, { action: 'discover API groups' });
  }
}
