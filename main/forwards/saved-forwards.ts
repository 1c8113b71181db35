/**
 * Remembered port-forwards: per context, in Pilothouse's settings file (the `forwards`
 * section of main/platform/preferences.ts, written atomically with the rest). Read
 * entry by entry: an entry that does not validate (hand-edited, from a newer version) is
 * kept verbatim under `unreadable` and written back, never started and never lost; the
 * other entries and the rest of the settings are unaffected.
 * Context names key a Map (a kubeconfig may name a context `__proto__`).
 */
import { z } from 'zod';
import { contextName } from '../../shared/contract/define';
import {
  forwardSpec,
  savedForwardId,
  type ForwardSpec,
  type ForwardSpecInput,
} from '../../shared/contract/forwards';
import { PilotError } from '../../shared/contract/errors';
import { logger } from '../platform/logger';

const log = logger('forwards');

/** The settings file's top-level key. */
export const SECTION = 'forwards';
/** Saved forwards per context: enough for any fleet, small enough to restore quickly. */
export const MAX_SAVED_PER_CONTEXT = 500;
/** Unreadable entries kept verbatim, at most (the oldest are dropped beyond). */
const MAX_UNREADABLE = 100;

const storedEntry = z
  .object({ id: savedForwardId, spec: forwardSpec, autostart: z.boolean() })
  .strict();
export type StoredForward = { id: string; spec: ForwardSpec; autostart: boolean };

interface Section {
  version: 1;
  contexts: Record<string, unknown>;
  unreadable?: unknown[];
}

/** What PreferencesStore offers a feature (kept narrow so tests need no file). */
export interface SettingsSections {
  section(name: string): unknown;
  setSection(name: string, value: unknown): Promise<void>;
}

export class SavedForwardsStore {
  private readonly byContext = new Map<string, StoredForward[]>();
  private unreadable: unknown[] = [];
  private nextId = 1;

  constructor(private readonly settings: SettingsSections) {
    this.read(settings.section(SECTION));
  }

  /** Every context that has saved forwards. */
  contexts(): string[] {
    return [...this.byContext.keys()];
  }

  list(context: string): StoredForward[] {
    return (this.byContext.get(context) ?? []).map((e) => structuredClone(e));
  }

  get(context: string, id: string): StoredForward | undefined {
    const entry = this.byContext.get(context)?.find((e) => e.id === id);
    return entry && structuredClone(entry);
  }

  /**
   * Saves a forward under its spec's context. The same target, port and local side saved
   * twice is one entry (its autostart updated), so "Save" twice does not double it.
   */
  async save(input: ForwardSpecInput, autostart: boolean): Promise<StoredForward> {
    const spec = forwardSpec.parse(input);
    const list = this.byContext.get(spec.context) ?? [];
    const same = list.find((e) => sameForward(e.spec, spec));
    if (same) {
      same.autostart = autostart;
      await this.write();
      return structuredClone(same);
    }
    if (list.length >= MAX_SAVED_PER_CONTEXT)
      throw new PilotError(
        'Invalid',
        `at most ${MAX_SAVED_PER_CONTEXT} saved forwards per context`,
      );
    const entry: StoredForward = { id: this.freshId(), spec, autostart };
    list.push(entry);
    this.byContext.set(spec.context, list);
    await this.write();
    return structuredClone(entry);
  }

  async remove(context: string, id: string): Promise<boolean> {
    const list = this.byContext.get(context);
    const index = list?.findIndex((e) => e.id === id) ?? -1;
    if (!list || index === -1) return false;
    list.splice(index, 1);
    if (list.length === 0) this.byContext.delete(context);
    await this.write();
    return true;
  }

  async setAutostart(context: string, id: string, autostart: boolean): Promise<StoredForward> {
    const entry = this.byContext.get(context)?.find((e) => e.id === id);
    if (!entry) throw new PilotError('NotFound', `no saved forward ${id} in context ${context}`);
    entry.autostart = autostart;
    await this.write();
    return structuredClone(entry);
  }

  private freshId(): string {
    const taken = new Set([...this.byContext.values()].flat().map((e) => e.id));
    let id = `s-${this.nextId++}`;
    while (taken.has(id)) id = `s-${this.nextId++}`;
    return id;
  }

  private read(raw: unknown): void {
    if (raw === undefined) return;
    const section = z
      .object({
        version: z.literal(1),
        contexts: z.custom<object>((v) => typeof v === 'object' && v !== null && !Array.isArray(v)),
        unreadable: z.array(z.unknown()).optional(),
      })
      .safeParse(raw);
    if (!section.success) {
      log.warn('the saved forwards in the settings file are unreadable; kept as they are');
      this.unreadable = [raw];
      return;
    }
    this.unreadable = section.data.unreadable ?? [];
    for (const [context, entries] of Object.entries(section.data.contexts)) {
      if (!contextName.safeParse(context).success || !Array.isArray(entries)) {
        this.unreadable.push({ context, entries });
        continue;
      }
      const list: StoredForward[] = [];
      for (const value of entries) {
        const entry = storedEntry.safeParse(value);
        const ok =
          entry.success &&
          entry.data.spec.context === context &&
          !list.some((e) => e.id === entry.data.id) &&
          list.length < MAX_SAVED_PER_CONTEXT;
        if (ok) list.push(entry.data);
        else this.unreadable.push({ context, entry: value });
      }
      if (list.length > 0) this.byContext.set(context, list);
    }
    if (this.unreadable.length > 0)
      log.warn(`${this.unreadable.length} saved forward(s) unreadable; kept, not started`);
    this.unreadable = this.unreadable.slice(-MAX_UNREADABLE);
  }

  private write(): Promise<void> {
    const section: Section = {
      version: 1,
      // Object.fromEntries defines own properties: a `__proto__` context is a plain key.
      contexts: Object.fromEntries(this.byContext),
      ...(this.unreadable.length > 0 ? { unreadable: this.unreadable } : {}),
    };
    return this.settings.setSection(SECTION, section);
  }
}

function sameForward(a: ForwardSpec, b: ForwardSpec): boolean {
  return (
    a.context === b.context &&
    a.namespace === b.namespace &&
    a.kind === b.kind &&
    a.name === b.name &&
    a.port === b.port &&
    a.localPort === b.localPort &&
    a.address === b.address
  );
}
