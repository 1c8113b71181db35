/**
 * Everything the shell of the UI knows: the kubeconfig snapshot, each context's connection
 * state, namespaces and preferences, fed by the contract's streams. Components read it
 * through useStore and change it only through the actions below.
 */
import type { PilotApi } from '../../../shared/contract/api';
import type { PilotErrorData } from '../../../shared/contract/errors';
import type {
  AppInfo,
  ConnectionState,
  ContextPreferences,
  KubeconfigSnapshot,
  NamespaceChoice,
  NamespaceList,
} from '../../../shared/contract/cluster';
import type { CustomKindRef } from '../../../shared/contract/resources';
import { createStore, type Store } from './store';
import { keyed, withKey, type Keyed } from './keyed';
import { feedsOf } from './feed-registry';

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: PilotErrorData };

export interface WorkspaceState {
  info?: AppInfo;
  kubeconfig?: KubeconfigSnapshot;
  /** Keyed by context name: any string, so records without a prototype (./keyed.ts). */
  connections: Keyed<ConnectionState>;
  namespaces: Keyed<Loadable<NamespaceList>>;
  preferences: Keyed<ContextPreferences>;
  /** Custom resources per context, from API discovery. */
  customKinds: Keyed<Loadable<CustomKindRef[]>>;
  /** Set when the backend itself is gone (browser mode server stopped). */
  backendLost?: string;
  /** The last action that failed, shown in the status area until the next one. */
  lastError?: PilotErrorData;
}

export class Workspace {
  readonly state: Store<WorkspaceState> = createStore<WorkspaceState>({
    connections: keyed(),
    namespaces: keyed(),
    preferences: keyed(),
    customKinds: keyed(),
  });
  private readonly selected = new Set<string>();

  constructor(
    readonly api: PilotApi,
    signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => feedsOf(api).closeAll(), { once: true });
    api.request('app.info', {}).then(
      (info) => this.patch({ info }),
      (error) => this.fail(error),
    );
    api.subscribe(
      'kubeconfig.watch',
      {},
      {
        onBatch: (snapshots) => {
          const kubeconfig = snapshots.at(-1);
          if (kubeconfig) this.patch({ kubeconfig });
        },
        onError: (error) => this.fail(error),
      },
      signal,
    );
    api.subscribe(
      'connections.watch',
      {},
      {
        onBatch: (updates) => {
          let connections = this.state.get().connections;
          let reconnected = false;
          for (const { context, state } of updates) {
            const before = connections[context];
            connections = withKey(connections, context, state);
            // (Re)connected: the namespace list may have changed, or be listable now.
            if (state.phase === 'connected' && before?.phase !== 'connected') {
              void this.loadNamespaces(context);
              void this.loadCustomKinds(context);
              reconnected = true;
            }
          }
          this.patch({ connections });
          // Streams that failed (and are still watched) get another chance on a fresh connection.
          if (reconnected) feedsOf(api).retryFailed();
        },
        onError: (error) => this.fail(error),
      },
      signal,
    );
  }

  markBackendLost(reason: string): void {
    this.patch({ backendLost: reason });
  }

  /** Connects to a context once per run; `force` reconnects (the Retry button). */
  async selectContext(context: string, force = false): Promise<void> {
    if (this.selected.has(context) && !force) return;
    this.selected.add(context);
    if (!this.state.get().preferences[context]) {
      this.api.request('preferences.get', { context }).then(
        (prefs) => this.setPreferences(context, prefs),
        (error) => {
          // Without its settings the app still works: all namespaces, nothing added.
          this.setPreferences(context, { choice: { all: true }, addedNamespaces: [] });
          this.fail(error);
        },
      );
    }
    await this.api.request('context.select', { context }).catch((error) => this.fail(error));
  }

  async loadNamespaces(context: string): Promise<void> {
    this.setNamespaces(context, { status: 'loading' });
    try {
      const value = await this.api.request('namespaces.list', { context });
      this.setNamespaces(context, { status: 'ready', value });
    } catch (error) {
      this.setNamespaces(context, { status: 'error', error: error as PilotErrorData });
    }
  }

  async loadCustomKinds(context: string): Promise<void> {
    try {
      const value = await this.api.request('kinds.discover', { context });
      this.patch({
        customKinds: withKey(this.state.get().customKinds, context, { status: 'ready', value }),
      });
    } catch (error) {
      const failed: Loadable<CustomKindRef[]> = { status: 'error', error: error as PilotErrorData };
      this.patch({ customKinds: withKey(this.state.get().customKinds, context, failed) });
    }
  }

  async chooseNamespaces(context: string, choice: NamespaceChoice): Promise<void> {
    try {
      this.setPreferences(
        context,
        await this.api.request('preferences.setNamespaces', { context, choice }),
      );
    } catch (error) {
      this.fail(error);
    }
  }

  /** Returns an error message for the form, or undefined when the namespace was added. */
  async editAddedNamespace(
    context: string,
    namespace: string,
    op: 'add' | 'remove',
  ): Promise<string | undefined> {
    try {
      const prefs = await this.api.request('preferences.editAddedNamespace', {
        context,
        namespace,
        op,
      });
      this.setPreferences(context, prefs);
      await this.loadNamespaces(context);
      return undefined;
    } catch (error) {
      return (error as PilotErrorData).message;
    }
  }

  private setPreferences(context: string, prefs: ContextPreferences): void {
    this.patch({ preferences: withKey(this.state.get().preferences, context, prefs) });
  }

  private setNamespaces(context: string, value: Loadable<NamespaceList>): void {
    this.patch({ namespaces: withKey(this.state.get().namespaces, context, value) });
  }

  private fail(error: unknown): void {
    const data = error as PilotErrorData;
    this.patch({
      lastError: { code: data.code ?? 'Internal', message: data.message ?? String(error) },
    });
  }

  private patch(change: Partial<WorkspaceState>): void {
    this.state.set((previous) => ({ ...previous, ...change }));
  }
}
