/**
 * `pilothouse forward`'s arguments: parsed and checked before any service loads, so bad
 * input answers at once with exit 2 (as `pilothouse logs` does); cluster failures exit 1,
 * Ctrl-C exits 0. The run itself is forward-command.ts, imported when the command runs.
 */
import type { Command } from 'commander';
import { listenAddress } from '../../shared/contract/forwards';
import { namespaceName } from '../../shared/contract/define';
import { parseTarget, TargetError, type TargetRef } from './forward-target';
import { parsePortSpecs, PortSpecError, type PortSpec } from './port-spec';
import { terminalSafe } from './terminal-text';

export class UsageError extends Error {}

export interface ForwardArgs {
  what: { target: TargetRef; ports: PortSpec[] } | { allServices: true };
  namespace?: string;
  context?: string;
  kubeconfig?: string;
  address: string;
}

/** Reads the positional arguments and flags; throws UsageError with what is wrong. */
export function readForwardArgs(positional: string[], opts: Record<string, unknown>): ForwardArgs {
  const namespaces = [opts['namespace'], opts['ns']].filter((v) => typeof v === 'string');
  if (namespaces.length === 2 && namespaces[0] !== namespaces[1])
    throw new UsageError('-n/--namespace and --ns name different namespaces');
  const namespace = namespaces[0];
  if (namespace !== undefined && !namespaceName.safeParse(namespace).success)
    throw new UsageError(`"${namespace}" is not a namespace name (a lowercase RFC 1123 label)`);
  const rawAddress = typeof opts['address'] === 'string' ? opts['address'] : '127.0.0.1';
  // kubectl's default is "localhost" (127.0.0.1 and ::1); we take 127.0.0.1 for it.
  const address = rawAddress === 'localhost' ? '127.0.0.1' : rawAddress;
  if (!listenAddress.safeParse(address).success)
    throw new UsageError(`--address ${rawAddress}: not an IP address (or localhost)`);
  const common = {
    ...(namespace !== undefined ? { namespace } : {}),
    ...(typeof opts['context'] === 'string' ? { context: opts['context'] } : {}),
    ...(typeof opts['kubeconfig'] === 'string' ? { kubeconfig: opts['kubeconfig'] } : {}),
    address,
  };
  if (opts['allServices'] === true) {
    if (positional.length > 0)
      throw new UsageError('--all-services forwards every Service: give no TYPE/NAME or ports');
    if (namespace === undefined)
      throw new UsageError('--all-services needs the namespace: --ns <name>');
    return { what: { allServices: true }, ...common };
  }
  const [targetText, ...portTexts] = positional;
  if (targetText === undefined || portTexts.length === 0)
    throw new UsageError('TYPE/NAME and at least one port are required, e.g. svc/web 8080:80');
  try {
    return {
      what: { target: parseTarget(targetText), ports: parsePortSpecs(portTexts) },
      ...common,
    };
  } catch (error) {
    if (error instanceof TargetError || error instanceof PortSpecError)
      throw new UsageError(error.message);
    throw error;
  }
}

export function addForwardCommand(program: Command): void {
  program
    .command('forward')
    .description(
      'Forward local ports to a pod, a Service or a workload, following its pods as they\n' +
        'come and go, or every Service of a namespace, each on its own loopback address.\n' +
        'Ports as kubectl port-forward reads them: 8080:80, :5432 (any free port),\n' +
        '8080:http (a named port), 5000 (the same number locally).\n' +
        'Examples: pilothouse forward svc/web 8080:80 -n team-a\n' +
        '          pilothouse forward pod/db-0 :5432\n' +
        '          pilothouse forward deploy/web 8080:http\n' +
        '          pilothouse forward --ns team-a --all-services',
    )
    .argument('[target]', 'TYPE/NAME: pod/NAME (or NAME), svc/NAME, deploy/NAME, sts/NAME, rs/NAME')
    .argument('[ports...]', '[LOCAL_PORT:]REMOTE_PORT, one or more')
    .option('-n, --namespace <name>', 'namespace (default: the context’s, else default)')
    .option('--ns <name>', 'the same as --namespace')
    .option('--all-services', 'forward every Service of the namespace, each on its own address')
    .option('--context <name>', 'kubeconfig context (default: current-context)')
    .option('--kubeconfig <path>', 'kubeconfig file to use instead of $KUBECONFIG')
    .option(
      '--address <ip>',
      'address to listen on (default 127.0.0.1; another interface is reachable from other machines)',
    )
    .addHelpText(
      'after',
      `
Prints one line per forward when it is ready, e.g.
  127.0.0.1:8080 -> team-a/svc/web:80 (pod web-7c9d8-x2bqk)
and a line each time it moves to another pod or reconnects. --all-services uses
127.1.x.y addresses (one per Service, with the Service's own ports; a port below 1024
that needs privileges, or is taken, gets a free one) where the system has them (Linux),
else distinct free ports on 127.0.0.1, and prints hosts-file lines to copy: Pilothouse
never writes /etc/hosts. Exit status: 0 after Ctrl-C, 1 when a forward cannot start
(unknown target, port in use, forbidden), 2 for bad arguments.`,
    )
    .action(async (target: string | undefined, ports: string[], opts: Record<string, unknown>) => {
      let args: ForwardArgs;
      try {
        args = readForwardArgs(target === undefined ? [] : [target, ...ports], opts);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        process.stderr.write(`pilothouse forward: ${terminalSafe(error.message, 'escape')}\n`);
        process.exit(2);
      }
      const { CliError, describeError, runForward } = await import('./forward-command');
      const { PilotError } = await import('../../shared/contract/errors');
      try {
        await runForward(args);
        process.exit(0);
      } catch (error) {
        // The reason may quote the cluster (an API message): shown, never obeyed.
        process.stderr.write(
          `pilothouse forward: ${terminalSafe(describeError(error), 'escape')}\n`,
        );
        process.exit(error instanceof CliError || error instanceof PilotError ? 1 : 3);
      }
    });
}
