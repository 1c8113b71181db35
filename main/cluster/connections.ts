/**
 * One connection per context the user has selected: checks the API server (GET /version),
 * keeps a state per context, and reconnects when that context's kubeconfig entries change.
 * It owns each context's client config, and with it the context's HTTP connection pool:
 * a config is replaced (and its pool closed) on every connect and when the kubeconfig
 * entries change, and closed when the context disappears or the app stops.
 *
 * Exec credential plugins: the service owns the app's one ExecCredentials (one plugin
 * process per context and user, shared, timed out, its failure remembered). A connect
 * waits for the credential first, under the plugin's own timeout (60 s by default, for an
 * interactive login) rather than the 10 s connection check. A plugin failure is the
 * "exec-failed" state and is never retried by itself: only when the user selects the
 * context again (the Retry button) or its kubeconfig entries change. A failure met later
 * by any request (a token expired and the plugin now fails) turns a connected context
 * exec-failed too.
 */
import { VersionApi, type KubeConfig } from '@kubernetes/client-node';
import type { ConnectionState, ConnectionUpdate } from '../../shared/contract/cluster';
import { PilotError } from '../../shared/contract/errors';
import { kubeConfigFor } from '../platform/client-config';
import { classifyKubeError } from '../platform/classify-error';
import { backoffMs } from '../platform/retry';
import type { SharedAgentKubeConfig } from '../platform/shared-agent';
import type { KubeconfigStore } from './kubeconfig-store';
import { logger } from '../platform/logger';
import { ExecCredentials } from '../platform/exec-credentials';

const log = logger('connections');
const CONNECT_TIMEOUT_MS = 10_000;
/** An unreachable server is checked again after 2 s, 4 s, ... up to every 30 s. */
const UNREACHABLE_BACKOFF = { baseMs: 1000, capMs: 30_000, maxExponent: 5 };

interface Connection {
  fingerprint: string;
  state: ConnectionState;
  attempt: number;
  /** Consecutive unreachable results, for the retry backoff. */
  failures: number;
  retryTimer?: NodeJS.Timeout;
}

export class ConnectionService {
  private readonly connections = new Map<string, Connection>();
  /** One client config per context in use, with the kubeconfig entries it was built from. */
  private readonly clients = new Map<
    string,
    { fingerprint: string; kubeConfig: SharedAgentKubeConfig }
  >();
  private readonly listeners = new Set<(update: ConnectionUpdate) => void>();

  constructor(
    private readonly kubeconfig: KubeconfigStore,
    readonly execCredentials: ExecCredentials = new ExecCredentials(),
  ) {
    kubeconfig.onChange(() => this.onKubeconfigChange());
    execCredentials.onFailure((context, error) => this.onExecFailure(context, error));
  }

  /**
   * Connects to a context (again, if it was connected: "select" doubles as "retry"). This
   * is the user asking, so a remembered exec plugin failure is forgotten (the plugin runs
   * again), and so are the plugin's credentials if the server refused them.
   */
  select(context: string): void {
    if (!this.kubeconfig.mergedConfig().contexts.has(context)) {
      throw new PilotError('NotFound', `context "${context}" is not in the kubeconfig`);
    }
    const phase = this.connections.get(context)?.state.phase;
    this.execCredentials.retry(context, phase === 'unauthorized');
    void this.connect(context);
  }

  states(): ConnectionUpdate[] {
    return [...this.connections].map(([context, c]) => ({ context, state: c.state }));
  }

