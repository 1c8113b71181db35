import { expect, test } from '@playwright/test';
import { startWebApp, type RunningApp } from '../support/web-app';
import {
  clusterPower,
  kubectl,
  kubectlPods,
  kubectlRunPendingPod,
  requireClusterKubeconfig,
} from '../support/cluster';
import { ShellPage } from '../support/shell-page';
import { openPods } from '../support/table-page';

// Stops the whole cluster: runs in its own Playwright project, after every other browser test.
test.use({ viewport: { width: 1500, height: 2400 } });

let app: RunningApp;
test.beforeAll(async () => {
  app = await startWebApp({ kubeconfig: requireClusterKubeconfig() });
});
test.afterAll(() => app?.stop());

test('survives an apiserver restart: says reconnecting, then converges exactly', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const shell = new ShellPage(page);
  const table = await openPods(page, app, 'pilothouse-admin', 'team-b');
  await expect.poll(() => table.podLines('team-b')).toEqual(kubectlPods('team-b'));
  clusterPower('stop');
  try {
    await expect(page.getByRole('status', { name: 'Reconnecting' })).toBeVisible({
      timeout: 30_000,
    });
    await page.screenshot({ path: 'test-results/screens/reconnecting.png' });
  } finally {
    clusterPower('start');
  }
  // Change the cluster before the view has caught up; it must converge to exactly this.
  await expect
    .poll(
      () => {
        try {
          kubectl(['get', '--raw', '/readyz']);
          return true;
        } catch {
          return false;
        }
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  kubectlRunPendingPod('team-b', 'after-restart');
  await expect(page.getByRole('status', { name: 'Reconnecting' })).toHaveCount(0, {
    timeout: 60_000,
  });
  await expect
    .poll(() => table.podLines('team-b'), { timeout: 30_000 })
    .toEqual(kubectlPods('team-b'));
  kubectl(['-n', 'team-b', 'delete', 'pod', 'after-restart', '--wait=false']);
  await expect.poll(() => table.podLines('team-b')).toEqual(kubectlPods('team-b'));
  await expect(shell.connection).toHaveText(/Connected/);
});
