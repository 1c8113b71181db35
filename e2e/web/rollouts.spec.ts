// Issue 11: the Rollouts view in a real browser against the real cluster. The table follows
// a rolling update live (kubectl set image on a copy of the fixture rollouts/slow in this
// test's own namespace, e2e-rollouts-view): the row's revision and progress move and it ends
// complete. Also: filter by status, sort, a row opens its detail panel, a viewer sees what
// it may not list, the empty state, and long names in a narrow window (screenshots in
// test-results/screens/; PILOTHOUSE_README_SCREENSHOTS=1 also writes the README's,
// docs/images/rollouts.png, which a plain run leaves alone).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { parse, stringify } from 'yaml';
import { startWebApp, repoRoot, type RunningApp } from '../support/web-app';
import {
  deleteNamespace,
  freshNamespace,
  kubectl,
  kubectlApply,
  requireClusterKubeconfig,
} from '../support/cluster';
import { TablePage } from '../support/table-page';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1600, height: 1000 } });

const NS = 'e2e-rollouts-view';
const LONG_NAME = 'a-deployment-with-a-rather-long-name-to-see-how-the-table-copes';
let app: RunningApp;

/** The fixture rollouts/slow, applied to this test's namespace. */
function applySlow(): void {
  const doc = parse(
    readFileSync(path.join(repoRoot, 'e2e/cluster/fixtures/rollouts/slow.yaml'), 'utf8'),
  ) as { metadata: { namespace: string } };
  doc.metadata.namespace = NS;
  kubectlApply(stringify(doc));
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  freshNamespace(NS);
  applySlow();
  kubectlApply(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${LONG_NAME}, namespace: ${NS}}
spec:
  replicas: 0
  selector: {matchLabels: {app: long}}
  template:
    metadata: {labels: {app: long}}
    spec: {containers: [{name: app, image: example.invalid/long:1}]}
`);
  kubectl(['-n', NS, 'rollout', 'status', 'deploy/slow', '--timeout=120s']);
  app = await startWebApp({ kubeconfig: requireClusterKubeconfig() });
});
test.afterAll(async () => {
  await app?.stop();
  deleteNamespace(NS);
});

async function openRollouts(page: import('@playwright/test').Page, hash: string) {
  await app.open(page, hash);
  const table = new TablePage(page, 'Rollouts');
  await expect(page.getByRole('heading', { name: 'Rollouts', level: 1 })).toBeVisible();
  return table;
}

test('the Rollouts table follows a rolling update live, and it ends complete', async ({ page }) => {
  test.setTimeout(120_000);
  const table = await openRollouts(page, `#/rollouts?context=pilothouse-admin&ns=${NS}`);
  const slow = table.row('slow');
  const progress = slow.getByRole('img');
  await expect(slow).toContainText('Complete');
  await expect(slow.getByRole('cell').nth(4)).toHaveText(/^1$/); // revision (namespace hidden)
  await expect(progress).toHaveAccessibleName('4 of 4 updated, 4 ready, 4 available');
  await expect(slow).toContainText('maxSurge 1 pod (25%), maxUnavailable 1 pod (25%)');

  kubectl([
    '-n',
    NS,
    'set',
    'image',
    'deploy/slow',
    'app=registry.example.invalid/rollouts/slow:2.0.0',
  ]);
  // The new revision shows, with pods of both revisions while it moves.
  await expect(slow.getByRole('cell').nth(4)).toHaveText(/^2$/);
  await expect(slow).toContainText('Progressing');
  await expect(progress).toHaveAccessibleName(/of 4 updated, \d ready, \d available, \d old/);
  await expect(slow).toContainText(/Waiting for deployment "slow" rollout to finish/);
  await page.screenshot({ path: 'test-results/screens/rollouts-moving.png' });
  // And it ends complete: kubectl agrees.
  await expect(slow).toContainText('Complete', { timeout: 60_000 });
  await expect(progress).toHaveAccessibleName('4 of 4 updated, 4 ready, 4 available');
  await expect(slow).toContainText('deployment "slow" successfully rolled out');
  expect(kubectl(['-n', NS, 'rollout', 'status', '--watch=false', 'deploy/slow']).trim()).toBe(
    'deployment "slow" successfully rolled out',
  );
});

