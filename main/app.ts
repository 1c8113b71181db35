/**
 * The composition root: builds every service once and starts it. Both the Electron shell
 * and browser mode call this; neither adds services of its own.
 */
import { KubeconfigStore } from './cluster/kubeconfig-store';
import { kubeconfigPaths } from './cluster/kubeconfig-paths';
import { ConnectionService } from './cluster/connections';
import { PreferencesStore } from './platform/preferences';
import { withPluginSearchPath } from './platform/search-path';
import { WatchRegistry } from './watch/watch-registry';

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
      await Promise.all([kubeconfig.stop(), preferences.flush()]);
    },
  };
}
