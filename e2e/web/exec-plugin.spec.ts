import { expect, test } from '@playwright/test';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startWebApp } from '../support/web-app';
import { kubeconfigText, tempDir, writeKubeconfig } from '../support/kubeconfigs';
import { ShellPage } from '../support/shell-page';

test('shows the exec credential plugin’s own message when it fails', async ({ page }) => {
  const dir = tempDir();
  const plugin = path.join(dir, 'fake-sso-plugin');
  writeFileSync(
    plugin,
    '#!/bin/sh\necho "error: the SSO session has expired; run: fake-sso login" >&2\nexit 1\n',
  );
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
  const app = await startWebApp({ kubeconfig: file });
  try {
    const shell = new ShellPage(page);
    await app.open(page);
    await expect(shell.connection).toHaveText(/Credential plugin failed/);
    await expect(
      page
        .getByRole('alert')
        .filter({ hasText: 'the SSO session has expired; run: fake-sso login' }),
    ).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/exec-failed.png' });

    await shell.selectContext('no-plugin');
    await expect(
      page
        .getByRole('alert')
        .filter({ hasText: /"kubelogin-that-is-not-installed" was not found on PATH/ }),
    ).toBeVisible();
    // The plugin's arguments are credentials-adjacent: they never reach the page.
    expect(await page.content()).not.toContain('--secret-arg');
  } finally {
    await app.stop();
  }
});
