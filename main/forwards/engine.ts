/**
 * The forward engine: every port-forward of one process (the app or the CLI) and the one
 * API both drive. The RPC handlers (handlers.ts), the saved and namespace forwards
 * (fwd-fleet) and the `pilothouse forward` command all call this, never the RPC layer:
 *
 *   const handle = engine.start({ context, namespace, kind: 'services', name: 'web', port: 80 });
 *   handle.onState((s) => print(s.state));   // every change, throttled counters
 *   const first = await handle.settled();    // Active, Waiting, Failed, Forbidden, ...
 *   await handle.stop();
 *
 * Bounded: at most MAX_FORWARDS forwards; state events for counter-only changes at most
 * every STATE_THROTTLE_MS per forward (phase changes at once).
 */
import type { KubeConfig } from '@kubernetes/client-node';
import {
  forwardSpec,
  type ForwardOrigin,
  type ForwardSpecInput,
  type ForwardState,
  type ForwardsEvent,
} from '../../shared/contract/forwards';
import { PilotError } from '../../shared/contract/errors';
import type { WatchRegistry } from '../watch/watch-registry';
import { Forward } from './forward';

export const MAX_FORWARDS = 1024;
export const STATE_THROTTLE_MS = 500;

export interface ForwardEngineDeps {
  watches: WatchRegistry;
  kubeConfig(context: string): KubeConfig;
}

export interface StartOptions {
  /** Who starts it (shown in the view; fleet passes its saved or namespace ids). */
  origin?: ForwardOrigin;
  /**
   * Wait for a target that does not exist yet instead of failing at once (saved forwards
   * restored at start-up; a pod forward always waits for a pod that comes back later).
   */
  waitForTarget?: boolean;
}

/** What a caller holds of one forward. */
export interface ForwardHandle {
  readonly id: string;
  state(): ForwardState;
  /** Calls `listener` with every state change, and once now; returns the unsubscribe. */
  onState(listener: (state: ForwardState) => void): () => void;
  /** The first state that is not "Starting" (bound and checked, or why not). */
  settled(): Promise<ForwardState>;
  restart(): Promise<ForwardState>;
  /** `keep`: stays in the list as "Stopped" (restart brings it back); else it is removed. */
  stop(options?: { keep?: boolean }): Promise<void>;
}

interface Slot {
  forward: Forward;
  listeners: Set<(state: ForwardState) => void>;
  timer: NodeJS.Timeout | undefined;
  handle: ForwardHandle;
}

export class ForwardEngine {
  private readonly slots = new Map<string, Slot>();
  private readonly subscribers = new Set<(event: ForwardsEvent) => void>();
  private next = 1;

  constructor(private readonly deps: ForwardEngineDeps) {}

  /** Starts a forward (validated with the contract's schema: throws PilotError 'Invalid'). */
  start(input: ForwardSpecInput, options: StartOptions = {}): ForwardHandle {
    const parsed = forwardSpec.safeParse(input);
    if (!parsed.success)
      throw new PilotError(
        'Invalid',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    if (this.slots.size >= MAX_FORWARDS)
      throw new PilotError('TooMany', `at most ${MAX_FORWARDS} forwards at once: stop one first`);
    const id = `f-${this.next++}`;
    const slot: Slot = {
      listeners: new Set(),
      timer: undefined,
      forward: undefined as unknown as Forward,
      handle: undefined as unknown as ForwardHandle,
    };
    slot.forward = new Forward(
      id,
      parsed.data,
      options.origin ?? { type: 'manual' },
      options.waitForTarget ?? false,
      {
        watches: this.deps.watches,
        kubeConfig: this.deps.kubeConfig,
        changed: (urgent) => this.changed(slot, urgent),
      },
    );
    slot.handle = {
      id,
      state: () => slot.forward.state(),
      onState: (listener) => {
        slot.listeners.add(listener);
        listener(slot.forward.state());
        return () => slot.listeners.delete(listener);
      },
      settled: () => slot.forward.settled(),
      restart: () => this.restart(id),
      stop: (o) => this.stop(id, o),
    };
    this.slots.set(id, slot);
    slot.forward.start();
    this.publish(slot);
    return slot.handle;
  }

  get(id: string): ForwardHandle | undefined {
    return this.slots.get(id)?.handle;
  }

  list(): ForwardState[] {
    return [...this.slots.values()].map((s) => s.forward.state());
  }

  /** Every forward's changes; replays the current list first. Returns the unsubscribe. */
  subscribe(listener: (event: ForwardsEvent) => void): () => void {
    this.subscribers.add(listener);
    listener({ type: 'upsert', forwards: this.list() });
    return () => this.subscribers.delete(listener);
  }

  async stop(id: string, options: { keep?: boolean } = {}): Promise<void> {
    const slot = this.slot(id);
    await slot.forward.stop();
    if (options.keep) return this.publish(slot);
    clearTimeout(slot.timer);
    this.slots.delete(id);
    slot.listeners.clear();
    for (const s of this.subscribers) s({ type: 'remove', ids: [id] });
  }

  restart(id: string): Promise<ForwardState> {
    return this.slot(id).forward.restart();
  }

  /** Stops (and removes) every forward: the app is closing. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.slots.keys()].map((id) => this.stop(id)));
  }

  private slot(id: string): Slot {
    const slot = this.slots.get(id);
    if (!slot) throw new PilotError('NotFound', `no forward ${id}`);
    return slot;
  }

  private changed(slot: Slot, urgent: boolean): void {
    if (urgent) return this.publish(slot);
    slot.timer ??= setTimeout(() => this.publish(slot), STATE_THROTTLE_MS);
  }

  private publish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    if (this.slots.get(slot.forward.id) !== slot) return;
    const state = slot.forward.state();
    for (const l of slot.listeners) l(state);
    for (const s of this.subscribers) s({ type: 'upsert', forwards: [state] });
  }
}
