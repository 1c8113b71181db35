/**
 * `pilothouse logs`: the log engine of the app, printing to stdout. It follows until
 * interrupted, waits for stdout (a pipe to a slow reader) instead of buffering without
 * bound, and says how many lines it had to skip if the reader fell a whole buffer behind.
 */
import type { LogSource } from '../../shared/contract/logs';
import type { ScopeStatus } from '../../shared/contract/resources';
import { PilotError } from '../../shared/contract/errors';
import { startServices } from '../app';
import { parseLogQuery, startLogSession } from '../logs/start-session';
import { formatLine, formatSkipped } from './format';
import { sortByTime } from '../logs/by-time';
import { sourceLabel } from '../../shared/logs/format-line';
import { startRingPump } from '../logs/ring-pump';
import { terminalSafe } from './terminal-text';
import { chooseCliContext } from './cli-context';

/** A message that quotes the cluster (an API error, a waiting reason): shown, never obeyed. */
function warn(message: string): void {
  process.stderr.write(terminalSafe(message, 'escape') + '\n');
}

export interface LogsCommandOptions {
  query: string;
  context?: string;
  kubeconfig?: string;
  allNamespaces: boolean;
  output: 'text' | 'json';
  timestamps: boolean;
  /** Print each line's text as it came (no escaping of terminal controls). */
  raw?: boolean;
  bufferLines?: number;
}

/** A failure the user can act on; printed as one message, exit code 1. */
export class CliError extends Error {}

const MAX_WRITE_LINES = 10_000;
/** Text per write (UTF-16 code units), so 64 KiB lines make no 600 MiB string. */
const MAX_WRITE_TEXT_UNITS = 4 * 1024 * 1024;
const WRITE_MS = 20;
const FIRST_WRITE_MS = 400;
const DEFAULT_TAIL_LINES = 10;

export async function runLogs(options: LogsCommandOptions): Promise<void> {
  const app = await startServices({
    mode: 'cli',
    ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
    // One run reads the kubeconfig once and keeps no settings: nothing is watched, and the
    // settings folder and version (reported only by app.info) are not used.
    watchKubeconfig: false,
    loadSettings: false,
    settingsDir: '',
    version: '',
  });
  const { context, kubeConfig, contextNamespace } = chooseCliContext(
    app,
    options.context,
    (message) => new CliError(message),
  );
  // Stopping the watches (below) is all of app.stop() that applies: no file is watched and
  // no settings are written.
  const { watches } = app;

  const sources = new Map<number, LogSource>();
  const stdout = process.stdout;
  const noColor = Boolean(process.env['NO_COLOR']);
  const color = options.output === 'text' && stdout.isTTY === true && !noColor;
  // Whether stdout is a terminal or not, the text is made safe for one (a file or a pipe is
  // often shown on a terminal later): only --raw prints controls as they came.
  const format = {
    ...options,
    color,
    raw: options.raw === true,
    workloadColour: noColor ? ('strip' as const) : ('keep' as const),
  };
  let settle: (error?: Error) => void = () => {};
  const finished = new Promise<void>((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve());
  });

  const session = startLogSession(
    {
      watches,
      context,
      kubeConfig: () => kubeConfig,
      query: options.query,
      // kail: selectors without ns: look everywhere; no selector at all means the
      // context's namespace (the app uses its namespace picker instead).
      current: options.allNamespaces || hasSelectors(options.query) ? 'all' : [contextNamespace],
      defaultTail: DEFAULT_TAIL_LINES,
      ...(options.bufferLines ? { bufferLines: options.bufferLines } : {}),
    },
    {
      onSources: (changed) => {
        for (const source of changed) {
          sources.set(source.id, source);
          if (source.state === 'forbidden' || source.state === 'error')
            warn(`${sourceLabel(source)}: ${source.message ?? source.state}`);
        }
      },
      onScope: (namespace, status) => onScope(namespace, status),
      onLines: () => scheduleWrite(),
    },
  );

  const where = (namespace: string) => (namespace ? `namespace ${namespace}` : 'all namespaces');
  const started = new Set<string>();
  function onScope(namespace: string, status: ScopeStatus): void {
    if (status.phase === 'ready') {
      started.add(namespace);
      setTimeout(() => {
        if (sources.size === 0)
          process.stderr.write(
            `no containers match yet in ${where(namespace)}; waiting for pods\n`,
          );
      }, 1000).unref();
      return;
    }
    if (status.phase === 'loading') return;
    // Refusals and failures before the first list are fatal: the user asked for
    // something this context cannot give. Later breaks are reconnected quietly.
    const hint =
      status.phase === 'forbidden' && !namespace
        ? '\n  (name the namespaces you may read: ns:<name> or --ns <name>)'
        : '';
    if (status.phase === 'forbidden' || !started.has(namespace))
      settle(new CliError(`${where(namespace)}: ${status.message}${hint}`));
    else warn(`${where(namespace)}: ${status.message} (reconnecting)`);
  }

  // Lines are written in small batches sorted by time; the first waits for every
  // container's history, so it comes out interleaved as it happened.
  // Waits for stdout's 'drain' (a pipe to a slow reader) instead of buffering without bound.
  const pump = startRingPump({
    ring: () => session.ring,
    chunkItems: MAX_WRITE_LINES,
    chunkWeight: MAX_WRITE_TEXT_UNITS,
    chunksPerTick: Infinity,
    tickMs: WRITE_MS,
    firstTickMs: FIRST_WRITE_MS,
    holdBack: () =>
      stdout.writableNeedDrain && new Promise<void>((r) => stdout.once('drain', () => r())),
    write: (items, skipped) => {
      let chunk = skipped > 0 ? formatSkipped(skipped, options.output) + '\n' : '';
      for (const line of sortByTime(items)) {
        const source = sources.get(line[0]);
        if (source) chunk += formatLine(line, source, format) + '\n';
      }
      stdout.write(chunk);
    },
  });
  function scheduleWrite(): void {
    pump.schedule();
  }

  const stop = () => settle();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  stdout.on('error', (error: NodeJS.ErrnoException) =>
    // The reader went away (`| head`): a normal way to stop.
    error.code === 'EPIPE' ? settle() : settle(error),
  );
  try {
    await finished;
  } finally {
    pump.stop();
    session.stop();
    watches.stopAll();
  }
}

function hasSelectors(query: string): boolean {
  return Object.keys(parseLogQuery(query).selectors).length > 0;
}

export function describeError(error: unknown): string {
  if (error instanceof CliError || error instanceof PilotError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
