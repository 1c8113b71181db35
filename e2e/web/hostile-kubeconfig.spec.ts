// Hostile kubeconfig files (issue 10): a KUBECONFIG list naming a FIFO nobody writes to, a
// device that never ends, a directory, an alias bomb and an oversized file next to a good
// file. Browser mode starts at once, the good file's context works, and the banner names
// each skipped file with its reason.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startWebApp } from '../support/web-app';
import { kubeconfigText, tempDir, writeKubeconfig } from '../support/kubeconfigs';
import { ShellPage } from '../support/shell-page';

test.skip(process.platform === 'win32', 'FIFOs and /dev/zero are POSIX');

test('bad kubeconfig files are skipped with their reason; the good one loads', async ({ page }) => {
  const dir = tempDir();
  const fifo = path.join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const folder = path.join(dir, 'folder');
  mkdirSync(folder);
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let i = 0; i < 9; i++)
    bomb.push(
      `l${i}: &l${i} [${Array(9)
        .fill(i ? `*l${i - 1}` : '*a')
        .join(', ')}]`,
    );
  const bombFile = writeKubeconfig(dir, 'bomb', bomb.join('\n'));
  const big = path.join(dir, 'big');
  writeFileSync(big, `# ${'x'.repeat(8 * 1024 * 1024)}\n`);
  const good = writeKubeconfig(dir, 'good', kubeconfigText([{ name: 'good' }], 'good'));

  const list = [fifo, '/dev/zero', folder, bombFile, big, good];
  const app = await startWebApp({ env: { KUBECONFIG: list.join(':') } });
  try {
    await app.open(page);
    await expect(new ShellPage(page).contextBox).toHaveValue('good');
    const banner = page.getByRole('alert', { name: 'Kubeconfig problems' });
    await expect(banner).toContainText('5 kubeconfig files were skipped');
    for (const [file, reason] of [
      [fifo, 'is a named pipe (FIFO), not a regular file'],
      ['/dev/zero', 'is a character device, not a regular file'],
      [folder, 'is a directory, not a regular file'],
      [bombFile, 'YAML aliases expand to more than 100 nodes'],
      [big, 'kubeconfig files over 8 MiB are not read'],
    ] as const) {
      await expect(banner.getByRole('listitem').filter({ hasText: file })).toContainText(reason);
    }
    await page.screenshot({ path: 'test-results/screens/hostile-kubeconfig.png' });
  } finally {
    await app.stop();
  }
});