test('every kind in the fixtures: filter by status, sort, open the detail panel', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Screenshot for the README while a rollout moves.
  kubectl([
    '-n',
    NS,
    'set',
    'image',
    'deploy/slow',
    'app=registry.example.invalid/rollouts/slow:3.0.0',
  ]);
  const table = await openRollouts(
    page,
    `#/rollouts?context=pilothouse-admin&ns=team-a,team-b,rollouts,${NS}`,
  );
  await expect(table.row('ledger')).toContainText('StatefulSet');
  await expect(table.row('collector')).toContainText('DaemonSet');
  // team-a/api reports its stall 30 s after its last revision (on a cluster just created).
  await expect(table.row('api')).toContainText('Deadline exceeded', { timeout: 110_000 });
  await expect(table.row('frozen')).toContainText('Paused');
  await expect(table.row('slow').filter({ hasText: NS })).toContainText('Progressing');
  // StatefulSets and DaemonSets: the revision number from their ControllerRevisions.
  const revision = (name: string) => table.row(name).getByRole('cell').nth(5);
  await expect(revision('ledger')).toHaveText('3');
  await expect(revision('collector')).toHaveText('3');
  await expect(page.getByText(/Connected · v1/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/rollouts.png' });
  if (process.env['PILOTHOUSE_README_SCREENSHOTS'] === '1')
    await page.screenshot({ path: 'docs/images/rollouts.png' });

  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Paused (1)' });
  await expect(table.count).toHaveText(/^1 of \d+ workloads$/);
  await expect(table.row('frozen')).toContainText(
    'Waiting for deployment "frozen" rollout to finish: 0 out of 2 new replicas have been updated...',
  );
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'All statuses' });

  await page.getByRole('button', { name: 'Kind' }).click();
  const kinds = (await table.rows()).map((r) => r['Kind']);
  expect(kinds).toEqual([...kinds].sort());
  expect(new Set(kinds)).toEqual(new Set(['DaemonSet', 'Deployment', 'StatefulSet']));

  await table.row('ledger').click();
  await expect(page).toHaveURL(/#\/statefulsets\?.*object=rollouts\/ledger/);
  await expect(page.getByRole('complementary', { name: 'StatefulSet ledger' })).toBeVisible();
});

test('a viewer sees the Deployments it may list and is told what it may not', async ({ page }) => {
  test.setTimeout(180_000);
  const table = await openRollouts(page, '#/rollouts?context=pilothouse-viewer&ns=team-a');
  await expect(table.row('web')).toContainText('Complete');
  await expect(table.row('api')).toContainText('deployment "api" exceeded its progress deadline', {
    timeout: 110_000,
  });
  const forbidden = page.getByRole('alert', { name: 'Forbidden' });
  await expect(forbidden.filter({ hasText: 'team-a (statefulsets)' })).toContainText(
    /statefulsets/,
  );
  await expect(forbidden.filter({ hasText: 'team-a (daemonsets)' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/rollouts-viewer.png' });
});

test('empty namespaces say so; long names in a narrow window', async ({ page }) => {
  await openRollouts(page, '#/rollouts?context=pilothouse-admin&ns=default');
  await expect(
    page.getByText('No Deployments, StatefulSets or DaemonSets in default.'),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/rollouts-empty.png' });

  await page.setViewportSize({ width: 760, height: 700 });
  const table = await openRollouts(page, `#/rollouts?context=pilothouse-admin&ns=${NS}`);
  await expect(table.row(LONG_NAME)).toContainText('Complete');
  await expect(table.row(LONG_NAME).getByRole('img')).toHaveAccessibleName(
    '0 of 0 updated, 0 ready, 0 available',
  );
  await page.screenshot({ path: 'test-results/screens/rollouts-narrow.png' });
});
