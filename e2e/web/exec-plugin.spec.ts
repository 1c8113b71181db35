import { expect, test } from '@playwright/test';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startWebApp } from '../support/web-app';
import { kubeconfigText, tempDir, writeKubeconfig } from '../support/kubeconfigs';
import { ShellPage } from '../support/shell-page';

test('shows the exec credential plugin’s own message when it fails', async ({ page }) => {
  const dir = tempDir();
  const plugin = path.join(dir, 'fake-sso-plugin');
  const runs = path.join(dir, 'runs');
  writeFileSync(
    plugin,
    `#!/bin/sh\necho run >> '${runs}'\necho "error: the SSO session has expired; run: fake-sso login" >&2\nexit 1\n`,
  );
  const runCount = () => readFileSync(runs, 'utf8').split('\n').filter(Boolean).length;
  chmodSync(plugin, 0o755);
  const exec = (command: string) => ({
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1',
      command,
      args: ['token', '--secret-arg'],
      interactiveMode: 'Never',
    },
  });
  const file = writeKubeconfig(
    dir,
    'config',
    kubeconfigText(
      [
        { name: 'sso', user: exec(plugin) },
        { name: 'no-plugin', user: exec('kubelogin-that-is-not-installed') },
      ],
      'sso',
    ),
  );
  const app = await startWebApp({
    kubeconfig: file,
    env: {
      PATH: `relative-entry:${path.resolve('node_modules/.bin')}:${process.env['PATH'] ?? ''}`,
    },
  });
  try {
    const shell = new ShellPage(page);
    await app.open(page);
    await expect(shell.connection).toHaveText(/Credential plugin failed/);
    await expect(
      page
        .getByRole('alert')
        .filter({ hasText: 'the SSO session has expired; run: fake-sso login' }),
    ).toBeVisible();
    // The message names the file that ran and how it ended; never stdout, never the PATH.
    await expect(
      page
        .getByRole('alert')
        .filter({ hasText: `credential plugin ${plugin} failed with exit code 1; it said:` }),
    ).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/exec-failed.png' });
    // Not run again by itself (the page, its watches and the connection all ask for the
    // credential): only the Retry button runs it, once.
    expect(runCount()).toBe(1);
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(runCount).toBe(2);
    await expect(shell.connection).toHaveText(/Credential plugin failed/);
    expect(runCount()).toBe(2);

    await shell.selectContext('no-plugin');
    await expect(
      page
        .getByRole('alert')
        .filter({ hasText: /"kubelogin-that-is-not-installed" was not found on PATH/ }),
    ).toBeVisible();
    // The plugin's arguments are credentials-adjacent: they never reach the page. The
    // message lists absolute folders searched, not PATH's relative or node_modules entries.
    const content = await page.content();
    expect(content).not.toContain('--secret-arg');
    expect(content).not.toContain('node_modules/.bin');
    expect(content).not.toContain('relative-entry');
  } finally {
    await app.stop();
  }
});
