/**
 * The composition root: builds every service once, starts it, and wires every feature's
 * handlers into one table. The Electron shell, browser mode and the CLI call this; none
 * of them builds services of its own.
 */
import { KubeconfigStore } from './cluster/kubeconfig-store';
import { kubeconfigPaths } from './cluster/kubeconfig-paths';
import { ConnectionService } from './cluster/connections';
import { PreferencesStore } from './platform/preferences';
import { withPluginSearchPath } from './platform/search-path';
import { WatchRegistry } from './watch/watch-registry';
import type { Handlers } from './rpc/handler-types';
import { clusterHandlers } from './cluster/handlers';
import { resourceHandlers } from './resources/handlers';
import { logHandlers } from './logs/handlers';

export interface AppOptions {
  mode: 'web' | 'electron';
  /** --kubeconfig: overrides KUBECONFIG. */
  kubeconfig?: string;
  /** Where Pilothouse keeps its own settings file. */
  settingsDir: string;
  version: string;
}

export interface AppServices {
  options: AppOptions;
  kubeconfig: KubeconfigStore;
  connections: ConnectionService;
  preferences: PreferencesStore;
  watches: WatchRegistry;
  stop(): Promise<void>;
}

export async function startServices(options: AppOptions): Promise<AppServices> {
  // Exec credential plugins must be found even when a desktop launcher gave us /usr/bin:/bin.
  process.env['PATH'] = withPluginSearchPath(process.env['PATH']);

  const kubeconfig = new KubeconfigStore(kubeconfigPaths(options.kubeconfig));
  const preferences = new PreferencesStore(options.settingsDir);
  await Promise.all([kubeconfig.start(), preferences.load()]);
  const connections = new ConnectionService(kubeconfig);
  const watches = new WatchRegistry((context) => connections.kubeConfig(context));
  return {
    options,
    kubeconfig,
    connections,
    preferences,
    watches,
    stop: async () => {
      watches.stopAll();
      connections.stop();
      await Promise.all([kubeconfig.stop(), preferences.flush()]);
    },
  };
}

/** Every channel of the contract, served by the feature that declares it. */
export function createHandlers(app: AppServices): Handlers {
  const kubeConfig = (context: string) => app.connections.kubeConfig(context);
  return {
    ...clusterHandlers({ ...app, version: app.options.version, mode: app.options.mode }),
    ...resourceHandlers({ watches: app.watches, kubeConfig }),
    ...logHandlers({ watches: app.watches, kubeConfig }),
  };
}
