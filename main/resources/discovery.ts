/**
 * Custom resources through API discovery: every API group that is not part of Kubernetes
 * itself (*.k8s.io and the unsuffixed built-in groups), at its preferred version, keeping
 * the resources that can be listed and watched. Cached per context for a minute.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { CustomKindRef } from '../../shared/contract/resources';
import { classifyKubeError } from '../platform/classify-error';
import { kubeJson } from '../platform/http';

interface GroupList {
  groups?: { name: string; preferredVersion?: { version?: string } }[];
}
interface ResourceList {
  resources?: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}

const CACHE_MS = 60_000;
const cache = new Map<KubeConfig, { at: number; kinds: Promise<CustomKindRef[]> }>();

/** Built-in groups have no dot (apps, batch, policy…) or end in .k8s.io. */
export function isCustomGroup(name: string): boolean {
  return name.includes('.') && !name.endsWith('.k8s.io');
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
        .filter((g) => isCustomGroup(g.name) && g.preferredVersion?.version)
        .map(async (g) => {
          const version = g.preferredVersion!.version!;
          const list = await kubeJson<ResourceList>(kc, `/apis/${g.name}/${version}`).catch(
            () => ({}) as ResourceList,
          );
          return (list.resources ?? [])
            .filter(
              (r) =>
                !r.name.includes('/') && r.verbs?.includes('list') && r.verbs.includes('watch'),
            )
            .map((r) => ({
              group: g.name,
              version,
              plural: r.name,
              namespaced: r.namespaced,
              kind: r.kind,
            }));
        }),
    );
    return perGroup
      .flat()
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.group.localeCompare(b.group));
  } catch (error) {
    throw classifyKubeError(error, { action: 'discover API groups' });
  }
}
