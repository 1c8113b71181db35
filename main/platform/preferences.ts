/**
 * Pilothouse's own settings file (never the user's kubeconfig): the last context and, per
 * context, the namespace choice and hand-added namespaces. Written atomically; a corrupt
 * file is set aside with a warning rather than crashing or being silently overwritten.
 * Context names are whatever a kubeconfig says, `__proto__` and `constructor` included, so
 * they key a Map, never a plain object: zod's record would drop a `__proto__` key and an
 * assignment to it would replace the object's prototype.
 *
 * Features keep their own top-level sections in the same file (e.g. `forwards`, the
 * remembered port-forwards): kept verbatim here and validated by their owner on read, so
 * a broken section loses only what is broken in it, and a set-aside file keeps them.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { namespaceName } from '../../shared/contract/define';
import type { ContextPreferences, NamespaceChoice } from '../../shared/contract/cluster';
import { logger } from './logger';

const log = logger('preferences');

const contextSchema = z.object({
  choice: z.union([
    z.object({ all: z.literal(true) }),
    z.object({ all: z.literal(false), namespaces: z.array(namespaceName) }),
  ]),
  addedNamespaces: z.array(namespaceName),
});
/** `contexts` is checked entry by entry (see {@link readContexts}), not with z.record. */
const fileSchema = z.object({
  version: z.literal(1),
  lastContext: z.string().optional(),
  contexts: z.custom<object>((v) => typeof v === 'object' && v !== null && !Array.isArray(v)),
});

interface Settings {
  lastContext?: string;
  contexts: Map<string, ContextPreferences>;
}

/** Top-level keys that are this store's own; every other key is a feature's section. */
const ownKeys = new Set(['version', 'lastContext', 'contexts']);

const defaults = (): ContextPreferences => ({ choice: { all: true }, addedNamespaces: [] });

export class PreferencesStore {
  private data: Settings = { contexts: new Map() };
  /** Features' sections (parsed JSON, unchecked here), by top-level key. */
  private readonly sections = new Map<string, unknown>();
  private writing: Promise<void> = Promise.resolve();
  readonly file: string;

  constructor(directory: string) {
    this.file = path.join(directory, 'settings.json');
  }

  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        log.warn(`cannot read ${this.file}`, error);
      return;
    }
    const parsed = safeJson(text);
    this.readSections(parsed);
    const result = fileSchema.safeParse(parsed);
    const contexts = result.success ? readContexts(result.data.contexts) : undefined;
    if (result.success && contexts) {
      this.data = { contexts };
      if (result.data.lastContext !== undefined) this.data.lastContext = result.data.lastContext;
      return;
    }
    const aside = `${this.file}.corrupt-${Date.now()}`;
    log.warn(`${this.file} is not a valid settings file; moved aside to ${aside}`);
    await rename(this.file, aside).catch(() => undefined);
    // What the features' sections held is still good: write it back at once.
    if (this.sections.size > 0) await this.save();
  }

  /** Resolves when every queued write has reached the disk (called on shutdown). */
  flush(): Promise<void> {
    return this.writing;
  }

  /** A feature's section as read from the file (JSON, unchecked), or undefined. */
  section(name: string): unknown {
    return this.sections.get(name);
  }

  /** Replaces a feature's section (any JSON value) and writes the file. */
  async setSection(name: string, value: unknown): Promise<void> {
    if (ownKeys.has(name)) throw new Error(`settings section "${name}" is reserved`);
    this.sections.set(name, structuredClone(value));
    await this.save();
  }

  private readSections(parsed: unknown): void {
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return;
    for (const [key, value] of Object.entries(parsed))
      if (!ownKeys.has(key)) this.sections.set(key, value);
  }

  lastContext(): string | undefined {
    return this.data.lastContext;
  }

  forContext(context: string): ContextPreferences {
    const stored = this.data.contexts.get(context);
    return stored ? structuredClone(stored) : defaults();
  }

  async setLastContext(context: string): Promise<void> {
    if (this.data.lastContext === context) return;
    this.data.lastContext = context;
    await this.save();
  }

  async setChoice(context: string, choice: NamespaceChoice): Promise<ContextPreferences> {
    const prefs = this.forContext(context);
    prefs.choice = choice.all
      ? { all: true }
      : { all: false, namespaces: [...new Set(choice.namespaces)].sort() };
    this.data.contexts.set(context, prefs);
    await this.save();
    return structuredClone(prefs);
  }

  async editAdded(
    context: string,
    namespace: string,
    op: 'add' | 'remove',
  ): Promise<ContextPreferences> {
    const prefs = this.forContext(context);
    const added = new Set(prefs.addedNamespaces);
    if (op === 'add') added.add(namespace);
    else added.delete(namespace);
    prefs.addedNamespaces = [...added].sort();
    if (op === 'remove' && !prefs.choice.all) {
      prefs.choice = {
        all: false,
        namespaces: prefs.choice.namespaces.filter((n) => n !== namespace),
      };
    }
    this.data.contexts.set(context, prefs);
    await this.save();
    return structuredClone(prefs);
  }

  /** Writes are queued so two quick changes cannot land out of order. */
  private save(): Promise<void> {
    // Object.fromEntries defines own properties, so `__proto__` is written as a plain key.
    const file = {
      ...Object.fromEntries(this.sections),
      version: 1,
      ...(this.data.lastContext !== undefined ? { lastContext: this.data.lastContext } : {}),
      contexts: Object.fromEntries(this.data.contexts),
    };
    const snapshot = JSON.stringify(file, null, 2);
    this.writing = this.writing.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, snapshot, { mode: 0o600 });
      await rename(temp, this.file);
    });
    return this.writing;
  }
}

/** Every own key of the parsed object (JSON.parse keeps `__proto__` as one), each checked. */
function readContexts(contexts: object): Map<string, ContextPreferences> | undefined {
  const out = new Map<string, ContextPreferences>();
  for (const [name, value] of Object.entries(contexts)) {
    const entry = contextSchema.safeParse(value);
    if (!entry.success) return undefined;
    out.set(name, entry.data);
  }
  return out;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
