/**
 * One undici Agent (one keep-alive connection pool) per client config and TLS material.
 * client-node 2.x builds a new Agent for every request (applySecurityAuthentication ->
 * createDispatcher), so every request paid a new TCP+TLS connection: the 20 pages of a
 * 10,000-pod list opened 20. SharedAgentKubeConfig still runs client-node's authentication
 * on every request (token files refresh, and exec credentials expire, so headers are
 * rebuilt each time; exec plugins run through exec-credentials.ts, not client-node) and
 * shares only the dispatcher, keyed by what a connection is made of (server,
 * proxy, CA, client certificate and key, skip-verify, server name): an exec plugin that
 * hands out a new client certificate gets a new pool, and the old one is closed.
 *
 * Whoever creates one (ConnectionService per context, the CLI for its one context) calls
 * dispose() when the context is dropped or its kubeconfig entries change. An Agent holds
 * idle sockets only for undici's keep-alive timeout, so a config that is dropped without
 * dispose() costs memory until it is collected, never a connection for long.
 */
import type https from 'node:https';
import { KubeConfig, type Cluster, type RequestContext } from '@kubernetes/client-node';
import { Agent, type Dispatcher } from 'undici';
import type { ExecCredential } from './exec-credential-format';
import { digestOf, secureContextFor } from './secure-contexts';

/**
 * How long a replaced or disposed Agent stays open: a request may have picked it just
 * before the switch and not dispatched yet (close() refuses new requests at once). Requests
 * already under way, watches included, finish on it either way: close() is graceful.
 */
export const RETIRED_AGENT_CLOSE_MS = 5_000;

/** What client-node's createDispatcher turns into connection options. */
type TlsOptions = Pick<
  https.AgentOptions,
  'ca' | 'cert' | 'key' | 'pfx' | 'passphrase' | 'rejectUnauthorized' | 'servername'
>;

type CreateDispatcher = (cluster: Cluster | null, options: TlsOptions) => Dispatcher | undefined;

export class SharedAgentKubeConfig extends KubeConfig {
  private shared: { key: string; dispatcher: Dispatcher | undefined } | undefined;
  private disposed = false;
  /**
   * Where the user's exec credential comes from (client-config.ts strips `exec` from what
   * client-node sees, so its ExecAuth never runs): ExecCredentials' single-flight cache,
   * or a refusal. Applied after client-node's own authentication.
   */
  credentialSource: (() => Promise<ExecCredential>) | undefined;

  /** Runs (or joins, or reuses) the exec plugin, if the user has one; throws its failure. */
  async credentials(): Promise<void> {
    await this.credentialSource?.();
  }

  /** Same headers and TLS options as client-node's own, with the dispatcher shared. */
  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    // The public way to run client-node's authenticators (token file, OIDC) and read the
    // TLS material they and the kubeconfig provide.
    const options: https.RequestOptions = {};
    await this.applyToHTTPSOptions(options);
    const exec = await this.credentialSource?.();
    if (exec?.token)
      options.headers = { ...options.headers, Authorization: `Bearer ${exec.token}` };
    if (exec?.cert && exec.key) {
      options.cert = exec.cert;
      options.key = exec.key;
    }
    if (options.auth)
      context.setHeaderParam(
        'Authorization',
        `Basic ${Buffer.from(options.auth).toString('base64')}`,
      );
    for (const [name, value] of Object.entries(options.headers ?? {}))
      context.setHeaderParam(name, String(value));
    const tls: TlsOptions = {
      ca: options.ca,
      cert: options.cert,
      key: options.key,
      pfx: options.pfx,
      passphrase: options.passphrase,
    };
    if (options.rejectUnauthorized !== undefined)
      tls.rejectUnauthorized = options.rejectUnauthorized;
    if (options.servername !== undefined) tls.servername = options.servername;
    const dispatcher = this.dispatcherFor(tls);
    if (dispatcher) context.setDispatcher(dispatcher);
  }

  /**
   * Closes the shared Agent (after `graceMs`). A request that was already authenticating
   * (an exec plugin can take seconds) still gets through, on an Agent of its own that
   * closes when it is done.
   */
  dispose(graceMs = RETIRED_AGENT_CLOSE_MS): void {
    this.disposed = true;
    retire(this.shared?.dispatcher, graceMs);
    this.shared = undefined;
  }

  private dispatcherFor(tls: TlsOptions): Dispatcher | undefined {
    const cluster = this.getCurrentCluster();
    if (this.disposed) {
      const own = createDispatcher.call(this, cluster, tls);
      retire(own, RETIRED_AGENT_CLOSE_MS);
      return own;
    }
    const key = connectionKey(cluster, tls);
    if (this.shared?.key === key) return this.shared.dispatcher;
    const dispatcher = createDispatcher.call(this, cluster, tls);
    retire(this.shared?.dispatcher, RETIRED_AGENT_CLOSE_MS);
    this.shared = { key, dispatcher };
    return dispatcher;
  }
}

/**
 * client-node's own construction (plain Agent, HTTP(S) proxy, SOCKS proxy, none), so what
 * a connection is made of does not change; only how often it is made. For the plain Agent
 * (no proxy), its connection options gain one SecureContext for all its connections
 * (secure-contexts.ts), which client-node's options cannot carry. Both methods are private
 * in the typings: shared-agent.test.ts fails if an upgrade renames them.
 */
function createDispatcher(
  this: KubeConfig,
  cluster: Cluster | null,
  tls: TlsOptions,
): Dispatcher | undefined {
  const own = this as unknown as {
    createDispatcher?: CreateDispatcher;
    createDispatcherOptions?: (cluster: Cluster | null, tls: TlsOptions) => DispatcherOptions;
  };
  if (typeof own.createDispatcher !== 'function')
    throw new Error('@kubernetes/client-node no longer has KubeConfig.createDispatcher');
  if (typeof own.createDispatcherOptions !== 'function')
    throw new Error('@kubernetes/client-node no longer has KubeConfig.createDispatcherOptions');
  const options = own.createDispatcherOptions.call(this, cluster, tls);
  if (options.type === 'agent') {
    const secureContext = secureContextFor(tls);
    if (secureContext) return new Agent({ connect: { ...options.connect, secureContext } });
  }
  return own.createDispatcher.call(this, cluster, tls);
}

/** What client-node's createDispatcherOptions answers; only the plain Agent's is read. */
type DispatcherOptions =
  | { type: 'agent'; connect: Agent.Options['connect'] & object }
  | { type: 'proxy' | 'socks' | 'none' };

function retire(dispatcher: Dispatcher | undefined, graceMs: number): void {
  if (!dispatcher) return;
  const close = () => void dispatcher.close().catch(() => undefined);
  if (graceMs <= 0) return close();
  setTimeout(close, graceMs).unref();
}

/** A digest of everything that makes two connections different. */
export function connectionKey(cluster: Cluster | null, tls: TlsOptions): string {
  return digestOf([
    cluster?.server,
    cluster?.proxyUrl,
    cluster?.skipTLSVerify,
    tls.rejectUnauthorized,
    tls.servername,
    tls.passphrase,
    tls.ca,
    tls.cert,
    tls.key,
    tls.pfx,
  ]);
}
