/**
 * The namespaces offered for a context. A user who may not list namespaces still gets a
 * working picker: the context's own namespace plus those they added by hand.
 */
import { CoreV1Api } from '@kubernetes/client-node';
import type { NamespaceList } from '../../shared/contract/cluster';
import { classifyKubeError } from '../platform/classify-error';
import type { ConnectionService } from './connections';
import type { PreferencesStore } from '../platform/preferences';
import type { KubeconfigStore } from './kubeconfig-store';

export async function listNamespaces(
  context: string,
  connections: ConnectionService,
  kubeconfig: KubeconfigStore,
  preferences: PreferencesStore,
): Promise<NamespaceList> {
  const added = preferences.forContext(context).addedNamespaces;
  try {
    const api = connections.kubeConfig(context).makeApiClient(CoreV1Api);
    const list = await api.listNamespace();
    const names = list.items.map((n) => n.metadata?.name ?? '').filter(Boolean);
    return { context, namespaces: [...new Set([...names, ...added])].sort(), listable: true };
  } catch (error) {
    const problem = classifyKubeError(error, {
      action: 'list namespaces',
      usesExecPlugin: connections.usesExecPlugin(context),
      server: connections.serverOf(context),
    });
    if (problem.code !== 'Forbidden') throw problem;
    const own = kubeconfig.mergedConfig().contexts.get(context)?.value.namespace ?? 'default';
    return {
      context,
      namespaces: [...new Set([own, ...added])].sort(),
      listable: false,
      message: `You may not list namespaces in this cluster. Showing "${own}" and namespaces you add by hand.`,
    };
  }
}
