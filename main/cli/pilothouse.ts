/**
 * The `pilothouse` command line. `pilothouse logs` tails logs with kail's selectors, on
 * the same engine as the app's Logs view; `pilothouse forward` port-forwards on the app's
 * forward engine (forward-cli.ts). Only argument parsing is loaded up front: the
 * services (client-node, the contract, the log engine) are imported when a command runs,
 * so `--help` and argument errors answer at once.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseQuery, QueryError } from '../../shared/logs/query';
import { MAX_PATTERN_PROGRAM_SIZE } from '../../shared/logs/line-pattern';
import { PilotError } from '../../shared/contract/errors';
import { flagsToQuery, selectorFlags, type FlagValues } from './kail-flags';
import { addForwardCommand } from './forward-cli';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 100)
    throw new InvalidArgumentError('must be a whole number ≥ 100');
  return n;
}

const program = new Command('pilothouse').description('Pilothouse, a Kubernetes dashboard');

const logs = program
  .command('logs')
  .description(
    'Follow the logs of every container the selectors pick, as pods come and go.\n' +
      'Selectors (kail): the same kind twice is OR, different kinds are AND.\n' +
      'Example: pilothouse logs deploy:web ns:team-a since:10m -exclude:healthz\n' +
      '         pilothouse logs --deploy web --ns team-a --since 10m',
  )
  .argument('[selectors...]', 'kind:value selectors and options in the query syntax')
  .option('--context <name>', 'kubeconfig context (default: current-context)')
  .option('--kubeconfig <path>', 'kubeconfig file to use instead of $KUBECONFIG')
  .option('-A, --all-namespaces', 'look in every namespace when no ns: selector is given')
  .addOption(
    new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'),
  )
  .option('--since <duration|time>', 'only lines newer than 10m, 1h30m or an RFC 3339 time')
  .option('--tail <n>', 'lines of history per running container (default 10)')
  .option('--include <regex>', 'only lines matching (repeatable: any)', collect, [])
  .option('--exclude <regex>', 'drop lines matching (repeatable)', collect, [])
  .option('--previous', 'the previous (terminated) instance of each container')
  .option('--init', 'include init containers')
  .option('--timestamps', 'print the kubelet timestamp of each line')
  .option(
    '--raw',
    'print log text as it came: terminal control sequences are not escaped (see below)',
  )
  .option('--buffer <lines>', 'lines kept while stdout is slow', wholeNumber);
for (const flag of Object.keys(selectorFlags))
  logs.option(`--${flag} <value>`, `select by ${flag} (repeatable)`, collect);
logs.addHelpText(
  'after',
  `
Regular expressions (include:, exclude:, --include, --exclude) use RE2 syntax, matched in
time linear in the line: no backreferences (\\1), no lookahead or lookbehind ((?=…), (?!…),
(?<=…), (?<!…)), no \\uXXXX escapes (write the character or \\x{…}), repeat counts up to
1000 and patterns up to ${MAX_PATTERN_PROGRAM_SIZE} RE2 instructions (about .{400}); flags go inline, e.g.
(?i)error. An invalid pattern exits with status 2, pointing at it.

Log text is the workload's. Lines longer than 64 KiB are cut and end with
"… [cut N bytes]" (-o json: a "cut" field). Unless --raw, colour sequences (SGR) pass
(NO_COLOR strips them) and every other control character is shown escaped, on a terminal
or not: e.g. a clipboard write ESC]52;… prints as \\x1b]52;…, a carriage return as \\x0d.`,
);

logs.action(async (positional: string[], opts: Record<string, unknown>) => {
  const selectors: FlagValues['selectors'] = {};
  for (const flag of Object.keys(selectorFlags)) {
    const values = opts[flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())];
    if (Array.isArray(values)) selectors[flag] = values as string[];
  }
  const query = flagsToQuery(positional, {
    selectors,
    ...(typeof opts['since'] === 'string' ? { since: opts['since'] } : {}),
    ...(typeof opts['tail'] === 'string' ? { tail: opts['tail'] } : {}),
    include: opts['include'] as string[],
    exclude: opts['exclude'] as string[],
    previous: opts['previous'] === true,
    init: opts['init'] === true,
    timestamps: opts['timestamps'] === true,
  });
  try {
    parseQuery(query);
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    // Point at the bad token under the query as it was understood.
    const caret = ' '.repeat(error.index) + '^'.repeat(Math.max(1, error.token.length));
    process.stderr.write(`pilothouse logs: ${error.message}\n  ${query}\n  ${caret}\n`);
    process.exit(2);
  }
  const { CliError, describeError, runLogs } = await import('./logs-command');
  try {
    await runLogs({
      query,
      ...(typeof opts['context'] === 'string' ? { context: opts['context'] } : {}),
      ...(typeof opts['kubeconfig'] === 'string' ? { kubeconfig: opts['kubeconfig'] } : {}),
      allNamespaces: opts['allNamespaces'] === true,
      output: opts['output'] === 'json' ? 'json' : 'text',
      timestamps: opts['timestamps'] === true,
      raw: opts['raw'] === true,
      ...(typeof opts['buffer'] === 'number' ? { bufferLines: opts['buffer'] } : {}),
    });
    process.exit(0);
  } catch (error) {
    process.stderr.write(`pilothouse logs: ${describeError(error)}\n`);
    process.exit(error instanceof CliError || error instanceof PilotError ? 1 : 3);
  }
});

addForwardCommand(program);

await program.parseAsync();
