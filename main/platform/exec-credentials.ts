/**
 * Exec credential plugins, run the way an app that makes many requests at once must run
 * them (client-node's ExecAuth started one process per request, without a timeout):
 * - at most ONE plugin process per (context, user) at a time: every request that needs
 *   the credential while the plugin runs waits for that run (single-flight);
 * - its credential is cached until its expirationTimestamp (none: until the user retries),
 *   as client-go caches it;
 * - a run that exceeds the timeout is killed with its process group (exec-plugin-run.ts);
 *   DEFAULT_EXEC_TIMEOUT_MS is 60 s, room for an interactive browser login (kubelogin);
 *   the environment variable PILOTHOUSE_EXEC_TIMEOUT_MS overrides it (100 ms to 1 hour);
 * - a failure (not found, exit code, timeout, bad output) is remembered: every request gets
 *   it at once, no process is started again until the user asks (retry()) or the user's
 *   kubeconfig entries change (another config identity, or drop());
 * - interactiveMode: the plugin never gets a terminal (stdin is /dev/null, spec.interactive
 *   false). `Always` is refused with a message, without running the plugin, as kubectl
 *   refuses it without a terminal; `IfAvailable` and `Never` run non-interactively.
 * The command is resolved to one absolute file first (exec-plugin-lookup.ts); messages
 * name that file.
 */
import { PilotError } from '../../shared/contract/errors';
import { logger } from './logger';
import {
  parseCredential,
  pluginEnv,
  stderrTail,
  type ExecClusterInfo,
  type ExecConfig,
  type ExecCredential,
} from './exec-credential-format';
import { resolvePluginCommand } from './exec-plugin-lookup';
import { runPlugin, type PluginOutcome, type RunningPlugin } from './exec-plugin-run';

const log = logger('exec-plugin');

export const DEFAULT_EXEC_TIMEOUT_MS = 60_000;
export const EXEC_TIMEOUT_ENV = 'PILOTHOUSE_EXEC_TIMEOUT_MS';
const MIN_EXEC_TIMEOUT_MS = 100;
const MAX_EXEC_TIMEOUT_MS = 3_600_000;

/** The plugin timeout: PILOTHOUSE_EXEC_TIMEOUT_MS if it is a number in range, else 60 s. */
export function execTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[EXEC_TIMEOUT_ENV];
  if (raw === undefined || raw === '') return DEFAULT_EXEC_TIMEOUT_MS;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < MIN_EXEC_TIMEOUT_MS || value > MAX_EXEC_TIMEOUT_MS) {
    log.warn(
      `${EXEC_TIMEOUT_ENV}=${raw.slice(0, 40)} is not a number of ms between ${MIN_EXEC_TIMEOUT_MS} and ${MAX_EXEC_TIMEOUT_MS}; using ${DEFAULT_EXEC_TIMEOUT_MS}`,
    );
    return DEFAULT_EXEC_TIMEOUT_MS;
  }
  return Math.round(value);
}

export interface ExecRequest {
  context: string;
  user: string;
  config: ExecConfig;
  /** The kubeconfig file that defined the user (a relative command is relative to it). */
  kubeconfigFile: string;
  cluster?: ExecClusterInfo;
}

interface Entry {
  /** The request's config: another one (an edited kubeconfig) replaces the entry. */
  identity: string;
  context: string;
  run?: { promise: Promise<ExecCredential>; plugin?: RunningPlugin };
  credential?: ExecCredential;
  failure?: PilotError;
}

export interface ExecCredentialsOptions {
  timeoutMs?: number;
  now?: () => number;
}

export class ExecCredentials {
  private readonly entries = new Map<string, Entry>();
  private readonly failureListeners = new Set<(context: string, error: PilotError) => void>();
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(options: ExecCredentialsOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? execTimeoutMs();
    this.now = options.now ?? Date.now;
  }

  /** The user's credential: cached, being fetched, the remembered failure, or a new run. */
  get(request: ExecRequest): Promise<ExecCredential> {
    const key = JSON.stringify([request.context, request.user]);
    const identity = JSON.stringify([request.config, request.kubeconfigFile, request.cluster]);
    let entry = this.entries.get(key);
    if (entry && entry.identity !== identity) {
      this.end(key, entry);
      entry = undefined;
    }
    if (!entry) {
      entry = { identity, context: request.context };
      this.entries.set(key, entry);
    }
    if (entry.failure) return Promise.reject(entry.failure);
    const { credential } = entry;
    if (credential && (credential.expiresAt === undefined || this.now() < credential.expiresAt))
      return Promise.resolve(credential);
    entry.credential = undefined;
    if (!entry.run) this.start(entry, request);
    // start() always sets run.
    return entry.run!.promise;
  }

