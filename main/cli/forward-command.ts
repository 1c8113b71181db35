/**
 * `pilothouse forward`: the app's forward engine (main/forwards/), printing to stdout. One
 * line per forward when it is ready, one each time it moves to another pod or reconnects
 * (forward-lines.ts); `--all-services` forwards every Service of a namespace and prints
 * the hosts-file lines to copy. Runs until Ctrl-C (exit 0). A start that fails (unknown
 * target, port in use, forbidden) stops everything and exits 1 with the reason.
 */
import { PilotError } from '../../shared/contract/errors';
import type { ForwardState, NamespaceForwardState } from '../../shared/contract/forwards';
import { isLoopback } from '../../shared/forwards/state-text';
import { startServices, type AppServices } from '../app';
import type { ForwardHandle } from '../forwards/engine';
import { fleetEngine } from '../forwards/fleet';
import { NamespaceForwards } from '../forwards/namespace-forwards';
import { ForwardLines } from './forward-lines';
import type { TargetRef } from './forward-target';
import type { PortSpec } from './port-spec';
import { terminalSafe } from './terminal-text';
import { chooseCliContext } from './cli-context';

export interface ForwardCommandOptions {
  /** A target and its ports, or every Service of the namespace. */
  what: { target: TargetRef; ports: PortSpec[] } | { allServices: true };
  namespace?: string;
  context?: string;
  kubeconfig?: string;
  /** An IP literal (localhost already turned into 127.0.0.1). */
  address: string;
}

/** A failure the user can act on; printed as one message, exit code 1. */
export class CliError extends Error {}

const out = (line: string) => void process.stdout.write(line + '\n');
/** Text that quotes the cluster: shown, never obeyed. */
const warn = (text: string) => void process.stderr.write(terminalSafe(text, 'escape') + '\n');

export async function runForward(options: ForwardCommandOptions): Promise<void> {
  const app = await startServices({
    mode: 'cli',
    ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
    // One run reads the kubeconfig once and keeps no settings (nothing is saved).
    watchKubeconfig: false,
    loadSettings: false,
    settingsDir: '',
    version: '',
  });
  let settle: (error?: Error) => void = () => {};
  const finished = new Promise<void>((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve());
  });
  const stop = () => settle();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.on('error', (error: NodeJS.ErrnoException) =>
    error.code === 'EPIPE' ? settle() : settle(error),
  );
  let groups: NamespaceForwards | undefined;
  // Printing stops before the forwards do: Ctrl-C prints no "stopped" lines.
  let quiet: () => void = () => {};
  try {
    const { context, namespace } = resolveContext(app, options);
    if (!isLoopback(options.address))
      warn(`warning: listening on ${options.address}: forwards are reachable from other machines`);
    if ('target' in options.what)
      quiet = await forwardTarget(app, context, namespace, options.what, options.address);
    else {
      groups = new NamespaceForwards({ engine: fleetEngine(app.forwards), watches: app.watches });
      quiet = await forwardNamespace(app, groups, context, namespace, settle);
    }
    await finished;
  } finally {
    quiet();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await groups?.stopAll();
    await app.forwards.stopAll();
    app.watches.stopAll();
    app.connections.stop();
  }
}

function resolveContext(
  app: AppServices,
  options: ForwardCommandOptions,
): { context: string; namespace: string } {
  const { context, contextNamespace } = chooseCliContext(
    app,
    options.context,
    (message) => new CliError(message),
  );
  const namespace = options.namespace ?? contextNamespace;
  return { context, namespace };
}

/** Phases in which a first state means the forward cannot work as asked. */
const fatalAtStart = new Set(['failed', 'forbidden']);

async function forwardTarget(
  app: AppServices,
  context: string,
  namespace: string,
  what: { target: TargetRef; ports: PortSpec[] },
  address: string,
): Promise<() => void> {
  const lines = new ForwardLines();
  const handles: ForwardHandle[] = [];
  for (const spec of what.ports) {
    const handle = app.forwards.start(
      {
        context,
        namespace,
        kind: what.target.kind,
        name: what.target.name,
        port: spec.remote,
        localPort: spec.local,
        address,
      },
      { origin: { type: 'cli' } },
    );
    handles.push(handle);
    const first = await handle.settled();
    if (fatalAtStart.has(first.phase)) throw new CliError(first.state);
    if (first.warning) warn(`warning: ${first.warning}`);
  }
  // Printing starts once every forward is up, so a failure exits before any ready line.
  const unsubscribe = handles.map((handle) =>
    handle.onState((state) => {
      for (const line of lines.update(state)) out(line);
    }),
  );
  return () => unsubscribe.forEach((u) => u());
}

async function forwardNamespace(
  app: AppServices,
  groups: NamespaceForwards,
  context: string,
  namespace: string,
  settle: (error?: Error) => void,
): Promise<() => void> {
  const first = await groups.start(context, namespace);
  if (/^(Forbidden|Failed)/.test(first.state))
    throw new CliError(`namespace ${namespace}: ${first.state}`);
  const lines = new ForwardLines();
  const mine = (f: ForwardState) => f.origin.type === 'namespace' && f.origin.groupId === first.id;
  const known = new Map<string, ForwardState>();
  const unsubscribeForwards = app.forwards.subscribe((event) => {
    if (event.type === 'upsert') {
      for (const f of event.forwards.filter(mine)) {
        known.set(f.id, f);
        for (const line of lines.update(f)) out(line);
      }
      return;
    }
    for (const id of event.ids) {
      const f = known.get(id);
      if (!f) continue;
      known.delete(id);
      for (const line of lines.removed(f, 'stopped (the Service changed or was deleted)'))
        out(line);
    }
  });
  let printed = new Set<string>();
  const skipped = new Set<string>();
  out(`# /etc/hosts lines for ${namespace} (add them yourself; Pilothouse never writes it):`);
  const report = (state: NamespaceForwardState) => {
    for (const s of state.services)
      if (s.skipped !== null && !skipped.has(s.service)) {
        skipped.add(s.service);
        warn(`skipped ${namespace}/svc/${s.service}: ${s.skipped}`);
      }
    const now = new Set(state.hostsLines.split('\n').filter(Boolean));
    for (const line of now) if (!printed.has(line)) out(terminalSafe(line, 'escape'));
    printed = now;
  };
  report(first);
  const unsubscribeGroups = groups.subscribe((event) => {
    if (event.type === 'upsert')
      for (const g of event.groups.filter((g) => g.id === first.id)) report(g);
    else if (event.ids.includes(first.id)) settle();
  });
  return () => {
    unsubscribeForwards();
    unsubscribeGroups();
  };
}

export function describeError(error: unknown): string {
  if (error instanceof CliError || error instanceof PilotError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
