import { expect, test } from '@playwright/test';
import { startWebApp, type RunningApp } from '../support/web-app';
import {
  deleteNamespace,
  firstPodName,
  freshNamespace,
  kubectl,
  kubectlApply,
  kubectlPods,
  kubectlRunPendingPod,
  requireClusterKubeconfig,
} from '../support/cluster';
import { openPods, TablePage } from '../support/table-page';

// Real cluster, one app for the file; serial because some tests change the cluster. They
// change only their own namespace (a Deployment `scratch` and the pods they add), never the
// shared fixtures that other tests read.
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1500, height: 2400 } });

const NS = 'e2e-live-views';
let app: RunningApp;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  freshNamespace(NS);
  kubectlApply(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: scratch, namespace: ${NS}}
spec:
  replicas: 2
  selector: {matchLabels: {app: scratch}}
  template:
    metadata: {labels: {app: scratch}}
    spec:
      terminationGracePeriodSeconds: 0
      containers: [{name: nginx, image: "nginx:1.27"}]
`);
  kubectl(['-n', NS, 'rollout', 'status', 'deploy/scratch', '--timeout=120s']);
  app = await startWebApp({ kubeconfig: requireClusterKubeconfig() });
});
test.afterAll(async () => {
  await app?.stop();
  deleteNamespace(NS);
});

test('the pods table shows exactly what kubectl get pods shows (admin, all and one namespace)', async ({
  page,
}) => {
  const all = await openPods(page, app, 'pilothouse-admin', 'all');
  await expect.poll(() => all.podLines(), { timeout: 20_000 }).toEqual(kubectlPods('all'));
  const one = await openPods(page, app, 'pilothouse-admin', 'team-a');
  await expect
    .poll(() => one.podLines('team-a'), { timeout: 20_000 })
    .toEqual(kubectlPods('team-a'));
  await page.screenshot({ path: 'test-results/screens/pods-team-a.png' });
});

test('viewer: pods in team-a match kubectl; forbidden resources say so and the rest works', async ({
  page,
}) => {
  const pods = await openPods(page, app, 'pilothouse-viewer', 'team-a');
  await expect
    .poll(() => pods.podLines('team-a'), { timeout: 20_000 })
    .toEqual(kubectlPods('team-a', 'pilothouse-viewer'));

  await app.open(page, `#/nodes?context=pilothouse-viewer&ns=team-a`);
  await expect(page.getByRole('alert', { name: 'Forbidden' })).toContainText(
    /not allowed to list nodes/,
  );
  await app.open(page, `#/secrets?context=pilothouse-viewer&ns=team-a`);
  await expect(page.getByRole('alert', { name: 'Forbidden' })).toContainText(
    /secrets in namespace team-a/,
  );
  await page.screenshot({ path: 'test-results/screens/viewer-forbidden.png' });
  await app.open(page, `#/deployments?context=pilothouse-viewer&ns=team-a`);
  await expect(new TablePage(page, 'Deployments').table.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('alert', { name: 'Forbidden' })).toHaveCount(0);
});

test('follows pods created, changed and deleted from outside', async ({ page }) => {
  const table = await openPods(page, app, 'pilothouse-admin', NS);
  await expect.poll(() => table.podLines(NS)).toEqual(kubectlPods(NS));
  kubectlRunPendingPod(NS, 'outsider');
  await expect(table.row('outsider')).toContainText('Pending');
  kubectl(['-n', NS, 'label', 'pod', 'outsider', 'changed=yes']);
  await page.getByRole('searchbox', { name: 'Filter', exact: true }).fill('changed=yes');
  await expect(table.count).toHaveText('1 of ' + String(kubectlPods(NS).length) + ' pods');
  await page.getByRole('searchbox', { name: 'Filter', exact: true }).fill('');
  kubectl(['-n', NS, 'delete', 'pod', 'outsider', '--wait=false']);
  await expect(table.row('outsider')).toHaveCount(0);
  await expect.poll(() => table.podLines(NS)).toEqual(kubectlPods(NS));
});

test('deep link opens an object with its owners, events and YAML; delete and scale work', async ({
  page,
}) => {
  const pod = firstPodName(NS, 'app=scratch');
  await app.open(page, `#/pods?context=pilothouse-admin&ns=${NS}&object=${NS}/${pod}`);
  const panel = page.getByRole('complementary', { name: `Pod ${pod}` });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('navigation', { name: 'Owners' })).toContainText(
    /ReplicaSet scratch-.*Deployment scratch/,
  );
  await expect(panel.getByRole('region', { name: 'Containers', exact: true })).toContainText(
    'Image',
  );
  await panel.getByRole('tab', { name: 'YAML' }).click();
  await expect(panel.getByLabel('YAML')).toContainText(`name: ${pod}`);
  await expect(panel.getByLabel('YAML')).not.toContainText('managedFields');

  await panel.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete Pod ${pod}?` });
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(panel.getByRole('status')).toContainText(`Deleted ${pod}`);
  await expect
    .poll(() => kubectl(['-n', NS, 'get', 'pod', pod, '--ignore-not-found', '-o', 'name']).trim())
    .toBe('');

  await expect(panel.getByText('This object no longer exists')).toBeVisible();
  await panel.getByRole('tab', { name: 'Summary' }).click();
  await panel
    .getByRole('navigation', { name: 'Owners' })
    .getByRole('link', { name: /Deployment scratch/ })
    .click();
  const deployment = page.getByRole('complementary', { name: 'Deployment scratch' });
  const replicas = Number(
    kubectl(['-n', NS, 'get', 'deploy', 'scratch', '-o', 'jsonpath={.spec.replicas}']),
  );
  await deployment.getByRole('spinbutton', { name: 'Replicas' }).fill(String(replicas + 1));
  await deployment.getByRole('button', { name: 'Scale' }).click();
  await expect
    .poll(() =>
      Number(kubectl(['-n', NS, 'get', 'deploy', 'scratch', '-o', 'jsonpath={.spec.replicas}'])),
    )
    .toBe(replicas + 1);
});

test('custom resources are discovered and listed generically', async ({ page }) => {
  await app.open(page, `#/overview?context=pilothouse-admin&ns=team-a`);
  const logsKind = page.locator(
    'nav[aria-label="Sections"] a[href*="crd=kwok.x-k8s.io/v1alpha1/logs"]',
  );
  await expect(logsKind).toHaveText('Logs');
  await logsKind.click();
  const table = new TablePage(page, 'Logs');
  const expected = kubectl(['-n', 'team-a', 'get', 'logs.kwok.x-k8s.io', '-o', 'name'])
    .trim()
    .split('\n')
    .map((n) => n.replace(/^.*\//, ''))
    .sort();
  await expect
    .poll(async () => (await table.rows()).map((r) => r['Name'] ?? '').sort(), { timeout: 20_000 })
    .toEqual(expected);
  await page.screenshot({ path: 'test-results/screens/custom-resources.png' });
});