  /**
   * The user asked to retry a context: its remembered failures are forgotten, and with
   * `dropCredentials` (the server refused them) its cached credentials too. A run under
   * way is kept (an interactive login in progress is not started twice).
   */
  retry(context: string, dropCredentials: boolean): void {
    for (const [key, entry] of this.entries) {
      if (entry.context !== context) continue;
      if (entry.failure) this.entries.delete(key);
      else if (dropCredentials) entry.credential = undefined;
    }
  }

  /** The context is gone or its kubeconfig entries changed: end its runs, forget it all. */
  drop(context: string): void {
    for (const [key, entry] of this.entries) if (entry.context === context) this.end(key, entry);
  }

  /** Ends every run (the app is stopping). */
  stop(): void {
    for (const [key, entry] of this.entries) this.end(key, entry);
  }

  /** Called with each new failure (not with the remembered one handed out again). */
  onFailure(listener: (context: string, error: PilotError) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  /** Plugin processes started by this instance and not finished yet. */
  running(): number {
    let n = 0;
    for (const entry of this.entries.values()) if (entry.run?.plugin) n++;
    return n;
  }

  private end(key: string, entry: Entry): void {
    this.entries.delete(key);
    const run = entry.run;
    // Detached first: the stopped run's failure is nobody's to remember or announce.
    entry.run = undefined;
    run?.plugin?.stop();
  }

  private start(entry: Entry, request: ExecRequest): void {
    const run: NonNullable<Entry['run']> = { promise: Promise.resolve({}) };
    run.promise = this.execute(request, run).then(
      (credential) => {
        if (entry.run === run) {
          entry.run = undefined;
          entry.credential = credential;
        }
        return credential;
      },
      (error: unknown) => {
        const failure =
          error instanceof PilotError ? error : new PilotError('ExecFailed', String(error));
        if (entry.run === run) {
          entry.run = undefined;
          entry.failure = failure;
          log.warn(`${request.context}: ${failure.message}`);
          for (const listener of this.failureListeners) listener(request.context, failure);
        }
        throw failure;
      },
    );
    entry.run = run;
    // Nobody may be waiting (the caller gave up): the failure is remembered, not unhandled.
    run.promise.catch(() => undefined);
  }

  private async execute(
    request: ExecRequest,
    run: NonNullable<Entry['run']>,
  ): Promise<ExecCredential> {
    const { config } = request;
    let file: string;
    try {
      file = resolvePluginCommand(config.command, request.kubeconfigFile);
    } catch (error) {
      if (!(error instanceof PilotError) || !config.installHint) throw error;
      throw new PilotError(error.code, `${error.message}\n${config.installHint}`);
    }
    if (config.interactiveMode === 'Always') {
      throw new PilotError(
        'ExecFailed',
        `credential plugin ${file} asks for an interactive terminal (interactiveMode: Always), ` +
          'which Pilothouse cannot give it: log in with it in a terminal first, or set interactiveMode to IfAvailable',
      );
    }
    log.info(`${request.context}: running credential plugin ${file}`);
    const plugin = runPlugin({
      file,
      args: config.args,
      env: pluginEnv(config, request.cluster),
      timeoutMs: this.timeoutMs,
    });
    run.plugin = plugin;
    const outcome = await plugin.outcome.finally(() => (run.plugin = undefined));
    if (outcome.kind === 'exited' && outcome.code === 0)
      return parseCredential(outcome.stdout, config, file);
    throw this.failureOf(outcome, file, config);
  }

  private failureOf(outcome: PluginOutcome, file: string, config: ExecConfig): PilotError {
    const said = stderrTail(outcome.stderr);
    const tail = said ? `; it said:\n${said}` : '';
    switch (outcome.kind) {
      case 'timeout':
        return new PilotError(
          'ExecFailed',
          `credential plugin ${file} did not finish within ${this.timeoutMs / 1000} s and was stopped${tail}`,
        );
      case 'too-much-output':
        return new PilotError(
          'ExecFailed',
          `credential plugin ${file} printed more than 1 MiB and was stopped${tail}`,
        );
      case 'spawn-error': {
        const hint = config.installHint ? `\n${config.installHint}` : '';
        return new PilotError(
          'ExecFailed',
          `credential plugin ${file} could not be started (${outcome.code})${hint}`,
        );
      }
      case 'stopped':
        return new PilotError(
          'ExecFailed',
          `credential plugin ${file} was stopped: the kubeconfig changed`,
        );
      case 'exited': {
        const how = outcome.signal
          ? `was killed by ${outcome.signal}`
          : `failed with exit code ${outcome.code}`;
        return new PilotError(
          'ExecFailed',
          `credential plugin ${file} ${how}${tail || ' and wrote nothing to stderr'}`,
        );
      }
    }
  }
}
