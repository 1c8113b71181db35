/**
 * The metrics feature's one service: pollers shared by key (context, resource, namespace)
 * and reference-counted like the watch caches (stopped POLLER_GRACE_MS after the last
 * listener leaves, so switching views does not restart them), each context's history for
 * the run, and the "keep history" pins that hold a context's cluster-wide pollers without
 * a view. Built once per WatchRegistry (one per app) by `metricsServiceFor`.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeTransport, type ApiTransport } from '../platform/http';
import type { WatchRegistry } from '../watch/watch-registry';
import { ContextHistory } from './history-store';
import type { MetricsResourceName } from './metrics-api';
import { MetricsPoller, type PollerListener } from './poller';

export const POLLER_GRACE_MS = 15_000;
/** How often histories drop what has had no sample for the whole window. */
const SWEEP_EVERY_MS = 60_000;

interface Slot {
  poller: MetricsPoller;
  stopTimer?: NodeJS.Timeout;
}

export class MetricsService {
  private readonly pollers = new Map<string, Slot>();
  private readonly histories = new Map<string, ContextHistory>();
  private readonly kept = new Map<string, () => void>();
  private lastSweepMs = 0;

  constructor(
    readonly watches: WatchRegistry,
    private readonly transport: (context: string) => ApiTransport,
  ) {}

  history(context: string): ContextHistory {
    let history = this.histories.get(context);
    if (!history) {
      history = new ContextHistory();
      this.histories.set(context, history);
    }
    const now = Date.now();
    if (now - this.lastSweepMs > SWEEP_EVERY_MS) {
      this.lastSweepMs = now;
      for (const h of this.histories.values()) h.sweep(now);
    }
    return history;
  }

  /** Listens to the poller of (context, resource, namespace), starting it if needed. */
  subscribe(
    context: string,
    resource: MetricsResourceName,
    namespace: string,
    listener: PollerListener,
  ): () => void {
    const ns = resource === 'nodes' ? '' : namespace;
    const key = JSON.stringify([context, resource, ns]);
    let slot = this.pollers.get(key);
    if (!slot) {
      const describe = `${context}/${resource}.metrics${ns ? `@${ns}` : ''}`;
      const poller = new MetricsPoller(
        this.transport(context),
        resource,
        ns,
        this.history(context),
        describe,
      );
      slot = { poller };
      this.pollers.set(key, slot);
    }
    clearTimeout(slot.stopTimer);
    const remove = slot.poller.addListener(listener);
    const current = slot;
    return () => {
      remove();
      if (current.poller.listenerCount() > 0) return;
      clearTimeout(current.stopTimer);
      current.stopTimer = setTimeout(() => {
        if (current.poller.listenerCount() > 0) return;
        current.poller.stop();
        if (this.pollers.get(key) === current) this.pollers.delete(key);
      }, POLLER_GRACE_MS);
      current.stopTimer.unref();
    };
  }

  /** Keeps (or stops keeping) a context's pod and node history while nothing shows it. */
  keepHistory(context: string, keep: boolean): boolean {
    const release = this.kept.get(context);
    if (keep && !release) {
      const quiet: PollerListener = { samples: () => undefined, state: () => undefined };
      const stopPods = this.subscribe(context, 'pods', '', quiet);
      const stopNodes = this.subscribe(context, 'nodes', '', quiet);
      this.kept.set(context, () => {
        stopPods();
        stopNodes();
      });
    } else if (!keep && release) {
      release();
      this.kept.delete(context);
    }
    return this.kept.has(context);
  }

  stats(): { pollers: number; historyBytes: number } {
    let historyBytes = 0;
    for (const h of this.histories.values()) historyBytes += h.bytes();
    return { pollers: this.pollers.size, historyBytes };
  }

  stopAll(): void {
    for (const release of this.kept.values()) release();
    this.kept.clear();
    for (const slot of this.pollers.values()) {
      clearTimeout(slot.stopTimer);
      slot.poller.stop();
    }
    this.pollers.clear();
  }
}

const services = new WeakMap<WatchRegistry, MetricsService>();

/** The app's one MetricsService (keyed by its WatchRegistry, which the app builds once). */
export function metricsServiceFor(
  watches: WatchRegistry,
  kubeConfig: (context: string) => KubeConfig,
): MetricsService {
  let service = services.get(watches);
  if (!service) {
    service = new MetricsService(watches, (context) => kubeTransport(() => kubeConfig(context)));
    services.set(watches, service);
  }
  return service;
}

/** Stops the app's metrics pollers (the app's stop()). */
export function stopMetricsService(watches: WatchRegistry): void {
  services.get(watches)?.stopAll();
  services.delete(watches);
}
