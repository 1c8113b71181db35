/**
 * One forward: a local listener, the target it follows (target-follower.ts) and the
 * connections it carries (connection.ts), with the state the view and the CLI show.
 *
 * The state is only "Active" once the path was checked (probeTunnel: API server, RBAC,
 * kubelet, the pod's port), and checked again every HEALTH_PROBE_MS, after the process
 * was suspended (a laptop lid, SIGSTOP), after any connection failed to open, and when the
 * watch caches reconnect. When the pod goes away or stops being ready, its connections are
 * closed cleanly and new ones wait (at most PENDING_MAX_MS, MAX_PENDING of them) for the
 * next ready pod, which is checked and used as soon as the watch reports it. A path that
 * cannot be checked is retried with backoff (main/platform/retry), 403 slowly.
 */
import net from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';
import type {
  ForwardOrigin,
  ForwardPhase,
  ForwardSpec,
  ForwardState,
} from '../../shared/contract/forwards';
import { PilotError } from '../../shared/contract/errors';
import {
  boundedText,
  hostPort,
  isLoopback,
  stateText,
  targetText,
} from '../../shared/forwards/state-text';
import { backoffMs, DENIED_RETRY_MS, jittered, MAX_BACKOFF_MS, sleep } from '../platform/retry';
import { logger } from '../platform/logger';
import type { WatchRegistry } from '../watch/watch-registry';
import { ForwardConnection } from './connection';
import { bindLocal } from './local-listener';
import { TargetFollower, type Resolution } from './target-follower';
import { PodDialer } from './pod-dialer';
import { TlsSessions, type TunnelTarget } from './tunnel';
import { WaitingRoom } from './waiting-room';

const log = logger('forwards');

/** How long a checked tunnel must stay quiet (no kubelet error) to count as working. */
export const PROBE_QUIET_MS = 250;
/** An Active forward's path is checked again this often. */
export const HEALTH_PROBE_MS = 30_000;
/** The clock is looked at this often; a larger gap means the process was suspended. */
const TICK_MS = 2_000;
/** A connection whose tunnel fails to open is tried this many times before it is closed. */
const OPEN_ATTEMPTS = 3;
const PROBE_BACKOFF = { baseMs: 250, capMs: MAX_BACKOFF_MS, maxExponent: 6 };
/** Checks after the first failures, before the backoff starts. */
const FAST_PROBES = 8;
const FAST_PROBE_MS = 150;

export interface ForwardDeps {
  watches: WatchRegistry;
  kubeConfig(context: string): KubeConfig;
  /** The state changed; `urgent` for phase changes (counters are throttled by the engine). */
  changed(urgent: boolean): void;
}

interface Route {
  pod: string;
  /** A pod re-created under the same name (a StatefulSet's) is a new route. */
  uid: string;
  port: number;
}

export class Forward {
  private phase: ForwardPhase = 'starting';
  private text = stateText.starting();
  private server: net.Server | undefined;
  /** The run whose listener is being bound. */
  private bindingFor: AbortController | undefined;
  private localPort: number | null = null;
  private follower: TargetFollower | undefined;
  private resolution: Resolution = { type: 'loading' };
  /** The checked path new connections take; null while there is none. */
  private route: Route | null = null;
  /** The pod the follower points at, checked or not. */
  private wanted: Route | null = null;
  private readonly connections = new Set<ForwardConnection>();
  private readonly waiting = new WaitingRoom((text) => this.noteError(text));
  private run: AbortController | undefined;
  private verifying: Route | null = null;
  private everResolved = false;
  private tick: NodeJS.Timeout | undefined;
  private lastTick = 0;
  private lastProbe = 0;
  private sessions = new TlsSessions();
  /** One SPDY session per pod; losing it while Active means the path must be checked again. */
  private readonly dialer = new PodDialer((reason) => {
    if (this.phase === 'active') this.recheck(`the tunnel to the pod ended: ${reason}`);
  });
  private settledWaiters: Array<(s: ForwardState) => void> = [];
  private counters = { total: 0, bytesIn: 0, bytesOut: 0 };
  private lastError: string | null = null;
  private lastErrorAt: string | null = null;
  private startedAt = new Date().toISOString();
  private readonly warning: string | null;

