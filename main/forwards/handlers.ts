/**
 * The single-forward channels of shared/contract/forwards.ts wired to the engine; the saved
 * and namespace channels come from fleet-handlers.ts (one line below). Inputs arrive
 * validated by the dispatcher.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { ForwardState, forwardsChannels } from '../../shared/contract/forwards';
import type { HandlersFor } from '../rpc/handler-types';
import type { ForwardEngine } from './engine';
import { fleetHandlers, type FleetDeps } from './fleet-handlers';
import { targetPorts } from './target-ports';

export interface ForwardDeps extends FleetDeps {
  engine: ForwardEngine;
  kubeConfig(context: string): KubeConfig;
}

/** Coalesces by id while the renderer holds the stream back (one entry per forward). */
function watchForwards(
  engine: ForwardEngine,
  sink: Parameters<HandlersFor<'forwards.watch'>['forwards.watch']>[1],
  signal: AbortSignal,
): void {
  const queued = new Map<string, ForwardState | null>();
  let flushing = false;
  const flush = async () => {
    if (flushing) return;
    flushing = true;
    try {
      while (queued.size > 0 && !signal.aborted) {
        await sink.writable();
        if (signal.aborted) return;
        const upserts: ForwardState[] = [];
        const removed: string[] = [];
        for (const [id, state] of queued) {
          if (state) upserts.push(state);
          else removed.push(id);
        }
        queued.clear();
        if (upserts.length > 0) sink.emit({ type: 'upsert', forwards: upserts });
        if (removed.length > 0) sink.emit({ type: 'remove', ids: removed });
      }
    } finally {
      flushing = false;
    }
  };
  const unsubscribe = engine.subscribe((event) => {
    if (event.type === 'upsert') for (const f of event.forwards) queued.set(f.id, f);
    else for (const id of event.ids) queued.set(id, null);
    void flush();
  });
  signal.addEventListener(
    'abort',
    () => {
      unsubscribe();
      sink.end();
    },
    { once: true },
  );
}

export function forwardHandlers(deps: ForwardDeps): HandlersFor<keyof typeof forwardsChannels> {
  const { engine } = deps;
  return {
    'forwards.watch': (_input, sink, signal) => watchForwards(engine, sink, signal),
    'forward.start': async (input) => engine.start(input).settled(),
    'forward.stop': async (input) => {
      await engine.stop(input.id, { keep: input.keep });
      return { stopped: true };
    },
    'forward.restart': (input) => engine.restart(input.id),
    'forward.ports': (input, signal) => targetPorts(deps.kubeConfig(input.context), input, signal),
    // --- saved and namespace forwards (fwd-fleet) ---
    ...fleetHandlers(deps),
  };
}
