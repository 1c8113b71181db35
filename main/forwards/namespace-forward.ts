/**
 * A whole namespace at once (kubefwd without root): every Service of the namespace
 * forwarded through the engine, each on its own loopback address with its own ports
 * (mode 'addresses'), or on 127.0.0.1 with distinct ports where only that address exists
 * (mode 'ports'). Services come from the shared Services watch of the namespace (one per
 * (context, namespace), ref-counted by the WatchRegistry): a Service created while it runs
 * is forwarded, a deleted one stopped, a changed one re-forwarded. Changes are applied
 * one batch at a time, in order, and each batch starts at most BULK_CONCURRENCY forwards
 * at once. Pilothouse never writes /etc/hosts: the hosts lines are offered to copy.
 */
import type { ScopeStatus } from '../../shared/contract/resources';
import type {
  NamespaceForwardService,
  NamespaceForwardState,
} from '../../shared/contract/forwards';
import type { WatchRegistry } from '../watch/watch-registry';
import { logger } from '../platform/logger';
import { BULK_CONCURRENCY, mapBounded } from './bounded';
import { bindFailed, type FleetEngine } from './fleet-engine';
import { localPortCandidates, type LoopbackAllocator } from './loopback-addresses';
import { forwardServices } from './projections';
import {
  CLUSTER_DOMAIN,
  hostsLine,
  planService,
  summarizeService,
  type ServiceSummary,
} from './namespace-plan';

const log = logger('forwards');
/**
 * How long start() waits for the first list of Services before answering anyway (the
 * state then says "Starting" or "Reconnecting", and Services are added as they come): an
 * unreachable API server retries with backoff forever and must not hold the caller.
 */
export const FIRST_LIST_WAIT_MS = 10_000;

export type NamespaceMode = 'addresses' | 'ports';

export interface NamespaceForwardDeps {
  engine: FleetEngine;
  watches: Pick<WatchRegistry, 'subscribe'>;
  /** Shared by every namespace forward of a mode, so two never hold one address. */
  allocator: LoopbackAllocator;
}

interface Entry {
  facts: ServiceSummary;
  /** The plan as JSON: a Service whose plan did not change is left running. */
  planKey: string;
  row: NamespaceForwardService;
}

export class NamespaceForward {
  private readonly services = new Map<string, Entry>();
  private scope: ScopeStatus = { phase: 'loading' };
  private work: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;
  private stopped = false;
  private firstList: (() => void) | undefined;

  constructor(
    private readonly deps: NamespaceForwardDeps,
    readonly id: string,
    readonly context: string,
    readonly namespace: string,
    readonly mode: NamespaceMode,
    /** Called after every change of the table or the state. */
    private readonly onChange: () => void,
  ) {}

