/**
 * Merges kubeconfig files the way kubectl does, not the way client-node does:
 * - files are taken in order (the KUBECONFIG list, or the single default file);
 * - for clusters, users and contexts, the first file that defines a name wins;
 *   within one file a repeated name keeps the later entry (client-go's conversion does);
 * - current-context comes from the first file that sets a non-empty one;
 * - missing files are skipped; a file that cannot be parsed is reported with its path and
 *   reason, and the other files keep working (kubectl would refuse all of them);
 * - a file is hostile input: YAML aliases are capped (MAX_YAML_ALIASES), so an alias bomb
 *   ("billion laughs") is refused instead of expanding into gigabytes; the size limit is
 *   applied where the file is read (main/cluster/kubeconfig-read.ts);
 * - credentials never leave this module's merged form: the summary the renderer sees
 *   carries server URLs without user:password.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import type { ContextSummary, KubeconfigFileReport } from '../contract/cluster';
import { redactServer } from './server-url';

/** A file as main read it from disk. */
export type KubeconfigSource =
  | { path: string; text: string }
  | { path: string; missing: true }
  | { path: string; readError: string };

/** A named entry and the file it came from (relative paths inside resolve against it). */
export interface Sourced<T> {
  name: string;
  source: string;
  value: T;
}

export type KubeEntry = Record<string, unknown>;

export interface ContextEntry {
  cluster: string;
  user: string;
  namespace?: string;
}

export interface MergedKubeconfig {
  files: KubeconfigFileReport[];
  clusters: Map<string, Sourced<KubeEntry>>;
  users: Map<string, Sourced<KubeEntry>>;
  contexts: Map<string, Sourced<ContextEntry>>;
  currentContext?: string;
}

const entry = z.record(z.string(), z.unknown());
const name = z.string().min(1);
const fileShape = z.object({
  clusters: z.array(z.object({ name, cluster: entry.nullish() })).nullish(),
  users: z.array(z.object({ name, user: entry.nullish() })).nullish(),
  contexts: z
    .array(
      z.object({
        name,
        context: z
          .object({
            cluster: z.string().default(''),
            user: z.string().default(''),
            namespace: z.string().optional(),
          })
          .nullish(),
      }),
    )
    .nullish(),
  'current-context': z.string().nullish(),
});
type FileShape = z.infer<typeof fileShape>;

/**
 * Alias resolutions allowed per file (the yaml package counts an alias by the size of the
 * node it repeats). Kubeconfigs written by tools use none; hand-written ones a few.
 */
export const MAX_YAML_ALIASES = 100;

/** Parses one file's text; throws an Error whose message says what is wrong. */
export function parseKubeconfig(text: string): FileShape {
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: MAX_YAML_ALIASES }) ?? {};
  } catch (error) {
    const first = (error as Error).message.split('\n')[0] ?? '';
    if (/alias count/i.test(first)) {
      throw new Error(
        `refused: its YAML aliases expand to more than ${MAX_YAML_ALIASES} nodes (an alias bomb?)`,
        { cause: error },
      );
    }
    // Only the first line: the rest of the parser's message quotes the file's text.
    throw new Error(`not valid YAML: ${first}`, { cause: error });
  }
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new Error('not a kubeconfig: the top level must be a mapping');
  }
  const result = fileShape.safeParse(document);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || 'top level';
    throw new Error(`not a kubeconfig: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

export function mergeKubeconfigs(sources: KubeconfigSource[]): MergedKubeconfig {
  const merged: MergedKubeconfig = {
    files: [],
    clusters: new Map(),
    users: new Map(),
    contexts: new Map(),
  };
  const seen = new Set<string>();

  for (const source of sources) {
    // kubectl dedupes the list; a repeated path would add nothing anyway.
    if (seen.has(source.path)) continue;
    seen.add(source.path);

    if ('missing' in source) {
      merged.files.push({ path: source.path, status: 'missing' });
      continue;
    }
    if ('readError' in source) {
      merged.files.push({ path: source.path, status: 'error', error: source.readError });
      continue;
    }
    let file: FileShape;
    try {
      file = parseKubeconfig(source.text);
    } catch (error) {
      merged.files.push({ path: source.path, status: 'error', error: (error as Error).message });
      continue;
    }
    merged.files.push({ path: source.path, status: 'loaded' });

    addFirstWins(merged.clusters, source.path, file.clusters, (e) => e.cluster ?? {});
    addFirstWins(merged.users, source.path, file.users, (e) => e.user ?? {});
    addFirstWins(merged.contexts, source.path, file.contexts, (e) => {
      const c = e.context ?? { cluster: '', user: '' };
      return c.namespace ? c : { cluster: c.cluster, user: c.user };
    });
    if (!merged.currentContext && file['current-context']) {
      merged.currentContext = file['current-context'];
    }
  }
  return merged;
}

function addFirstWins<E extends { name: string }, T>(
  into: Map<string, Sourced<T>>,
  source: string,
  entries: E[] | null | undefined,
  value: (entry: E) => T,
): void {
  // Within one file the later entry wins, so collect the file first, then merge it in.
  const fromThisFile = new Map<string, T>();
  for (const e of entries ?? []) fromThisFile.set(e.name, value(e));
  for (const [name, v] of fromThisFile) {
    if (!into.has(name)) into.set(name, { name, source, value: v });
  }
}

/** The credential-free view of every context, sorted by name. */
export function summarizeContexts(merged: MergedKubeconfig): ContextSummary[] {
  return [...merged.contexts.values()]
    .map(({ name, source, value }) => {
      const cluster = merged.clusters.get(value.cluster);
      const problems: string[] = [];
      if (!value.cluster) problems.push('the context names no cluster');
      else if (!cluster) problems.push(`cluster "${value.cluster}" is not defined in any file`);
      if (value.user && !merged.users.has(value.user)) {
        problems.push(`user "${value.user}" is not defined in any file`);
      }
      const server = cluster?.value['server'];
      const summary: ContextSummary = {
        name,
        cluster: value.cluster,
        user: value.user,
        source,
        problems,
      };
      if (value.namespace) summary.namespace = value.namespace;
      if (typeof server === 'string') summary.server = redactServer(server);
      return summary;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
