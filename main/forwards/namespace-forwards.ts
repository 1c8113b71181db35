/**
 * Every namespace forward of this process: started by the "Forward all Services" action
 * or `pilothouse forward --all-services`, listed live for the view. One group per
 * (context, namespace): asking again answers the running one. 'auto' picks own loopback
 * addresses when 127.1.0.1 binds on this machine (Linux), distinct ports on 127.0.0.1
 * otherwise (macOS without aliases).
 */
import type { NamespaceForwardsEvent, NamespaceForwardState } from '../../shared/contract/forwards';
import { PilotError } from '../../shared/contract/errors';
import type { WatchRegistry } from '../watch/watch-registry';
import type { FleetEngine } from './fleet-engine';
import { LoopbackAllocator, loopbackAliasesWork } from './loopback-addresses';
import { NamespaceForward, type NamespaceMode } from './namespace-forward';

/** Namespace forwards at once: each holds watches and up to hundreds of forwards. */
export const MAX_NAMESPACE_FORWARDS = 32;

export interface NamespaceForwardsDeps {
  engine: FleetEngine;
  watches: Pick<WatchRegistry, 'subscribe'>;
  /** Whether 127.1.x.y binds here (default: probe once). */
  aliasesWork?: () => Promise<boolean>;
}

export class NamespaceForwards {
  private readonly groups = new Map<string, NamespaceForward>();
  private readonly listeners = new Set<(event: NamespaceForwardsEvent) => void>();
  private readonly allocators: Record<NamespaceMode, LoopbackAllocator> = {
    addresses: new LoopbackAllocator(true),
    ports: new LoopbackAllocator(false),
  };
  private nextId = 1;

  constructor(private readonly deps: NamespaceForwardsDeps) {}

  async start(
    context: string,
    namespace: string,
    mode: 'auto' | NamespaceMode = 'auto',
  ): Promise<NamespaceForwardState> {
    const running = [...this.groups.values()].find(
      (g) => g.context === context && g.namespace === namespace,
    );
    if (running) return running.state();
    if (this.groups.size >= MAX_NAMESPACE_FORWARDS)
      throw new PilotError(
        'TooMany',
        `at most ${MAX_NAMESPACE_FORWARDS} namespace forwards at once: stop one first`,
      );
    const resolved: NamespaceMode =
      mode !== 'auto'
        ? mode
        : (await (this.deps.aliasesWork ?? loopbackAliasesWork)())
          ? 'addresses'
          : 'ports';
    const id = `ns-${this.nextId++}`;
    const group: NamespaceForward = new NamespaceForward(
      {
        engine: this.deps.engine,
        watches: this.deps.watches,
        allocator: this.allocators[resolved],
      },
      id,
      context,
      namespace,
      resolved,
      () => this.emit({ type: 'upsert', groups: [group.state()] }),
    );
    this.groups.set(id, group);
    await group.start();
    return group.state();
  }

  get(id: string): NamespaceForwardState | undefined {
    return this.groups.get(id)?.state();
  }

  /** Resolves once group `id` has applied every change received so far. */
  async idle(id: string): Promise<void> {
    await this.groups.get(id)?.idle();
  }

  list(): NamespaceForwardState[] {
    return [...this.groups.values()].map((g) => g.state());
  }

  async stop(id: string): Promise<boolean> {
    const group = this.groups.get(id);
    if (!group) return false;
    this.groups.delete(id);
    await group.stop();
    this.emit({ type: 'remove', ids: [id] });
    return true;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.groups.keys()].map((id) => this.stop(id)));
  }

  /** Follows every group; the current ones are sent first. */
  subscribe(listener: (event: NamespaceForwardsEvent) => void): () => void {
    this.listeners.add(listener);
    listener({ type: 'upsert', groups: this.list() });
    return () => this.listeners.delete(listener);
  }

  private emit(event: NamespaceForwardsEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
