/**
 * Opens connections to the pods of one forward. Like kubectl, one SPDY session per pod
 * (tunnelled through one WebSocket to the API server) carries every local connection to that
 * pod as a pair of streams; a new connection costs two frames each way, not an upgrade. The
 * session opens with the first connection or path check, is reopened when it ends (API
 * server restart, the kubelet's idle timeout), and is retired when the forward moves to
 * another pod (closed once its last connection ends). An API server that refuses the
 * tunnelling subprotocol (PortForwardWebsockets off, before 1.31) gets a v4 WebSocket per
 * connection instead, for the rest of the forward's life.
 */
import { PilotError } from '../../shared/contract/errors';
import { logger } from '../platform/logger';
import { spdyPodStream, webSocketPodStream, type PodStream } from './pod-stream';
import { openPortForwardPair } from './spdy/port-forward-pair';
import { SpdySession } from './spdy/session';
import { openTunnel, openUpgrade, tunnelUrl, type TunnelTarget } from './tunnel';

/** The WebSocket subprotocol of SPDY tunnelled through the API server (apimachinery's constants). */
export const SPDY_TUNNEL_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';

const log = logger('forwards');

interface OpenSession {
  key: string;
  session: Promise<SpdySession>;
}

export class PodDialer {
  private current: OpenSession | undefined;
  private retired = new Set<SpdySession>();
  private spdyRefused = false;

  /**
   * @param onSessionLost called when the current pod's session ends while connections or
   *   checks use it (not when this dialer closed it): the path may be broken.
   */
  constructor(private readonly onSessionLost: (reason: string) => void) {}

  /** A connection to `target`'s pod and port. Rejects with a PilotError. */
  async dial(target: TunnelTarget, signal: AbortSignal): Promise<PodStream> {
    if (!this.spdyRefused) {
      let session: SpdySession;
      try {
        session = await this.session(target, signal);
      } catch (error) {
        if (!refusedTunnelling(error)) throw error;
        this.spdyRefused = true;
        log.info(
          `the API server does not tunnel SPDY (${error instanceof Error ? error.message : String(error)}): one WebSocket per connection`,
        );
        return this.dial(target, signal);
      }
      return spdyPodStream(await openPortForwardPair(session, target.port, signal));
    }
    return webSocketPodStream(await openTunnel(target, signal));
  }

  /**
   * Checks the whole path (API server, RBAC, kubelet, the pod's port) without carrying data:
   * opens a connection and waits `quietMs` for the kubelet's verdict. The kubelet dials the
   * pod at once and reports a failed dial (then closes); a quiet, open connection or bytes
   * from the pod (a server that speaks first) mean the dial worked.
   */
  async probe(target: TunnelTarget, quietMs: number, signal: AbortSignal): Promise<void> {
    const stream = await this.dial(target, signal);
    try {
      await new Promise<void>((resolve, reject) => {
        let errorText = '';
        const finish = (error?: PilotError) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          if (error) reject(error);
          else resolve();
        };
        const timer = setTimeout(() => finish(), quietMs);
        const onAbort = () => finish(new PilotError('Cancelled', 'cancelled'));
        signal.addEventListener('abort', onAbort, { once: true });
        stream.listen({
          data: () => finish(),
          error: (text) => {
            errorText = text;
            // Let the rest of the text arrive (v4 sends it in pieces); the end follows.
            setTimeout(() => finish(new PilotError('Unreachable', errorText)), 20);
          },
          // Ended without an error: the dial worked and the pod's server hung up at once.
          ended: () => finish(errorText ? new PilotError('Unreachable', errorText) : undefined),
        });
      });
    } finally {
      stream.destroy();
    }
  }

  /**
   * The next dial opens a new session, so a recheck proves the whole path again: the API
   * server checks that the pod still exists and that we may reach it. A session opened
   * before the process was suspended can outlive its pod (deleted by a rollout meanwhile)
   * and still answer. Connections on the old session go on until they close.
   */
  renew(): void {
    this.retire();
  }

  /** Closes every session (the forward stopped). */
  close(): void {
    const current = this.current;
    this.current = undefined;
    void current?.session.then(
      (s) => s.close(),
      () => undefined,
    );
    for (const s of this.retired) s.close();
    this.retired.clear();
  }

  private session(target: TunnelTarget, signal: AbortSignal): Promise<SpdySession> {
    const key = `${target.namespace}/${target.pod}`;
    if (this.current?.key !== key) this.retire();
    const current = this.current;
    if (current) {
      return current.session.then(
        (s) => (s.usable ? s : this.reopen(current, target, signal)),
        () => this.reopen(current, target, signal),
      );
    }
    return this.open(key, target, signal).session;
  }

  private reopen(stale: OpenSession, target: TunnelTarget, signal: AbortSignal) {
    if (this.current !== stale) return this.session(target, signal);
    this.current = undefined;
    return this.open(stale.key, target, signal).session;
  }

  private open(key: string, target: TunnelTarget, signal: AbortSignal): OpenSession {
    const { kubeConfig, namespace, pod } = target;
    const entry: OpenSession = {
      key,
      session: openUpgrade(
        target,
        tunnelUrl(kubeConfig, namespace, pod),
        SPDY_TUNNEL_PROTOCOL,
        `forward to pod ${namespace}/${pod}`,
        signal,
      ).then((ws) => {
        const session = new SpdySession(ws);
        session.onClose((reason) => {
          if (this.current === entry) {
            this.current = undefined;
            this.onSessionLost(reason);
          }
          this.retired.delete(session);
        });
        return session;
      }),
    };
    this.current = entry;
    // A failed open is not kept: the next dial tries again.
    entry.session.catch(() => {
      if (this.current === entry) this.current = undefined;
    });
    return entry;
  }

  /** The forward moved to another pod: the old session closes after its last connection. */
  private retire(): void {
    const old = this.current;
    this.current = undefined;
    void old?.session.then(
      (s) => {
        if (s.closed) return;
        this.retired.add(s);
        s.closeWhenIdle();
      },
      () => undefined,
    );
  }
}

/**
 * The API server (or the kubelet behind it) would not tunnel SPDY: a 400 ("unable to upgrade:
 * no tunneling spdy protocols provided"), or an upgrade without the subprotocol (ws: "Server
 * sent no subprotocol"). RBAC, a missing pod or an unreachable server are not refusals.
 */
export function refusedTunnelling(error: unknown): boolean {
  return (
    error instanceof PilotError &&
    error.code === 'Internal' &&
    /HTTP 400|unable to upgrade|subprotocol|tunnel/i.test(error.message)
  );
}
