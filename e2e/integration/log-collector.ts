// Runs the app's log engine (main/logs) against the test cluster and records what it
// delivers, so tests can compare it with kubectl.
import type { LogLine, LogSource } from '../../shared/contract/logs';
import type { ScopeStatus } from '../../shared/contract/resources';
import { startLogSession } from '../../main/logs/start-session';
import type { LogSession } from '../../main/logs/log-session';
import { WatchRegistry } from '../../main/watch/watch-registry';
import { eventually, kubeConfig, sleep, type ContextName } from './cluster';

export interface Delivered {
  source: LogSource;
  time: string;
  text: string;
  /** Bytes the engine cut from the end of a line over 64 KiB (0: whole). */
  cut: number;
}

export class LogCollector {
  readonly sources = new Map<number, LogSource>();
  readonly scopes = new Map<string, ScopeStatus>();
  readonly lines: Delivered[] = [];
  skipped = 0;
  private readonly watches: WatchRegistry;
  private readonly session: LogSession;
  private cursor = 0;

  constructor(
    query: string,
    options: { context?: ContextName; current?: string[] | 'all'; bufferLines?: number } = {},
  ) {
    const kc = kubeConfig(options.context ?? 'pilothouse-admin');
    this.watches = new WatchRegistry(() => kc);
    this.session = startLogSession(
      {
        watches: this.watches,
        context: options.context ?? 'pilothouse-admin',
        kubeConfig: () => kc,
        query,
        current: options.current ?? ['team-a'],
        ...(options.bufferLines ? { bufferLines: options.bufferLines } : {}),
      },
      {
        onSources: (sources) => {
          this.drain();
          for (const s of sources) this.sources.set(s.id, s);
        },
        onScope: (namespace, status) => this.scopes.set(namespace, status),
        onLines: () => this.drain(),
      },
    );
  }

  private drain(): void {
    const read = this.session.ring.read(this.cursor);
    this.cursor = read.cursor;
    this.skipped += read.skipped;
    for (const [id, time, text, cut = 0] of read.items as LogLine[])
      this.lines.push({ source: this.sources.get(id)!, time, text, cut });
  }

  /** Pod names ("namespace/name") of the current (not ended) sources. */
  pods(): string[] {
    return [
      ...new Set(
        [...this.sources.values()]
          .filter((s) => s.state !== 'ended')
          .map((s) => `${s.namespace}/${s.pod}`),
      ),
    ].sort();
  }

  /** Waits until every pod watch has listed, then for the source set to settle. */
  async ready(): Promise<this> {
    await eventually(
      'the pod watches to list',
      async () =>
        this.scopes.size > 0 && [...this.scopes.values()].every((s) => s.phase !== 'loading'),
    );
    let before = '';
    for (;;) {
      await sleep(300);
      const now = JSON.stringify(this.pods());
      if (now === before) return this;
      before = now;
    }
  }

  linesOf(pod: string, container?: string): Delivered[] {
    return this.lines.filter(
      (l) =>
        `${l.source.namespace}/${l.source.pod}` === pod &&
        (container === undefined || l.source.container === container),
    );
  }

  /**
   * The fixture numbers each container's lines (seq=N): any step other than +1 is a
   * repeated or lost line. Returns one description per source that has such a step.
   */
  sequenceBreaks(): string[] {
    const bySource = new Map<number, number[]>();
    for (const l of this.lines) {
      const seq = Number(/seq=(\d+)/.exec(l.text)?.[1]);
      bySource.set(l.source.id, [...(bySource.get(l.source.id) ?? []), seq]);
    }
    return [...bySource].flatMap(([id, seqs]) =>
      seqs.slice(1).some((s, i) => s - seqs[i]! !== 1) ? [`source ${id}: ${seqs.join(',')}`] : [],
    );
  }

  stop(): void {
    this.session.stop();
    this.watches.stopAll();
  }
}
