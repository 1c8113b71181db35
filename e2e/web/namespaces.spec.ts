import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startWebApp } from '../support/web-app';
import { requireClusterKubeconfig, withBadTokenContext } from '../support/cluster';
import { tempDir, writeKubeconfig } from '../support/kubeconfigs';
import { ShellPage } from '../support/shell-page';

// These run against the real local cluster (npm run cluster:up).
test.describe.configure({ mode: 'serial' });

test('admin: connects, lists namespaces, remembers the choice across restarts', async ({
  page,
}) => {
  const kubeconfig = requireClusterKubeconfig();
  const settingsDir = tempDir('pilothouse-settings-');
  let app = await startWebApp({ kubeconfig, settingsDir });
  const shell = new ShellPage(page);
  try {
    await shell.open(app, '#/overview?context=pilothouse-admin');
    await expect(shell.connection).toHaveText(/Connected · v1\.\d+\.\d+/);
    await shell.openNamespaces();
    for (const ns of ['default', 'kube-system', 'team-a', 'team-b'])
      await expect(shell.namespace(ns)).toBeVisible();
    await expect(shell.namespace('All namespaces')).toBeChecked();
    await shell.namespace('team-a').check();
    await shell.namespace('team-b').check();
    await expect(page).toHaveURL(/ns=team-a,team-b/);
    await expect(shell.namespacesButton).toHaveAccessibleName('Namespaces team-a, team-b');
    await page.screenshot({ path: 'test-results/screens/namespaces-admin.png' });
    // The choice is written to Pilothouse's own settings file, not to the kubeconfig.
    await expect
      .poll(() => readFileSync(path.join(settingsDir, 'settings.json'), 'utf8'))
      .toMatch(/"team-a",\s*"team-b"/);
  } finally {
    await app.stop();
  }

  // A new run with the same settings folder remembers the context and its namespaces.
  app = await startWebApp({ kubeconfig, settingsDir });
  try {
    await shell.open(app);
    await expect(shell.contextBox).toHaveValue('pilothouse-admin');
    await expect(page).toHaveURL(/context=pilothouse-admin&ns=team-a,team-b/);
  } finally {
    await app.stop();
  }
});

test('viewer: may not list namespaces, still works with its own and hand-added ones', async ({
  page,
}) => {
  const kubeconfig = requireClusterKubeconfig();
  const settingsDir = tempDir('pilothouse-settings-');
  let app = await startWebApp({ kubeconfig, settingsDir });
  const shell = new ShellPage(page);
  try {
    await shell.open(app, '#/overview?context=pilothouse-viewer');
    await expect(shell.connection).toHaveText(/Connected/);
    await shell.openNamespaces();
    await expect(page.getByText('You may not list namespaces in this cluster')).toBeVisible();
    await expect(shell.namespace('team-a')).toBeVisible();
    // "All namespaces" cannot work without list permission: it starts on its own namespace.
    await expect(shell.namespace('team-a')).toBeChecked();
    await expect(shell.namespacesButton).toHaveAccessibleName('Namespaces team-a');

    const add = page.getByRole('textbox', { name: 'Add namespace' });
    await add.fill('Not_Valid');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'RFC 1123' })).toBeVisible();
    await add.fill('team-b');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(shell.namespace('team-b')).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/namespaces-viewer.png' });
  } finally {
    await app.stop();
  }
  app = await startWebApp({ kubeconfig, settingsDir });
  try {
    await shell.open(app, '#/overview?context=pilothouse-viewer');
    await shell.openNamespaces();
    await expect(shell.namespace('team-b')).toBeVisible();
  } finally {
    await app.stop();
  }
});

test('offline and rejected credentials get their own clear states', async ({ page }) => {
  const dir = tempDir();
  const kubeconfig = writeKubeconfig(
    dir,
    'config',
    withBadTokenContext(requireClusterKubeconfig(), 'bad-token'),
  );
  const app = await startWebApp({ kubeconfig });
  const shell = new ShellPage(page);
  try {
    await shell.open(app, '#/overview?context=pilothouse-offline');
    await expect(shell.connection).toHaveText(/Unreachable/);
    await expect(
      page.getByRole('alert').filter({ hasText: 'cannot reach the API server' }),
    ).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/offline.png' });

    await shell.selectContext('bad-token');
    await expect(shell.connection).toHaveText(/Unauthorized/);
    await expect(
      page.getByRole('alert').filter({ hasText: 'rejected the credentials' }),
    ).toBeVisible();

    // The rest of the app keeps working: back to a healthy context.
    await shell.selectContext('pilothouse-admin');
    await expect(shell.connection).toHaveText(/Connected/);
  } finally {
    await app.stop();
  }
});
