/**
 * One poller of metrics.k8s.io per (context, resource, namespace): it lists PodMetrics (or
 * NodeMetrics) at the server's resolution (the next poll is due one resolution after the
 * newest sample's timestamp, plus a little for the scrape to land: never faster than new
 * samples appear), keeps the newest sample per object, records each new one in the
 * context's history, and tells its listeners what changed and what went away. Started by
 * the first listener, stopped by MetricsService a grace period after the last.
 */
import type { MetricsState } from '../../shared/contract/metrics';
import { classifyKubeError } from '../platform/classify-error';
import type { ApiTransport } from '../platform/http';
import { logger } from '../platform/logger';
import { sleep } from '../platform/retry';
import type { ContextHistory } from './history-store';
import {
  listMetrics,
  metricsApiInstalled,
  type MetricsResourceName,
  type RawSample,
} from './metrics-api';
import { metricsState, shouldDrop, type PollFailure } from './metrics-state';

const log = logger('metrics');
/** Never poll more often than this, whatever the timestamps say. */
export const MIN_POLL_MS = 2_000;
/** After the expected scrape time, this long for metrics-server to have the sample. */
const SETTLE_MS = 1_500;
/** Refused (403) or absent (404): ask again this rarely. */
const DENIED_POLL_MS = 30_000;

export interface PollerListener {
  samples(changed: RawSample[], gone: string[]): void;
  state(state: MetricsState): void;
}

export class MetricsPoller {
  readonly latest = new Map<string, RawSample>();
  private readonly listeners = new Set<PollerListener>();
  private stateNow: MetricsState = { state: 'loading' };
  private readonly controller = new AbortController();
  private started = false;
  private failure: PollFailure | undefined;
  private empty = false;
  private polls = 0;
  private newestMs: number | undefined;
  private windowMs = 0;
  private lastLogged = '';

  constructor(
    private readonly api: ApiTransport,
    readonly resource: MetricsResourceName,
    readonly namespace: string,
    private readonly history: ContextHistory,
    private readonly describe: string,
    private readonly now: () => number = Date.now,
  ) {}

  addListener(listener: PollerListener): () => void {
    this.listeners.add(listener);
    if (this.latest.size > 0) listener.samples([...this.latest.values()], []);
    listener.state(this.stateNow);
    if (!this.started) {
      this.started = true;
      void this.run();
    }
    return () => this.listeners.delete(listener);
  }

  listenerCount(): number {
    return this.listeners.size;
  }

  state(): MetricsState {
    return this.stateNow;
  }

  stop(): void {
    this.controller.abort();
    this.listeners.clear();
  }

  private async run(): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      let delay: number;
      try {
        const samples = await listMetrics(this.api, this.resource, this.namespace, signal);
        this.failure = undefined;
        delay = this.apply(samples);
      } catch (error) {
        if (signal.aborted) return;
        this.failure = await this.classify(error, signal);
        delay =
          this.failure.kind === 'forbidden' || this.failure.kind === 'not-installed'
            ? DENIED_POLL_MS
            : Math.max(MIN_POLL_MS, Math.min(this.history.resolutionMs / 3, 10_000));
        if (shouldDrop(this.input())) this.dropAll();
      }
      this.polls++;
      this.publishState();
      try {
        await sleep(delay, signal);
      } catch {
        return;
      }
    }
  }

  private async classify(error: unknown, signal: AbortSignal): Promise<PollFailure> {
    const code = (error as { code?: unknown }).code;
    const pilot = classifyKubeError(error, { action: `list ${this.resource}.metrics.k8s.io` });
    if (code === 403) return { kind: 'forbidden', message: pilot.message };
    if (code === 404) {
      const installed = await metricsApiInstalled(this.api, signal).catch(() => true);
      if (!installed) return { kind: 'not-installed' };
    }
    if (code === 503 || code === 502 || code === 504)
      return { kind: 'unavailable', message: `metrics-server is not answering: ${pilot.message}` };
    if (pilot.message !== this.lastLogged) log.warn(`${this.describe}: ${pilot.message}`);
    this.lastLogged = pilot.message;
    return { kind: 'error', message: pilot.message };
  }

  /** Takes a successful answer; returns the delay before the next poll. */
  private apply(samples: RawSample[]): number {
    const changed: RawSample[] = [];
    const seen = new Set<string>();
    const previousNewest = this.newestMs;
    for (const sample of samples) {
      seen.add(sample.key);
      const before = this.latest.get(sample.key);
      if (before && sample.timestampMs <= before.timestampMs) continue;
      this.latest.set(sample.key, sample);
      changed.push(sample);
      this.history.noteWindow(sample.windowMs);
      if (this.resource === 'pods') this.history.recordPod(sample);
      else this.history.recordNode(sample);
      if (this.newestMs === undefined || sample.timestampMs > this.newestMs) {
        this.newestMs = sample.timestampMs;
        this.windowMs = sample.windowMs;
      }
    }
    const gone: string[] = [];
    for (const key of this.latest.keys()) {
      if (!seen.has(key)) gone.push(key);
    }
    for (const key of gone) this.latest.delete(key);
    if (this.latest.size === 0) this.newestMs = undefined;
    this.empty = samples.length === 0;
    if (changed.length > 0 || gone.length > 0)
      for (const l of this.listeners) l.samples(changed, gone);

    const resolution = this.history.resolutionMs;
    if (this.newestMs === undefined) return Math.max(MIN_POLL_MS, Math.min(resolution / 3, 5_000));
    if (previousNewest !== undefined && this.newestMs === previousNewest)
      // The expected scrape has not landed yet: look again soon, not in a tight loop.
      return Math.max(MIN_POLL_MS, resolution / 5);
    const due = this.newestMs + resolution + SETTLE_MS - this.now();
    return Math.min(Math.max(MIN_POLL_MS, due), resolution + SETTLE_MS);
  }

  private dropAll(): void {
    const gone = [...this.latest.keys()];
    this.latest.clear();
    this.newestMs = undefined;
    if (gone.length > 0) for (const l of this.listeners) l.samples([], gone);
  }

  private input() {
    return {
      nowMs: this.now(),
      newestMs: this.newestMs,
      windowMs: this.windowMs,
      resolutionMs: this.history.resolutionMs,
      failure: this.failure,
      empty: this.empty,
      first: this.polls === 0,
    };
  }

  private publishState(): void {
    const next = metricsState(this.input());
    if (JSON.stringify(next) === JSON.stringify(this.stateNow)) return;
    this.stateNow = next;
    for (const l of this.listeners) l.state(next);
  }
}
