// `pilothouse logs` (the bin entry) against the test cluster: kail-style output, JSON
// output, and clear failures with distinct exit codes.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KUBECONFIG } from './cluster';

const bin = path.resolve('main/cli/pilothouse.mjs');

/** Runs the CLI until it exits or has printed `lines` lines (then stops it with SIGINT). */
function run(
  args: string[],
  lines = Infinity,
): Promise<{ code: number | null; stdout: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'logs', '--kubeconfig', KUBECONFIG, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.split('\n').length - 1 >= lines) child.kill('SIGINT');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: out.split('\n').filter(Boolean), stderr });
    });
  });
}

describe('pilothouse logs', () => {
  it('prints namespace/pod[container] line with kail long flags, and exits 0 on Ctrl-C', async () => {
    const { code, stdout } = await run(
      [
        '--context',
        'pilothouse-admin',
        '--deploy',
        'web',
        '--ns',
        'team-a',
        '--container',
        'nginx',
        '--tail',
        '2',
      ],
      8,
    );
    expect(code).toBe(0);
    expect(stdout.length).toBeGreaterThanOrEqual(8);
    for (const line of stdout)
      expect(line).toMatch(/^team-a\/web-[a-z0-9]+-[a-z0-9]+\[nginx\] \S.*"GET /);
  });

  it('writes one JSON object per line with -o json', async () => {
    const { stdout } = await run(
      ['--context', 'pilothouse-admin', 'deploy:api', 'ns:team-a', 'tail:1', '-o', 'json'],
      3,
    );
    for (const line of stdout) {
      const entry = JSON.parse(line) as Record<string, string>;
      expect(entry).toMatchObject({ namespace: 'team-a', container: 'api' });
      expect(Date.parse(entry['time']!)).not.toBeNaN();
      expect(JSON.parse(entry['line']!)).toHaveProperty('level');
    }
  });

  it.each([
    [['deploy:web', 'colour:red'], 2, /unknown selector "colour"[\s\S]*\^{10}/],
    [['--context', 'nope', 'deploy:web'], 1, /context "nope" is not in the kubeconfig/],
    [['--context', 'pilothouse-viewer', 'ns:team-b'], 1, /namespace team-b: .*forbidden/],
    [['--context', 'pilothouse-viewer', 'deploy:web'], 1, /all namespaces[\s\S]*ns:<name>/],
    [['--context', 'pilothouse-offline', 'ns:x'], 1, /cannot reach the API server/],
  ])('%j fails with exit %i and says why', async (args, exitCode, message) => {
    const { code, stderr, stdout } = await run(args);
    expect(code).toBe(exitCode);
    expect(stderr).toMatch(message);
    expect(stdout).toEqual([]);
  });
});
