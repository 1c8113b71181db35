import { expect, test } from '@playwright/test';
import { startWebApp, type RunningApp } from '../support/web-app';
import {
  clusterPower,
  deleteNamespace,
  freshNamespace,
  kubectl,
  kubectlPods,
  kubectlRunPendingPod,
  requireClusterKubeconfig,
} from '../support/cluster';
import { ShellPage } from '../support/shell-page';
import { openPods } from '../support/table-page';

// Stops the whole cluster: runs in its own Playwright project, after every other browser test,
// and only ever on the test's own cluster (clusterPower refuses the demo cluster). The view
// follows team-b (read only) and a namespace of the test's own, where it adds a pod.
test.use({ viewport: { width: 1500, height: 2400 } });

const NS = 'e2e-apiserver-restart';
const podLines = () => [...kubectlPods('team-b'), ...kubectlPods(NS)].sort();
let app: RunningApp;
test.beforeAll(async () => {
  freshNamespace(NS);
  app = await startWebApp({ kubeconfig: requireClusterKubeconfig() });
});
test.afterAll(async () => {
  await app?.stop();
  deleteNamespace(NS);
});

test('survives an apiserver restart: says reconnecting, then converges exactly', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const shell = new ShellPage(page);
  const table = await openPods(page, app, 'pilothouse-admin', `team-b,${NS}`);
  await expect.poll(() => table.podLines()).toEqual(podLines());
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
  kubectlRunPendingPod(NS, 'after-restart');
  await expect(page.getByRole('status', { name: 'Reconnecting' })).toHaveCount(0, {
    timeout: 60_000,
  });
  await expect.poll(() => table.podLines(), { timeout: 30_000 }).toEqual(podLines());
  kubectl(['-n', NS, 'delete', 'pod', 'after-restart', '--wait=false']);
  await expect.poll(() => table.podLines()).toEqual(podLines());
  await expect(shell.connection).toHaveText(/Connected/);
});
