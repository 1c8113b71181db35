// Issue 10, test 5: a workload at its worst (e2e/cluster/agent.ts, hostileHistory: a 10 MB
// line, a line that makes `(a+)+$` backtrack for ever, terminal escapes, a long line of
// 3-byte characters) read by the log engine in this process, with include:(a+)+$, and by
// the CLI, whose output must be capped and safe for a terminal. The event-loop bound
// (e2e/support/loop-watch.mjs, loop-bound.ts) is checked here in-process and in the CLI's
// own process (preloaded there); e2e/web/hostile-logs.spec.ts checks it in the
// browser-mode server, and that the viewer keeps rendering.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteNamespace, freshNamespace, kubectl, kubectlApply } from '../support/cluster';
import { eventually, KUBECONFIG } from './cluster';
import { LogCollector } from './log-collector';
import { startLoopWatch } from '../support/loop-watch.mjs';
import { describeLoop, loopProblem, MAX_EVENT_LOOP_DELAY_MS } from '../support/loop-bound';
import type { LoopStats } from '../support/loop-watch.mjs';

const NS = 'e2e-hostile-logs';
const LONG_LINE_BYTES = 10 * 1024 * 1024;
const MAX_LINE_BYTES = 64 * 1024;
const UTF8_LINE = 'hostile-fixture: utf8 ' + '€'.repeat(30_000);
const ESC = String.fromCharCode(27);

const podYaml = (name = 'hostile') => `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${NS}
  annotations: {pilothouse.dev/log-fixture: hostile, pilothouse.dev/log-rate: "2"}
spec:
  containers: [{name: app, image: "busybox:1.36"}]
`;

beforeAll(async () => {
  freshNamespace(NS, { agentLogs: true });
  kubectlApply(podYaml());
  kubectl(['-n', NS, 'wait', 'pod/hostile', '--for=condition=Ready', '--timeout=90s']);
  // The fixture agent writes the log within a poll (1 s); kubectl sees it complete.
  await eventually('the hostile log to be written', async () =>
    kubectl(['-n', NS, 'logs', 'hostile', '--tail=20']).includes('hostile-fixture: after'),
  );
});
afterAll(() => deleteNamespace(NS));

describe('the log engine reading a hostile workload', () => {
  it(`caps lines at 64 KiB (at a UTF-8 boundary) and runs include:(a+)+$ through the bait, the event loop never held ${MAX_EVENT_LOOP_DELAY_MS} ms`, async () => {
    const loop = startLoopWatch();
    const started = performance.now();
    const all = new LogCollector(`ns:${NS} since:1h`, { current: [NS] });
    // (a+)+$ is tried on every line, the 50,000 a's + b one included; the second include
    // lets the fixture's marker lines through, so the test sees the session get past it.
    const filtered = new LogCollector(`ns:${NS} since:1h include:(a+)+$ include:hostile-fixture`, {
      current: [NS],
    });
    try {
      const after = (c: LogCollector) => c.lines.some((l) => l.text === 'hostile-fixture: after');
      // Only asynchronous waits from here on: kubectl (execFileSync) would block the loop.
      await eventually('both sessions to read past the hostile lines', async () =>
        [all, filtered].every(after),
      );
      await eventually('a live line after them', async () =>
        all.lines.some((l) => /seq=\d+/.test(l.text)),
      );
      const stats = loop.stats();
      console.log(
        `hostile logs, engine: ${describeLoop(stats)} over ` +
          `${((performance.now() - started) / 1000).toFixed(1)} s; ` +
          `${all.lines.length} lines, ${all.lines.filter((l) => l.cut > 0).length} cut`,
      );
      expect(loopProblem(stats, 'the log engine')).toBeUndefined();
    } finally {
      loop.stop();
      all.stop();
      filtered.stop();
    }

    const texts = all.lines.map((l) => l.text);
    const at = (prefix: string) => all.lines.find((l) => l.text.startsWith(prefix))!;
    expect(texts[0]).toBe('hostile-fixture: before');
    const long = at('hostile-fixture: long line ');
    expect(Buffer.byteLength(long.text)).toBe(MAX_LINE_BYTES);
    expect(long.cut).toBe(LONG_LINE_BYTES - MAX_LINE_BYTES);
    const bait = at('aaaa');
    expect(bait.text).toBe('a'.repeat(50_000) + 'b');
    expect(bait.cut).toBe(0);
    // The engine keeps the text as written; making it safe is the printer's job.
    expect(at('hostile-fixture: escapes').text).toContain('\x1b]52;c;');
    const utf8 = at('hostile-fixture: utf8');
    expect(utf8.text).not.toContain('\uFFFD');
    expect(Buffer.byteLength(utf8.text)).toBeLessThanOrEqual(MAX_LINE_BYTES);
    expect(Buffer.byteLength(utf8.text) + utf8.cut).toBe(Buffer.byteLength(UTF8_LINE));
    expect(UTF8_LINE.startsWith(utf8.text)).toBe(true);
    for (const l of all.lines)
      expect(Buffer.byteLength(l.text)).toBeLessThanOrEqual(MAX_LINE_BYTES);

    // include:(a+)+$ include:hostile-fixture: the bait matches neither (it ends in b).
    expect(filtered.lines.map((l) => l.text.slice(0, 27))).toEqual([
      'hostile-fixture: before',
      'hostile-fixture: long line ',
      'hostile-fixture: escapes \x1b]',
      'hostile-fixture: utf8 €€€€€',
      'hostile-fixture: after',
    ]);
  });
});

