/**
 * Saved forwards put to work: saving starts one (when asked), "start automatically" ones
 * are restored when the app starts, start/stop all act on a context's forwards. Bulk
 * operations start at most BULK_CONCURRENCY forwards at once; the engine shares one pod
 * watch per (context, namespace) between all of them, so 50 forwards to one namespace
 * cost one watch, not 50. A saved forward's running forward is found by its origin
 * ({ type: 'saved', savedId }), so nothing here can disagree with the engine.
 *
 * Stopping a saved forward is the user's choice: `forward.stop` with `keep` leaves it
 * saved and listed as stopped; without `keep` it is removed, and so is the saved entry
 * (it is forgotten). Stops the fleet makes itself (remove, restart, stop all, which the
 * contract says keeps saved forwards saved) and the app closing forget nothing.
 */
import type {
  BulkOutcome,
  ForwardSpecInput,
  ForwardState,
  SavedForward,
} from '../../shared/contract/forwards';
import { targetText } from '../../shared/forwards/state-text';
import { PilotError } from '../../shared/contract/errors';
import { logger } from '../platform/logger';
import { BULK_CONCURRENCY, mapBounded } from './bounded';
import type { FleetEngine } from './fleet-engine';
import type { SavedForwardsStore, StoredForward } from './saved-forwards';

const log = logger('forwards');
/** Failures listed by a bulk outcome, at most. */
const MAX_FAILURES = 20;

export class SavedForwardFleet {
  /** Running forwards started from a saved entry: forward id -> where it was saved. */
  private readonly started = new Map<string, { context: string; savedId: string }>();
  /** Forward ids the fleet is stopping itself: their removal forgets nothing. */
  private readonly ownStops = new Set<string>();
  private closing = false;

  constructor(
    private readonly store: SavedForwardsStore,
    private readonly engine: FleetEngine,
  ) {
    engine.subscribe((event) => {
      if (event.type === 'upsert') {
        for (const f of event.forwards)
          if (f.origin.type === 'saved')
            this.started.set(f.id, { context: f.spec.context, savedId: f.origin.savedId });
        return;
      }
      for (const id of event.ids) this.forwardRemoved(id);
    });
  }

  /** The app is closing: its forwards stop, the saved ones stay saved. */
  close(): void {
    this.closing = true;
  }

  private forwardRemoved(id: string): void {
    const saved = this.started.get(id);
    this.started.delete(id);
    if (this.ownStops.delete(id) || this.closing || !saved) return;
    // The user stopped it without keeping it: forget the saved entry too.
    this.store.remove(saved.context, saved.savedId).catch((error: unknown) => {
      log.warn(`cannot forget saved forward ${saved.savedId}`, error);
    });
  }

  /** Stops a forward on the fleet's own account (the saved entry is not forgotten). */
  private async stopOwn(id: string, keep: boolean): Promise<void> {
    if (!keep) this.ownStops.add(id);
    try {
      await this.engine.stop(id, keep);
    } finally {
      // The engine announces the removal before stop() resolves: the mark is spent.
      this.ownStops.delete(id);
    }
  }

  list(context: string): SavedForward[] {
    return this.store.list(context).map((entry) => this.withForward(context, entry));
  }

  async save(spec: ForwardSpecInput, autostart: boolean, start: boolean): Promise<SavedForward> {
    const entry = await this.store.save(spec, autostart);
    if (start && !this.running(entry.spec.context, entry.id)) await this.startOne(entry);
    return this.withForward(entry.spec.context, entry);
  }

  async remove(context: string, id: string): Promise<void> {
    const forward = this.running(context, id);
    if (forward) await this.stopOwn(forward.id, false);
    if (!(await this.store.remove(context, id)))
      throw new PilotError('NotFound', `no saved forward ${id} in context ${context}`);
  }

  async setAutostart(context: string, id: string, autostart: boolean): Promise<SavedForward> {
    return this.withForward(context, await this.store.setAutostart(context, id, autostart));
  }

  /** Starts every saved forward of `context` that is not running (a kept, stopped one too). */
  startAll(context: string, signal?: AbortSignal): Promise<BulkOutcome> {
    return this.startMany(this.store.list(context), signal);
  }

  /** At app start: every "start automatically" forward of every context. */
  restore(signal?: AbortSignal): Promise<BulkOutcome> {
    const entries = this.store
      .contexts()
      .flatMap((context) => this.store.list(context).filter((e) => e.autostart));
    return this.startMany(entries, signal).then((outcome) => {
      if (outcome.failures.length > 0)
        log.warn(`restored ${outcome.done} saved forwards; failed: ${outcome.failures.join('; ')}`);
      return outcome;
    });
  }

  /** Stops every running forward (of `context`, or all), kept as stopped or removed. */
  async stopAll(context: string | undefined, keep: boolean): Promise<BulkOutcome> {
    const forwards = this.engine
      .list()
      .filter(
        (f) => f.phase !== 'stopped' && (context === undefined || f.spec.context === context),
      );
    const outcomes = await mapBounded(forwards, BULK_CONCURRENCY, (f) => this.stopOwn(f.id, keep));
    return summarize(outcomes, (i) => forwards[i]!.target);
  }

  private async startMany(entries: StoredForward[], signal?: AbortSignal): Promise<BulkOutcome> {
    const todo = entries.filter((e) => {
      const f = this.running(e.spec.context, e.id);
      return !f || f.phase === 'stopped';
    });
    const outcomes = await mapBounded(
      todo,
      BULK_CONCURRENCY,
      async (entry) => {
        const state = await this.startOne(entry, signal);
        if (state.phase === 'failed' || state.phase === 'forbidden') throw new Error(state.state);
      },
      signal,
    );
    return summarize(outcomes, (i) => targetText(todo[i]!.spec));
  }

  private async startOne(entry: StoredForward, signal?: AbortSignal): Promise<ForwardState> {
    // A forward kept as stopped is replaced by a fresh one (same spec, same origin).
    const kept = this.running(entry.spec.context, entry.id);
    if (kept) await this.stopOwn(kept.id, false);
    return this.engine.start(entry.spec, { type: 'saved', savedId: entry.id }, signal);
  }

  private running(context: string, savedId: string): ForwardState | undefined {
    return this.engine
      .list()
      .find(
        (f) =>
          f.origin.type === 'saved' && f.origin.savedId === savedId && f.spec.context === context,
      );
  }

  private withForward(context: string, entry: StoredForward): SavedForward {
    return { ...entry, forwardId: this.running(context, entry.id)?.id ?? null };
  }
}

function summarize(
  outcomes: Array<{ ok: boolean; error?: unknown }>,
  label: (index: number) => string,
): BulkOutcome {
  const failures: string[] = [];
  outcomes.forEach((o, i) => {
    if (!o.ok && failures.length < MAX_FAILURES)
      failures.push(`${label(i)}: ${o.error instanceof Error ? o.error.message : String(o.error)}`);
  });
  return { done: outcomes.filter((o) => o.ok).length, failures };
}