  onUpdate(listener: (update: ConnectionUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The client config of a context (the one its connection check uses, if it has one);
   * throws a clear error if the kubeconfig cannot make one. Every caller of one context
   * shares its config and so its connections.
   */
  kubeConfig(context: string): KubeConfig {
    return this.clients.get(context)?.kubeConfig ?? this.newClient(context);
  }

  /** Closes every context's connections (the app is stopping). */
  stop(): void {
    for (const connection of this.connections.values()) clearTimeout(connection.retryTimer);
    for (const client of this.clients.values()) client.kubeConfig.dispose(0);
    this.clients.clear();
    this.execCredentials.stop();
  }

  usesExecPlugin(context: string): boolean {
    const merged = this.kubeconfig.mergedConfig();
    const user = merged.users.get(merged.contexts.get(context)?.value.user ?? '');
    return Boolean(user?.value['exec']);
  }

  serverOf(context: string): string | undefined {
    try {
      return this.kubeConfig(context).getCurrentCluster()?.server;
    } catch {
      return undefined;
    }
  }

  /** `quiet`: an automatic retry, which keeps showing the last state until it knows better. */
  private async connect(context: string, quiet = false): Promise<void> {
    const previous = this.connections.get(context);
    clearTimeout(previous?.retryTimer);
    const connection: Connection = {
      failures: previous?.failures ?? 0,
      fingerprint: this.fingerprint(context),
      state: quiet && previous ? previous.state : { phase: 'connecting' },
      attempt: (previous?.attempt ?? 0) + 1,
    };
    this.connections.set(context, connection);
    if (!quiet) this.emit(context, connection.state);
    const attempt = connection.attempt;

    let state: ConnectionState;
    try {
      // A fresh config on every connect (and a fresh connection pool). Exec credentials
      // live in execCredentials, not in the config: select() decides whether they are
      // fetched again.
      const kubeConfig = this.newClient(context);
      await kubeConfig.credentials();
      const version = await withTimeout(
        kubeConfig.makeApiClient(VersionApi).getCode(),
        CONNECT_TIMEOUT_MS,
        `no answer from the API server within ${CONNECT_TIMEOUT_MS / 1000} s`,
      );
      state = { phase: 'connected', serverVersion: version.gitVersion, platform: version.platform };
    } catch (error) {
      const problem = classifyKubeError(error, {
        usesExecPlugin: this.usesExecPlugin(context),
        server: this.serverOf(context),
      });
      state = stateFor(problem);
      log.warn(`${context}: ${problem.code}: ${problem.message}`);
    }
    // A newer attempt (reselect, kubeconfig edit) owns the state now.
    if (this.connections.get(context)?.attempt !== attempt) return;
    const changed = JSON.stringify(state) !== JSON.stringify(connection.state);
    connection.state = state;
    if (changed || !quiet) this.emit(context, state);
    // An unreachable server (cluster restarting, VPN down) is retried by itself, backing off
    // to every 30 s; other failures need the user (new credentials, a fixed kubeconfig).
    if (state.phase === 'unreachable') {
      connection.failures++;
      const wait = backoffMs(connection.failures, UNREACHABLE_BACKOFF);
      connection.retryTimer = setTimeout(() => void this.connect(context, true), wait);
      connection.retryTimer.unref();
    } else {
      connection.failures = 0;
    }
  }

  private onKubeconfigChange(): void {
    const contexts = this.kubeconfig.mergedConfig().contexts;
    for (const [context, client] of this.clients) {
      if (!contexts.has(context) || this.fingerprint(context) !== client.fingerprint) {
        this.dropClient(context);
        // Its plugin may have been edited (or fixed): end its run, forget its failure.
        this.execCredentials.drop(context);
      }
    }
    for (const [context, connection] of this.connections) {
      if (!contexts.has(context)) {
        clearTimeout(connection.retryTimer);
        this.connections.delete(context);
        this.emit(context, { phase: 'idle' });
      } else if (this.fingerprint(context) !== connection.fingerprint) {
        log.info(`${context}: kubeconfig entries changed, reconnecting`);
        void this.connect(context);
      }
    }
  }

  /** A request met a new exec plugin failure: a connected context says so. */
  private onExecFailure(context: string, error: PilotError): void {
    const connection = this.connections.get(context);
    if (!connection || connection.state.phase !== 'connected') return;
    clearTimeout(connection.retryTimer);
    connection.state = { phase: 'exec-failed', message: error.message };
    this.emit(context, connection.state);
  }

  /** Builds the context's client config, replacing (and closing) the one it had. */
  private newClient(context: string): SharedAgentKubeConfig {
    const kubeConfig = kubeConfigFor(this.kubeconfig.mergedConfig(), context, this.execCredentials);
    this.dropClient(context);
    this.clients.set(context, { fingerprint: this.fingerprint(context), kubeConfig });
    return kubeConfig;
  }

  private dropClient(context: string): void {
    this.clients.get(context)?.kubeConfig.dispose();
    this.clients.delete(context);
  }

  /** The context, cluster and user entries as written: any edit to them forces a reconnect. */
  private fingerprint(context: string): string {
    const merged = this.kubeconfig.mergedConfig();
    const ctx = merged.contexts.get(context);
    return JSON.stringify([
      ctx,
      merged.clusters.get(ctx?.value.cluster ?? ''),
      merged.users.get(ctx?.value.user ?? ''),
    ]);
  }

  private emit(context: string, state: ConnectionState): void {
    for (const listener of this.listeners) listener({ context, state });
  }
}

function stateFor(problem: PilotError): ConnectionState {
  switch (problem.code) {
    case 'Unreachable':
      return { phase: 'unreachable', message: problem.message };
    case 'Unauthorized':
    case 'Forbidden':
      return { phase: 'unauthorized', message: problem.message };
    case 'ExecFailed':
      return { phase: 'exec-failed', message: problem.message };
    default:
      return { phase: 'error', message: problem.message };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PilotError('Unreachable', message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