/**
 * Runs the CLI (not on a terminal) on pod `hostile` until it printed the fixture's last
 * marker line. `stderr` sees what it says meanwhile (see the event-loop test).
 */
function cli(
  args: string[],
  options: {
    pod?: string;
    env?: NodeJS.ProcessEnv;
    stderr?: (text: string, child: ChildProcess) => void;
  } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.resolve('main/cli/pilothouse.mjs'),
        'logs',
        '--kubeconfig',
        KUBECONFIG,
        '--context',
        'pilothouse-admin',
        `ns:${NS}`,
        `pod:${options.pod ?? 'hostile'}`,
        'since:1h',
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
    );
    const chunks: Buffer[] = [];
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (Buffer.concat(chunks).includes('hostile-fixture: after')) child.kill('SIGINT');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.stderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const out = Buffer.concat(chunks).toString('utf8');
      if (!out.includes('hostile-fixture: after'))
        reject(new Error(`the CLI exited with ${code} before the last line:\n${stderr}`));
      else resolve(out);
    });
  });
}

const PREFIX = `${NS}/hostile[app] `;
const CUT = ` … [cut ${(LONG_LINE_BYTES - MAX_LINE_BYTES).toLocaleString('en-US')} bytes]`;

describe('pilothouse logs on a hostile workload', () => {
  it('caps the 10 MB line and prints every control escaped but colour', async () => {
    const lines = (await cli([])).split('\n');
    const long = lines.find((l) => l.startsWith(`${PREFIX}hostile-fixture: long line`))!;
    expect(long.endsWith(CUT)).toBe(true);
    expect(Buffer.byteLength(long)).toBe(PREFIX.length + MAX_LINE_BYTES + Buffer.byteLength(CUT));
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThan(MAX_LINE_BYTES + 200);
    const escapes = lines.find((l) => l.includes('hostile-fixture: escapes'))!;
    expect(escapes).toBe(
      `${PREFIX}hostile-fixture: escapes \\x1b]52;c;cm0gLXJmIH4K\\x07\\x1b]0;pwned\\x07` +
        `\\x1b[2J\\x1b[1A\x1b[31mred\x1b[0m fake\\x0dover\x1b[0m`,
    );
    // Nothing but colour sequences reaches the terminal, on any line.
    const controls = [...lines.join('\n').replaceAll(new RegExp(`${ESC}\\[[0-9;:]*m`, 'g'), '')]
      .map((c) => c.charCodeAt(0))
      .filter((c) => (c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f));
    expect(controls).toEqual([]);
  });

  it('--raw prints the text as it came (still capped), -o json escapes and counts the cut', async () => {
    const raw = (await cli(['--raw'])).split('\n');
    expect(raw.find((l) => l.includes('hostile-fixture: escapes'))).toContain(
      '\x1b]52;c;cm0gLXJmIH4K\x07',
    );
    expect(raw.find((l) => l.includes('long line'))!.endsWith(CUT)).toBe(true);

    const json = (await cli(['-o', 'json']))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { line: string; cut?: number });
    const long = json.find((l) => l.line.startsWith('hostile-fixture: long line'))!;
    expect(long.cut).toBe(LONG_LINE_BYTES - MAX_LINE_BYTES);
    expect(json.find((l) => l.line.startsWith('hostile-fixture: escapes'))!.line).toContain(
      '\x1b]52;',
    );
  });

  it(`include:(a+)+$ on a pod that writes the hostile lines: the CLI's event loop is never held ${MAX_EVENT_LOOP_DELAY_MS} ms`, async () => {
    // The services run in the CLI's process: loop-watch.mjs is preloaded there. Its figures
    // start afresh (SIGUSR2) once the CLI is up and following, before the pod exists, so
    // start-up is not counted and every hostile byte is.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pilothouse-loop-'));
    const file = path.join(dir, 'loop.json');
    const probe = pathToFileURL(path.resolve('e2e/support/loop-watch.mjs')).href;
    let reset = false;
    const output = cli(['include:(a+)+$', 'include:hostile-fixture'], {
      pod: 'hostile-late',
      env: {
        NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import ${probe}`,
        PILOTHOUSE_LOOP_WATCH_FILE: file,
      },
      stderr: (text, child) => {
        // Said a second after its pod watch listed: up, following, waiting for the pod.
        if (reset || !text.includes('no containers match yet')) return;
        reset = true;
        child.kill('SIGUSR2');
        kubectlApply(podYaml('hostile-late'));
      },
    });
    const out = await output;
    expect(reset).toBe(true);
    expect(existsSync(file)).toBe(true);
    const stats = JSON.parse(readFileSync(file, 'utf8')) as LoopStats;
    console.log(`hostile logs, CLI process: ${describeLoop(stats)}`);
    expect(loopProblem(stats, 'pilothouse logs')).toBeUndefined();
    expect(out).toContain('hostile-fixture: after');
    expect(out).toContain(CUT);
    expect(out).not.toContain('aaaaab');
  });
});
