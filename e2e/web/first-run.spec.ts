import { expect, test } from '@playwright/test';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { startWebApp } from '../support/web-app';
import { kubeconfigText, tempDir } from '../support/kubeconfigs';
import { ShellPage } from '../support/shell-page';

test('with no kubeconfig at all, says where it looked and how to add a cluster', async ({
  page,
}) => {
  const dir = tempDir();
  const file = path.join(dir, 'config');
  const app = await startWebApp({ kubeconfig: file });
  try {
    await app.open(page);
    await expect(page.getByRole('heading', { name: 'Welcome to Pilothouse' })).toBeVisible();
    await expect(page.getByText(file)).toBeVisible();
    await expect(page.getByText('does not exist')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Add a cluster' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/first-run.png', fullPage: true });

    // The page follows as soon as a context appears.
    writeFileSync(file, kubeconfigText([{ name: 'newborn' }]));
    await expect(new ShellPage(page).contextBox).toHaveValue('newborn');
  } finally {
    await app.stop();
  }
});
