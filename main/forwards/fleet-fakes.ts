/**
 * Test doubles for the fleet's unit tests: an engine that "binds" in a table of taken
 * addresses (so port-in-use fallbacks can be checked without sockets or a cluster) and a
 * watch registry the test drives by hand. The real engine and caches are covered by the
 * integration tests (e2e/integration/forwards-fleet*.test.ts).
 */
import type {
  ForwardOrigin,
  ForwardsEvent,
  ForwardSpecInput,
  ForwardState,
} from '../../shared/contract/forwards';
import { forwardSpec } from '../../shared/contract/forwards';
import type { CacheListener, Projected, Projection } from '../watch/watch-cache';
import type { FleetEngine } from './fleet-engine';

export class FakeEngine implements FleetEngine {
  readonly forwards = new Map<string, ForwardState>();
  /** "address:port" bound by someone else. */
  readonly taken = new Set<string>();
  /** Targets (namespace/name) that make a start fail as forbidden. */
  readonly forbidden = new Set<string>();
  readonly listeners = new Set<(event: ForwardsEvent) => void>();
  starts = 0;
  private next = 1;
  private nextFree = 40_000;

  async start(input: ForwardSpecInput, origin: ForwardOrigin): Promise<ForwardState> {
    this.starts++;
    const spec = forwardSpec.parse(input);
    const id = `f-${this.next++}`;
    const wanted =
      typeof spec.localPort === 'number'
        ? spec.localPort
        : typeof spec.port === 'number'
          ? spec.port
          : 0;
    let port: number | null = wanted === 0 ? this.nextFree++ : wanted;
    let phase: ForwardState['phase'] = 'active';
    let state = `Active (pod ${spec.name}-0, 0 connections)`;
    if (this.taken.has(`${spec.address}:${port}`)) {
      state = `Failed: local port ${port} is in use`;
      phase = 'failed';
      port = null;
    } else if (this.forbidden.has(`${spec.namespace}/${spec.name}`)) {
      state = 'Forbidden: pods "x" is forbidden';
      phase = 'forbidden';
    }
    if (port !== null) this.taken.add(`${spec.address}:${port}`);
    const forward: ForwardState = {
      id,
      spec,
      localAddress: port === null ? spec.address : `${spec.address}:${port}`,
      localPort: port,
      target: `${spec.namespace}/${spec.kind}/${spec.name}:${spec.port}`,
      pod: phase === 'active' ? `${spec.name}-0` : null,
      podPort: null,
      phase,
      state,
      connections: 0,
      totalConnections: 0,
      bytesIn: 0,
      bytesOut: 0,
      lastError: null,
      lastErrorAt: null,
      warning: null,
      startedAt: new Date(0).toISOString(),
      origin,
    };
    this.forwards.set(id, forward);
    this.emit({ type: 'upsert', forwards: [forward] });
    return structuredClone(forward);
  }

  async stop(id: string, keep: boolean): Promise<void> {
    const forward = this.forwards.get(id);
    if (!forward) return;
    if (forward.localPort !== null)
      this.taken.delete(`${forward.spec.address}:${forward.localPort}`);
    if (keep) {
      Object.assign(forward, { phase: 'stopped', state: 'Stopped', localPort: null, pod: null });
      this.emit({ type: 'upsert', forwards: [forward] });
    } else {
      this.forwards.delete(id);
      this.emit({ type: 'remove', ids: [id] });
    }
  }

  list(): ForwardState[] {
    return [...this.forwards.values()].map((f) => structuredClone(f));
  }

  subscribe(listener: (event: ForwardsEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ForwardsEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** A WatchRegistry whose one listener per key the test feeds. */
export class FakeWatches {
  readonly listeners = new Map<string, CacheListener<Projected>>();

  subscribe<R extends Projected>(
    context: string,
    kind: Projection<R>,
    namespace: string | undefined,
    listener: CacheListener<R>,
  ): () => void {
    const key = `${context}/${kind.id}/${namespace ?? ''}`;
    this.listeners.set(key, listener as unknown as CacheListener<Projected>);
    return () => this.listeners.delete(key);
  }

  listener<R extends Projected>(key: string): CacheListener<R> {
    const found = this.listeners.get(key);
    if (!found) throw new Error(`nobody watches ${key}`);
    return found as unknown as CacheListener<R>;
  }
}
