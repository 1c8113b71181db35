import { expect, test } from '@playwright/test';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startWebApp, type RunningApp } from '../support/web-app';
import { kubeconfigText, tempDir, writeKubeconfig } from '../support/kubeconfigs';
import { ShellPage } from '../support/shell-page';

let dir: string;
let app: RunningApp;
let files: { first: string; second: string; broken: string; missing: string };

test.beforeEach(async () => {
  dir = tempDir();
  files = {
    first: writeKubeconfig(
      dir,
      'first.yaml',
      kubeconfigText([{ name: 'alpha', namespace: 'team-a' }, { name: 'shared' }], 'alpha'),
    ),
    second: writeKubeconfig(
      dir,
      'second.yaml',
      kubeconfigText(
        [{ name: 'shared', server: 'https://127.0.0.1:65532' }, { name: 'beta' }],
        'beta',
      ),
    ),
    broken: writeKubeconfig(dir, 'broken.yaml', 'clusters: [ {name: oops\n'),
    missing: path.join(dir, 'not-there.yaml'),
  };
  app = await startWebApp({
    env: { KUBECONFIG: [files.first, files.broken, files.missing, files.second].join(':') },
  });
});

test.afterEach(async () => {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('lists the contexts of a multi-file KUBECONFIG the way kubectl merges them', async ({
  page,
}) => {
  const shell = new ShellPage(page);
  await shell.open(app);
  await expect(shell.contextBox).toBeVisible();
  expect(await shell.contextNames()).toEqual(['alpha', 'beta', 'shared']);
  // current-context comes from the first file that sets it.
  await expect(shell.contextBox).toHaveValue('alpha');
  // "shared" is defined in both files; the first file wins.
  await expect(shell.contextBox.locator('option[value="shared"]')).toHaveAttribute(
    'title',
    /127\.0\.0\.1:65533/,
  );
  // The broken file is reported with its path; the others keep working.
  const problems = page.getByRole('alert', { name: 'Kubeconfig problems' });
  await expect(problems).toContainText(files.broken);
  await expect(problems).toContainText('not valid YAML');
  await expect(problems).not.toContainText(files.missing);
  // The URL names the context, so the view can be bookmarked.
  await expect(page).toHaveURL(/#\/overview\?context=alpha&ns=all$/);
  await expect(page).not.toHaveURL(/token=/);
});

test('says why a context is unreachable, and switches contexts', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open(app);
  await expect(shell.connection).toHaveText(/Unreachable/);
  await expect(page.getByRole('alert').filter({ hasText: 'connection refused' })).toBeVisible();
  await shell.selectContext('beta');
  await expect(page).toHaveURL(/context=beta/);
  await expect(page.getByRole('heading', { name: 'beta', level: 1 })).toBeVisible();
  await expect(shell.connection).toHaveText(/Unreachable/);
  // The sections keep the context.
  await shell.sections.getByRole('link', { name: 'Logs' }).click();
  await expect(page).toHaveURL(/#\/logs\?context=beta/);
});

test('follows edits of the kubeconfig files without a restart', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open(app);
  await expect(shell.contextBox).toHaveValue('alpha');

  writeFileSync(files.missing, kubeconfigText([{ name: 'gamma' }]));
  await expect.poll(() => shell.contextNames()).toEqual(['alpha', 'beta', 'gamma', 'shared']);

  writeFileSync(files.second, kubeconfigText([{ name: 'beta-renamed' }]));
  await expect
    .poll(() => shell.contextNames())
    .toEqual(['alpha', 'beta-renamed', 'gamma', 'shared']);

  writeFileSync(files.broken, kubeconfigText([{ name: 'fixed' }]));
  await expect(page.getByRole('alert', { name: 'Kubeconfig problems' })).toHaveCount(0);
  await expect.poll(() => shell.contextNames()).toContain('fixed');

  rmSync(files.missing);
  await expect.poll(() => shell.contextNames()).not.toContain('gamma');
});

test('no credential crosses to the renderer', async ({ page }) => {
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
  const shell = new ShellPage(page);
  await shell.open(app);
  await shell.selectContext('beta');
  await expect(shell.connection).toHaveText(/Unreachable/);
  expect(frames.length).toBeGreaterThan(0);
  expect(frames.join('\n')).not.toContain('secret-token-of');
  const html = await page.content();
  expect(html).not.toContain('secret-token-of');
});