  constructor(
    readonly id: string,
    readonly spec: ForwardSpec,
    readonly origin: ForwardOrigin,
    private readonly waitForTarget: boolean,
    private readonly deps: ForwardDeps,
  ) {
    this.warning = isLoopback(spec.address)
      ? null
      : `listening on ${spec.address}: other machines can reach this forward`;
  }

  state(): ForwardState {
    const text =
      this.phase === 'active' && this.route
        ? stateText.active(this.route.pod, this.connections.size)
        : this.text;
    return {
      id: this.id,
      spec: this.spec,
      localAddress: hostPort(this.spec.address, this.localPort),
      localPort: this.localPort,
      target: targetText(this.spec),
      pod: this.route?.pod ?? null,
      podPort: this.route?.port ?? null,
      phase: this.phase,
      state: text,
      connections: this.connections.size,
      totalConnections: this.counters.total,
      bytesIn: this.counters.bytesIn,
      bytesOut: this.counters.bytesOut,
      lastError: this.lastError,
      lastErrorAt: this.lastErrorAt,
      warning: this.warning,
      startedAt: this.startedAt,
      origin: this.origin,
    };
  }

  /** Resolves with the first state that is not "Starting". */
  settled(): Promise<ForwardState> {
    if (this.phase !== 'starting') return Promise.resolve(this.state());
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  start(): void {
    this.run = new AbortController();
    this.startedAt = new Date().toISOString();
    this.everResolved = false;
    this.setPhase('starting', stateText.starting());
    this.follower = new TargetFollower(this.deps.watches, this.spec, (r) => this.onResolution(r));
    this.lastTick = Date.now();
    this.tick = setInterval(() => this.onTick(), TICK_MS);
    this.tick.unref();
  }

  /** Stops listening and closes every connection cleanly; `keep` leaves it "Stopped". */
  async stop(): Promise<void> {
    this.halt();
    this.setPhase('stopped', stateText.stopped());
    await this.closeServer();
  }

  async restart(): Promise<ForwardState> {
    this.halt();
    await this.closeServer();
    this.lastError = null;
    this.lastErrorAt = null;
    this.start();
    return this.settled();
  }

  // --- following the target ----------------------------------------------------------

  private onResolution(r: Resolution): void {
    if (this.run?.signal.aborted) return;
    this.resolution = r;
    if (r.type === 'loading') return;
    const first = !this.everResolved;
    this.everResolved = true;
    switch (r.type) {
      case 'forbidden':
        this.dropRoute(false);
        this.noteError(r.message);
        return this.setPhase('forbidden', stateText.forbidden(r.message));
      case 'reconnecting':
        // The watch lost the API server: tunnels go through it too, so nothing is checked.
        this.dropRoute(false);
        this.noteError(r.message);
        return this.setPhase('reconnecting', stateText.reconnecting());
      case 'missing':
        if (first && !this.waitForTarget) return void this.fail(r.message);
        this.noteError(r.message);
        this.dropRoute(true);
        return this.setWaiting();
      case 'invalid':
        this.dropRoute(true);
        this.noteError(r.message);
        return this.setPhase('failed', stateText.failed(r.message));
      case 'waiting':
        this.dropRoute(true);
        void this.bind(r.sameLocal).then((ok) => ok && this.setWaiting());
        return;
      case 'pod':
        void this.bind(r.sameLocal).then(
          (ok) => ok && this.follow({ pod: r.pod, uid: r.uid, port: r.port }),
        );
    }
  }

  private setWaiting(): void {
    if (this.run?.signal.aborted || this.phase === 'failed') return;
    this.setPhase(
      'waiting',
      this.spec.kind === 'pods' ? stateText.waitingForPod(this.spec.name) : stateText.waiting(),
    );
  }

  /** Moves new connections to `target` once its path is checked. */
  private follow(target: Route): void {
    if (this.run?.signal.aborted || this.phase === 'failed') return;
    if (this.route && sameRoute(this.route, target) && this.phase === 'active') return;
    if (this.route && !sameRoute(this.route, target)) {
      // The pod went away or stopped being ready: its connections close, new ones wait.
      this.dropRoute(true);
      this.setPhase('reconnecting', stateText.reconnecting());
    }
    this.wanted = target;
    void this.verify(target);
  }

  /** Checks `target`'s path until it works or the follower points elsewhere. */
  private async verify(target: Route): Promise<void> {
    if (this.verifying && sameRoute(this.verifying, target)) return;
    this.verifying = target;
    const signal = this.run!.signal;
    try {
      for (let failures = 0; ;) {
        if (signal.aborted || !this.wanted || !sameRoute(this.wanted, target)) return;
        try {
          this.lastProbe = Date.now();
          await this.dialer.probe(this.tunnelTarget(target), PROBE_QUIET_MS, signal);
          if (signal.aborted || !this.wanted || !sameRoute(this.wanted, target)) return;
          this.route = target;
          this.setPhase('active', '');
          this.flushPending();
          return;
        } catch (error) {
          if (signal.aborted) return;
          const problem =
            error instanceof PilotError ? error : new PilotError('Internal', String(error));
          failures++;
          this.noteError(problem.message);
          this.route = null;
          // A new pod's port often opens moments after the pod is Ready: the first few
          // checks come quickly, then the usual backoff.
          let wait =
            failures <= FAST_PROBES
              ? FAST_PROBE_MS
              : jittered(backoffMs(failures - FAST_PROBES, PROBE_BACKOFF));
          if (problem.code === 'Forbidden' || problem.code === 'Unauthorized') {
            this.setPhase('forbidden', stateText.forbidden(problem.message));
            wait = DENIED_RETRY_MS;
          } else {
            this.setPhase('reconnecting', stateText.reconnecting());
          }
          log.warn(
            `${targetText(this.spec)}: ${problem.message}; checking again in ${Math.round(wait)} ms`,
          );
          await sleep(wait, signal);
        }
      }
    } finally {
      if (this.verifying === target) this.verifying = null;
    }
  }

  /** The path is no longer known to work; `closeConnections` when its pod is gone. */
  private dropRoute(closeConnections: boolean): void {
    this.route = null;
    this.wanted = null;
    if (closeConnections) for (const c of this.connections) c.close();
  }

  /** Re-checks the current path (suspended process, failed connection, periodic). */
  private recheck(reason: string): void {
    const target = this.wanted;
    if (!target || this.verifying || this.run?.signal.aborted) return;
    log.info(`${targetText(this.spec)}: checking the path again (${reason})`);
    this.route = null;
    this.dialer.renew();
    if (this.phase === 'active') this.setPhase('reconnecting', stateText.reconnecting());
    void this.verify(target);
  }

  private onTick(): void {
    const now = Date.now();
    const gap = now - this.lastTick;
    this.lastTick = now;
    if (gap > TICK_MS * 3)
      return this.recheck(`the process was suspended for ${Math.round(gap / 1000)} s`);
    if (this.phase === 'active' && this.route && now - this.lastProbe > HEALTH_PROBE_MS) {
      // A quiet re-check: the state stays Active unless it fails.
      const target = this.route;
      this.lastProbe = now;
      const signal = this.run!.signal;
      this.dialer
        .probe(this.tunnelTarget(target), PROBE_QUIET_MS, signal)
        .catch((error: unknown) => {
          if (signal.aborted || this.route !== target) return;
          this.noteError(error instanceof Error ? error.message : String(error));
          this.recheck('the periodic check failed');
        });
    }
  }

  // --- the local side ----------------------------------------------------------------

  /** Binds the listener once (the number 'same' means may only be known with a pod). */
  private async bind(sameLocal: number | null): Promise<boolean> {
    if (this.server || (this.bindingFor && this.bindingFor === this.run)) return true;
    const choice = this.spec.localPort;
    let port: number;
    if (typeof choice === 'number') port = choice;
    else if (sameLocal === null)
      return true; // a named port and no pod yet: bind later
    else port = sameLocal;
    // One bind per run: a second resolution meanwhile does not bind again.
    const run = this.run;
    this.bindingFor = run;
    const bound = await bindLocal(this.spec.address, port, choice);
    if (this.bindingFor === run) this.bindingFor = undefined;
    if (run !== this.run || run?.signal.aborted) {
      if (bound.ok) bound.server.close();
      return false;
    }
    if (!bound.ok) {
      this.fail(bound.reason, bound.text);
      return false;
    }
    this.server = bound.server;
    this.localPort = bound.port;
    bound.server.on('connection', (socket) => this.accept(socket));
    bound.server.on('error', (e) => this.noteError(e.message));
    return true;
  }

  private accept(socket: net.Socket): void {
    this.counters.total++;
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    if (this.route && this.phase === 'active') return void this.carry(socket, 0);
    this.hold(socket, 0);
  }

  private hold(socket: net.Socket, attempts: number): void {
    this.waiting.hold(socket, attempts);
  }

  private flushPending(): void {
    for (const { socket, attempts } of this.waiting.release()) this.carry(socket, attempts);
  }

  /** Opens a tunnel for `socket` on the current route. */
  private carry(socket: net.Socket, attempts: number): void {
    const route = this.route!;
    const signal = this.run!.signal;
    this.dialer.dial(this.tunnelTarget(route), signal).then(
      (stream) => {
        if (socket.destroyed || signal.aborted) return void stream.destroy();
        if (this.route !== route) {
          // The pod changed while the tunnel opened: use the new one.
          stream.destroy();
          return this.route && this.phase === 'active'
            ? this.carry(socket, attempts)
            : this.hold(socket, attempts);
        }
        const connection = new ForwardConnection(socket, stream, route.pod, {
          bytesIn: (n) => {
            this.counters.bytesIn += n;
            this.deps.changed(false);
          },
          bytesOut: (n) => {
            this.counters.bytesOut += n;
            this.deps.changed(false);
          },
          error: (text) => this.noteError(text),
          closed: () => {
            this.connections.delete(connection);
            this.deps.changed(false);
          },
        });
        this.connections.add(connection);
        this.deps.changed(false);
      },
      (error: unknown) => {
        if (signal.aborted) return void socket.destroy();
        const problem =
          error instanceof PilotError ? error : new PilotError('Internal', String(error));
        this.noteError(problem.message);
        if (attempts + 1 >= OPEN_ATTEMPTS || socket.destroyed) return void socket.destroy();
        // The path broke under us: check it again and let the connection wait for it.
        if (this.route === route) this.recheck(`a connection could not open: ${problem.message}`);
        this.hold(socket, attempts + 1);
      },
    );
  }

  private tunnelTarget(route: Route): TunnelTarget {
    return {
      kubeConfig: this.deps.kubeConfig(this.spec.context),
      namespace: this.spec.namespace,
      pod: route.pod,
      port: route.port,
      sessions: this.sessions,
    };
  }

  // --- state ---------------------------------------------------------------------------

  private setPhase(phase: ForwardPhase, text: string): void {
    const changed = phase !== this.phase || text !== this.text;
    this.phase = phase;
    this.text = text;
    if (phase !== 'starting' && this.settledWaiters.length > 0) {
      const state = this.state();
      for (const w of this.settledWaiters.splice(0)) w(state);
    }
    if (changed) this.deps.changed(true);
  }

  private noteError(text: string): void {
    this.lastError = boundedText(text);
    this.lastErrorAt = new Date().toISOString();
    this.deps.changed(false);
  }

  /** A failure only the user can fix: nothing is followed or listened to any more. */
  private fail(reason: string, text = stateText.failed(reason)): void {
    this.noteError(reason);
    this.halt();
    void this.closeServer();
    this.setPhase('failed', text);
  }

  private halt(): void {
    this.run?.abort();
    this.follower?.stop();
    this.follower = undefined;
    clearInterval(this.tick);
    this.route = null;
    this.wanted = null;
    this.verifying = null;
    for (const c of this.connections) c.close();
    this.dialer.close();
    this.waiting.closeAll();
  }

  private closeServer(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.localPort = null;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}

function sameRoute(a: Route, b: Route): boolean {
  return a.pod === b.pod && a.uid === b.uid && a.port === b.port;
}
