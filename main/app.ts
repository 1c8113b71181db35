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
import { limitHeapGrowth } from './platform/heap-growth';
import { WatchRegistry } from './watch/watch-registry';
import type { Handlers } from './rpc/handler-types';
import { clusterHandlers } from './cluster/handlers';
import { resourceHandlers } from './resources/handlers';
import { logHandlers } from './logs/handlers';
import { rolloutHandlers } from './rollouts/handlers';
import { schedulingHandlers } from './scheduling/handlers';
import { ForwardEngine } from './forwards/engine';
import { forwardHandlers } from './forwards/handlers';
import { fleetFor } from './forwards/fleet';
import { metricsHandlers } from './metrics/handlers';
import { stopMetricsService } from './metrics/metrics-service';

export interface AppOptions {
  /** The host; 'cli' serves no channels (createHandlers refuses it). */
  mode: 'web' | 'electron' | 'cli';
  /** --kubeconfig: overrides KUBECONFIG. */
  kubeconfig?: string;
  /** Where Pilothouse keeps its own settings file. */
  settingsDir: string;
  version: string;
  /** Follow edits to the kubeconfig files (default true). A CLI run reads them once. */
  watchKubeconfig?: boolean;
  /**
   * Read the settings file at start (default true). The CLI keeps no settings: it leaves
   * them at their defaults and, calling no handler, never writes the file.
   */
  loadSettings?: boolean;
}

export interface AppServices {
  options: AppOptions;
  kubeconfig: KubeconfigStore;
  connections: ConnectionService;
  preferences: PreferencesStore;
  watches: WatchRegistry;
  /** Every port-forward of this process (the app's view and the CLI drive the same engine). */
  forwards: ForwardEngine;
  stop(): Promise<void>;
}

export async function startServices(options: AppOptions): Promise<AppServices> {
  // Exec credential plugins must be found even when a desktop launcher gave us /usr/bin:/bin.
  process.env['PATH'] = withPluginSearchPath(process.env['PATH']);
  // A long-running process holding a cluster's objects: no CLI run lives long enough to care.
  if (options.mode !== 'cli') limitHeapGrowth();

  const kubeconfig = new KubeconfigStore(kubeconfigPaths(options.kubeconfig));
  const preferences = new PreferencesStore(options.settingsDir);
  await Promise.all([
    options.watchKubeconfig === false ? kubeconfig.reload() : kubeconfig.start(),
    options.loadSettings === false ? undefined : preferences.load(),
  ]);
  const connections = new ConnectionService(kubeconfig);
  const watches = new WatchRegistry((context) => connections.kubeConfig(context));
  const forwards = new ForwardEngine({
    watches,
    kubeConfig: (context) => connections.kubeConfig(context),
  });
  // Saved forwards marked "start automatically" come back with the app (not with a CLI run).
  const fleet =
    options.mode === 'cli' ? undefined : fleetFor({ engine: forwards, preferences, watches });
  void fleet?.saved.restore();
  return {
    options,
    kubeconfig,
    connections,
    preferences,
    watches,
    forwards,
    stop: async () => {
      fleet?.saved.close();
      await fleet?.namespaces.stopAll();
      await forwards.stopAll();
      stopMetricsService(watches);
      watches.stopAll();
      connections.stop();
      await Promise.all([kubeconfig.stop(), preferences.flush()]);
    },
  };
}

/** Every channel of the contract, served by the feature that declares it. */
export function createHandlers(app: AppServices): Handlers {
  const { mode } = app.options;
  if (mode === 'cli') throw new Error('createHandlers: the CLI serves no channels');
  const kubeConfig = (context: string) => app.connections.kubeConfig(context);
  return {
    ...clusterHandlers({ ...app, version: app.options.version, mode }),
    ...resourceHandlers({ watches: app.watches, kubeConfig }),
    ...logHandlers({ watches: app.watches, kubeConfig }),
    ...rolloutHandlers({ watches: app.watches, kubeConfig }),
    ...schedulingHandlers({ watches: app.watches, kubeConfig }),
    ...forwardHandlers({ ...app, engine: app.forwards, kubeConfig }),
    ...metricsHandlers({ watches: app.watches, kubeConfig }),
  };
}