  /** Subscribes to the Services; resolves once the first list is forwarded (or refused). */
  start(): Promise<void> {
    const listed = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, FIRST_LIST_WAIT_MS);
      this.firstList = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    // The engine's own Services watch of the namespace: one list+watch shared by both.
    this.unsubscribe = this.deps.watches.subscribe(this.context, forwardServices, this.namespace, {
      upsert: (rows) => this.enqueue(() => this.upsert(rows.map(summarizeService))),
      delete: (uids) => this.enqueue(() => this.remove(uids)),
      status: (status) => {
        this.scope = status;
        // The first answer, good or bad: everything listed so far is queued before it.
        if (status.phase !== 'loading' && status.phase !== 'reconnecting')
          this.enqueue(async () => this.firstList?.());
        this.onChange();
      },
    });
    return listed;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.firstList?.();
    await this.enqueue(async () => {
      const entries = [...this.services.values()];
      this.services.clear();
      await this.stopForwards(entries);
    });
  }

  /** Resolves once every change received so far has been applied. */
  idle(): Promise<void> {
    return this.work;
  }

  state(): NamespaceForwardState {
    const services = [...this.services.values()]
      .map((e) => structuredClone(e.row))
      .sort((a, b) => a.service.localeCompare(b.service));
    const lines = services
      .filter((s) => s.skipped === null)
      .map((s) => hostsLine(s.address, this.namespace, s.service));
    return {
      id: this.id,
      context: this.context,
      namespace: this.namespace,
      mode: this.mode,
      state: this.stateText(services),
      services,
      hostsLines: lines.length > 0 ? lines.join('\n') + '\n' : '',
    };
  }

  private stateText(services: NamespaceForwardService[]): string {
    switch (this.scope.phase) {
      case 'loading':
        return 'Starting';
      case 'forbidden':
        return `Forbidden: ${this.scope.message}`;
      case 'reconnecting':
        return 'Reconnecting';
      case 'error':
        return `Failed: ${this.scope.message}`;
      case 'ready': {
        const n = services.filter((s) => s.skipped === null).length;
        return `Active (${n} Service${n === 1 ? '' : 's'})`;
      }
    }
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    this.work = this.work.then(op).catch((error: unknown) => {
      log.warn(`namespace forward ${this.context}/${this.namespace}`, error);
    });
    return this.work;
  }

  private async upsert(rows: ServiceSummary[]): Promise<void> {
    if (this.stopped) return;
    const changed: Entry[] = [];
    const replaced: Entry[] = [];
    for (const facts of rows) {
      const plan = planService(facts);
      const planKey = JSON.stringify([facts.name, plan]);
      const old = this.services.get(facts.uid);
      if (old?.planKey === planKey) continue;
      if (old) replaced.push(old);
      const address = this.deps.allocator.addressFor(this.addressKey(facts.name));
      const entry: Entry = {
        facts,
        planKey,
        row: {
          service: facts.name,
          address,
          hostnames: [
            facts.name,
            `${facts.name}.${this.namespace}`,
            `${facts.name}.${this.namespace}.svc.${CLUSTER_DOMAIN}`,
          ],
          ports:
            plan.action === 'forward'
              ? plan.ports.map((p) => ({
                  port: p.port,
                  name: p.name,
                  localPort: null,
                  forwardId: null,
                }))
              : [],
          skipped: plan.action === 'skip' ? plan.reason : null,
        },
      };
      this.services.set(facts.uid, entry);
      changed.push(entry);
    }
    await this.stopForwards(replaced, false);
    this.onChange();
    const ports = changed.flatMap((entry) => entry.row.ports.map((port) => ({ entry, port })));
    await mapBounded(ports, BULK_CONCURRENCY, async ({ entry, port }) => {
      if (this.stopped || this.services.get(entry.facts.uid) !== entry) return;
      await this.startPort(entry, port);
      this.onChange();
    });
  }

  private async startPort(
    entry: Entry,
    port: NamespaceForwardService['ports'][number],
  ): Promise<void> {
    for (const candidate of localPortCandidates(port.port)) {
      const state = await this.deps.engine.start(
        {
          context: this.context,
          namespace: this.namespace,
          kind: 'services',
          name: entry.facts.name,
          port: port.port,
          localPort: candidate,
          address: entry.row.address,
        },
        { type: 'namespace', groupId: this.id },
      );
      // The Service went away, or the group stopped, while it started: undo.
      if (this.stopped || this.services.get(entry.facts.uid) !== entry) {
        await this.deps.engine.stop(state.id, false);
        return;
      }
      port.forwardId = state.id;
      port.localPort = state.localPort;
      if (!bindFailed(state) || candidate === 0) return;
      // Taken or privileged: drop the failed forward and take a free port instead.
      await this.deps.engine.stop(state.id, false);
      port.forwardId = null;
    }
  }

  private async remove(uids: string[]): Promise<void> {
    const gone: Entry[] = [];
    for (const uid of uids) {
      const entry = this.services.get(uid);
      if (!entry) continue;
      this.services.delete(uid);
      gone.push(entry);
    }
    await this.stopForwards(gone);
    this.onChange();
  }

  private async stopForwards(entries: Entry[], release = true): Promise<void> {
    const ids = entries.flatMap((e) => e.row.ports.map((p) => p.forwardId));
    await Promise.all(
      ids.filter((id): id is string => id !== null).map((id) => this.deps.engine.stop(id, false)),
    );
    if (!release) return;
    for (const entry of entries)
      if (![...this.services.values()].some((e) => e.facts.name === entry.facts.name))
        this.deps.allocator.release(this.addressKey(entry.facts.name));
  }

  /** Per context too: two contexts forwarding one namespace name must not share addresses. */
  private addressKey(service: string): string {
    return `${this.context}\u0000${this.namespace}/${service}`;
  }
}
