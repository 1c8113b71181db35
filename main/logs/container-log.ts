/**
 * Follows one container's log for as long as the session wants it: waits while the
 * container has not started, streams while it runs, reads a terminated one to the end
 * and waits for a restart, and after any break reconnects with backoff and resumes from
 * the last timestamp it delivered (ResumePoint), so nothing is repeated.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { LogSourceState } from '../../shared/contract/logs';
import { classifyKubeError, statusMessage } from '../platform/classify-error';
import { HttpError, kubeChunks } from '../platform/http';
import { backoffMs, DENIED_RETRY_MS, jittered, MAX_BACKOFF_MS } from '../platform/retry';
import type { LogContainer } from './projections';
import { capUtf8, LineSplitter, MAX_LINE_BYTES, type SplitLine } from './line-splitter';
import { ResumePoint, splitTimestamp } from './resume';

const WAITING_RECHECK_MS = 30_000;
/** Room for the kubelet's timestamp prefix (RFC 3339 with nanoseconds and a zone). */
const TIMESTAMP_PREFIX_BYTES = 40;
/** A log stream reconnects faster than a watch: 500 ms, 1 s, 2 s, ... up to 15 s. */
const LOG_BACKOFF = { baseMs: 250, capMs: MAX_BACKOFF_MS, maxExponent: 6 };

/** Resolves in the event loop's check phase, after timers and I/O have had their turn. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface FirstRead {
  /** Lines from the last N ms / since an RFC 3339 time; tail = last N lines. */
  since?: { ms: number } | { time: string };
  tail?: number;
  /** Read the previous (terminated) instance once instead of following. */
  previous: boolean;
}

export interface ContainerLogTarget {
  namespace: string;
  pod: string;
  container: LogContainer;
}

export interface ContainerLogEvents {
  /** `cut`: bytes dropped from the end of a line longer than MAX_LINE_BYTES (0: whole). */
  line(time: string, text: string, cut: number): void;
  state(state: LogSourceState, message?: string): void;
}

export class ContainerLog {
  private readonly controller = new AbortController();
  private readonly resume = new ResumePoint();
  private container: LogContainer;
  private wakeUp: (() => void) | undefined;
  /** A request was answered: the first-read options (since, tail) are spent. */
  private opened = false;

  constructor(
    private readonly kubeConfig: () => KubeConfig,
    private readonly target: ContainerLogTarget,
    private readonly first: FirstRead,
    private readonly events: ContainerLogEvents,
  ) {
    this.container = target.container;
    void this.run();
  }

  /** The pod changed: a container that started or restarted is read at once. */
  update(container: LogContainer): void {
    const before = this.container;
    this.container = container;
    if (
      before.state !== container.state ||
      before.containerID !== container.containerID ||
      before.restartCount !== container.restartCount
    )
      this.wakeUp?.();
  }

  stop(): void {
    this.controller.abort();
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    const signal = this.controller.signal;
    let failures = 0;
    while (!signal.aborted) {
      if (this.container.state === 'waiting' && !this.first.previous) {
        this.events.state('waiting', this.container.reason ?? 'container not started yet');
        await this.sleep(Infinity);
        continue;
      }
      try {
        await this.readOnce();
        failures = 0;
        if (signal.aborted) return;
        if (this.first.previous) {
          this.events.state('terminated', 'previous instance read to the end');
          return;
        }
        if (this.container.state !== 'running') {
          this.events.state('terminated', this.container.reason ?? 'container exited');
          await this.sleep(Infinity);
        } else {
          // The server ended a stream of a running container (apiserver restart, log
          // rotation): resume promptly.
          this.events.state('reconnecting', 'the log stream ended; resuming');
          await this.sleep(250);
        }
      } catch (error) {
        if (signal.aborted) return;
        const { state, message, wait } = this.explain(error, ++failures);
        this.events.state(state, message);
        await this.sleep(wait);
      }
    }
  }

  private async readOnce(): Promise<void> {
    const { namespace, pod } = this.target;
    const query: Record<string, string | undefined> = {
      container: this.container.name,
      timestamps: 'true',
    };
    if (this.first.previous) query['previous'] = 'true';
    else query['follow'] = 'true';
    const resumeAt = this.resume.sinceTime();
    if (resumeAt) {
      query['sinceTime'] = resumeAt;
    } else if (!this.opened) {
      // since/tail hold until a request is answered: a refused first try (a pod whose
      // log is not there yet) must not turn into reading the whole log.
      const since = this.first.since;
      if (since && 'ms' in since)
        query['sinceSeconds'] = String(Math.max(1, Math.ceil(since.ms / 1000)));
      if (since && 'time' in since) query['sinceTime'] = since.time;
      if (this.first.tail !== undefined) query['tailLines'] = String(this.first.tail);
    }
    this.resume.restart();
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
    let announced = false;
    const take = (raw: SplitLine) => {
      this.opened = true;
      if (!announced) {
        announced = true;
        this.events.state('streaming');
      }
      const { time, text } = splitTimestamp(raw.text);
      if (!this.resume.accept(time)) return;
      const capped = capUtf8(text, MAX_LINE_BYTES);
      this.events.line(time, capped.text, raw.cut + capped.cut);
    };
    // Bounded: a line longer than MAX_LINE_BYTES is cut as it arrives, never held whole.
    const splitter = new LineSplitter(MAX_LINE_BYTES + TIMESTAMP_PREFIX_BYTES);
    for await (const chunk of kubeChunks(this.kubeConfig(), path, query, this.controller.signal)) {
      for (const raw of splitter.push(chunk)) take(raw);
      // One chunk per stream per turn of the event loop. Dozens of busy streams whose
      // chunks are already buffered can otherwise keep the loop in promise callbacks for
      // seconds on a loaded CPU, starving every timer: the pumps that send lines on, the
      // dispatcher's flush, reconnects (measured: timers 2-18 s late at 50 × 400 lines/s).
      await nextTurn();
      if (this.controller.signal.aborted) return;
    }
    for (const raw of splitter.end()) take(raw);
    this.opened = true;
    if (!announced && !this.first.previous && this.container.state === 'running')
      this.events.state('streaming');
  }

  private explain(
    error: unknown,
    failures: number,
  ): { state: LogSourceState; message: string; wait: number } {
    const backoff = backoffMs(failures, LOG_BACKOFF);
    const apiMessage = error instanceof HttpError ? statusMessage(error.body) : undefined;
    if (error instanceof HttpError && error.code === 400 && apiMessage) {
      // "container … is waiting to start": wait for the pod to change (or look again
      // later). Anything else ("no logs found", a kubelet that is restarting) may pass:
      // retry with backoff, except a one-shot read of the previous instance.
      if (/waiting to start|ContainerCreating|PodInitializing/.test(apiMessage))
        return { state: 'waiting', message: apiMessage, wait: WAITING_RECHECK_MS };
      return {
        state: 'error',
        message: apiMessage,
        wait: this.first.previous ? Infinity : Math.max(backoff, 1000),
      };
    }
    const problem = classifyKubeError(error, {
      action: `read the log of ${this.target.namespace}/${this.target.pod}[${this.container.name}]`,
    });
    if (problem.code === 'Forbidden' || problem.code === 'Unauthorized')
      return { state: 'forbidden', message: problem.message, wait: DENIED_RETRY_MS };
    return { state: 'reconnecting', message: problem.message, wait: backoff };
  }

  /** Waits `ms` (Infinity: until update() or stop()). */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(done, jittered(ms)) : undefined;
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        done();
      };
    });
  }
}
