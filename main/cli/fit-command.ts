/**
 * `pilothouse fit`: "where can this pod run", on the app's engine and fit service
 * (main/scheduling/). The matrix (nodes × the scheduler's filters) and the summary line on
 * stdout, or with -o json one object ({ summary, feasible, nodes: [{ name, fits, reasons,
 * … }], … }). Exit codes: 0 some node fits, 3 none does, 2 bad input (a target or manifest
 * that cannot be read), 1 cluster errors, as `pilothouse logs`. Everything that comes from
 * the cluster (names, reasons, event messages) goes through terminal-text.ts.
 */
import { readFile } from 'node:fs/promises';
import { PilotError } from '../../shared/contract/errors';
import type { FitAnswer, FitKind } from '../../shared/contract/scheduling';
import type { FilterResult } from '../../shared/scheduling/types';
import { FILTER_ORDER } from '../../shared/scheduling/types';
import { startServices } from '../app';
import { chooseCliContext } from './cli-context';
import { fitManifest, fitTarget, parseManifest } from '../scheduling/fit-service';
import { jsonSafe, terminalSafe } from './terminal-text';

/** Exit codes of `pilothouse fit`. */
export const FIT_EXIT = { fits: 0, cluster: 1, badInput: 2, noFit: 3 } as const;
/** A manifest file is at most this big (the what-if channel's limit). */
const MAX_MANIFEST_BYTES = 256 * 1024;

/** Bad input: printed as one message, exit code 2. */
export class FitInputError extends Error {}
/** A cluster-side failure the user can act on (no context, …): exit code 1. */
export class FitClusterError extends Error {}

const TARGET_KINDS: Record<string, FitKind> = {
  po: 'pods',
  pod: 'pods',
  pods: 'pods',
  deploy: 'deployments',
  deployment: 'deployments',
  deployments: 'deployments',
  sts: 'statefulsets',
  statefulset: 'statefulsets',
  statefulsets: 'statefulsets',
  ds: 'daemonsets',
  daemonset: 'daemonsets',
  daemonsets: 'daemonsets',
  job: 'jobs',
  jobs: 'jobs',
};

export function parseTarget(text: string): { kind: FitKind; name: string } {
  const slash = text.indexOf('/');
  const kind = slash > 0 ? TARGET_KINDS[text.slice(0, slash).toLowerCase()] : undefined;
  const name = slash > 0 ? text.slice(slash + 1) : '';
  if (!kind || !/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name))
    throw new FitInputError(
      `"${text}" is not a target: use pod/NAME, deploy/NAME, sts/NAME, ds/NAME or job/NAME (or -f FILE)`,
    );
  return { kind, name };
}

export interface FitCommandOptions {
  target?: string;
  file?: string;
  namespace?: string;
  context?: string;
  kubeconfig?: string;
  output: 'text' | 'json';
}

const safe = (text: string) => terminalSafe(text, 'escape');

function cell(result: FilterResult): string {
  switch (result.outcome) {
    case 'pass':
      return 'ok';
    case 'fail':
      return 'FAIL';
    case 'skipped':
      return 'skip';
    case 'not-run':
      return result.wouldFail ? '(fail)' : '-';
  }
}

