import { expect, test, type Page } from '@playwright/test';
import { startWebApp, type RunningApp } from '../support/web-app';
import { clusterPower, kubectl, kubectlPods, requireClusterKubeconfig } from '../support/cluster';
import { ShellPage } from '../support/shell-page';
import { TablePage } from '../support/table-page';

// Stops the whole cluster: runs in its own Playwright project, after every other browser test.
test.use({ viewport: { width: 1500, height: 2400 } });

let app: RunningApp;
test.beforeAll(async () => {
  app = await startWebApp({ kubeconfig: requireClusterKubeconfig() });
});
test.afterAll(() => app?.stop());

/** A pod the scheduler can never place (so it stays Pending), created afresh. */
function runPendingPod(namespace: string, name: string): void {
  kubectl(['-n', namespace, 'delete', 'pod', name, '--ignore-not-found', '--wait=true']);
  kubectl([
    '-n',
    namespace,
    'run',
    name,
    '--image=registry.example.invalid/outsider:1',
    '--restart=Never',
    '--overrides={"spec":{"nodeSelector":{"no-such-label":"x"}}}',
  ]);
}

async function openPods(page: Page, context: string, ns: string): Promise<TablePage> {
  await page.goto(`${app.url}#/pods?context=${context}&ns=${ns}`);
  const table = new TablePage(page, 'Pods');
  await expect(table.table).toBeVisible();
  return table;
}

test('survives an apiserver restart: says reconnecting, then converges exactly', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const shell = new ShellPage(page);
  const table = await openPods(page, 'pilothouse-admin', 'team-b');
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
  runPendingPod('team-b', 'after-restart');
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