/** The matrix, the per-node reasons, the summary and what the engine cannot judge. */
export function formatFitText(answer: FitAnswer): string {
  const { result } = answer;
  const header = ['NODE', 'FITS', ...FILTER_ORDER];
  const rows = result.nodes.map((node) => [
    safe(node.name),
    node.fits ? 'yes' : 'no',
    ...FILTER_ORDER.map((f) => {
      const r = node.filters.find((x) => x.filter === f);
      return r ? cell(r) : '-';
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(header), ...rows.map(line)];
  const failing = result.nodes.filter((n) => !n.fits);
  if (failing.length > 0) {
    out.push('', 'Why not:');
    for (const node of failing)
      out.push(`  ${safe(node.name)}: ${safe(node.reasons.join('; ') || 'rejected')}`);
  }
  if (result.preFilter) out.push('', `Rejected before any node: ${safe(result.preFilter.message)}`);
  for (const note of result.cannotJudge)
    out.push(`Cannot judge (${note.code}): ${safe(note.message)}`);
  out.push('', safe(result.summary));
  if (answer.scheduler) {
    out.push(
      `Scheduler${answer.scheduler.at ? ` (${safe(answer.scheduler.at)})` : ''}: ${safe(answer.scheduler.comparable)}${answer.scheduler.differs ? '  [differs]' : '  [same]'}`,
    );
  }
  return out.join('\n') + '\n';
}

/** The -o json object: the engine's result at the top, the subject without its spec. */
export function fitJson(answer: FitAnswer): string {
  const { spec: _spec, ...subject } = answer.subject;
  const { summary, feasible, nodes, cannotJudge, preferences, preFilter } = answer.result;
  return (
    jsonSafe(
      JSON.stringify({
        summary,
        feasible,
        nodes,
        ...(preFilter ? { preFilter } : {}),
        cannotJudge,
        preferences,
        subject,
        scheduler: answer.scheduler,
        warnings: answer.warnings,
      }),
    ) + '\n'
  );
}

async function readManifest(file: string): Promise<string> {
  try {
    const data = file === '-' ? await readStdin() : await readFile(file);
    if (data.length > MAX_MANIFEST_BYTES)
      throw new FitInputError(`${file}: larger than ${MAX_MANIFEST_BYTES / 1024} KiB`);
    return data.toString('utf8');
  } catch (error) {
    if (error instanceof FitInputError) throw error;
    throw new FitInputError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > MAX_MANIFEST_BYTES) break;
  }
  return Buffer.concat(chunks);
}

/** Runs one fit; returns the exit code (0 fits, 3 no node fits). Throws the others. */
export async function runFit(options: FitCommandOptions): Promise<number> {
  if (!options.target === !options.file)
    throw new FitInputError('give one target (pod/NAME, deploy/NAME, …) or -f FILE');
  const target = options.target ? parseTarget(options.target) : undefined;
  let manifest: string | undefined;
  let declared: string | undefined;
  if (options.file) {
    manifest = await readManifest(options.file);
    try {
      const doc = parseManifest(manifest) as { metadata?: { namespace?: unknown } } | null;
      if (typeof doc?.metadata?.namespace === 'string') declared = doc.metadata.namespace;
    } catch (error) {
      throw new FitInputError(`${options.file}: ${(error as Error).message}`);
    }
  }
  const app = await startServices({
    mode: 'cli',
    ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
    watchKubeconfig: false,
    loadSettings: false,
    settingsDir: '',
    version: '',
  });
  try {
    const { context, kubeConfig, contextNamespace } = chooseCliContext(
      app,
      options.context,
      (message) => new FitClusterError(message),
    );
    const namespace = options.namespace ?? declared ?? contextNamespace;
    const deps = { watches: app.watches, kubeConfig: () => kubeConfig };
    const signal = new AbortController().signal;
    let answer: FitAnswer;
    try {
      answer = target
        ? await fitTarget(deps, { context, ...target, namespace }, signal)
        : await fitManifest(deps, { context, namespace, manifest: manifest! }, signal);
    } catch (error) {
      // The manifest's own problems are bad input; everything else came from the cluster.
      if (error instanceof PilotError && error.code === 'Invalid' && !target)
        throw new FitInputError(`${options.file}: ${error.message}`);
      throw error;
    }
    for (const warning of answer.warnings) process.stderr.write(safe(`warning: ${warning}`) + '\n');
    process.stdout.write(options.output === 'json' ? fitJson(answer) : formatFitText(answer));
    return answer.result.feasible.length > 0 ? FIT_EXIT.fits : FIT_EXIT.noFit;
  } finally {
    app.watches.stopAll();
    app.connections.stop();
  }
}
