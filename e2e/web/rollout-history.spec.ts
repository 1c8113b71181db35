// Issue 11 in the browser, the history half: the History tab lists a Deployment's
// revisions as kubectl rollout history does; a two-revision diff colours the image change;
// a rollback through the dialog (naming the workload, showing the dry-run diff) leaves
// what kubectl then reports; Restart and Pause/Resume confirm and act as kubectl does.
// Everything happens in this test's own namespace.
import { expect, test } from '@playwright/test';
import { startWebApp, type RunningApp } from '../support/web-app';
import {
  deleteNamespace,
  freshNamespace,
  kubectl,
  kubectlApply,
  requireClusterKubeconfig,
} from '../support/cluster';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1400, height: 900 } });

const NS = 'e2e-rollout-history-web';
const NAME = 'storefront';
const CONTEXT = 'pilothouse-admin';
const IMAGES = ['nginx:1.25', 'nginx:1.26', 'nginx:1.27'];
const SCREENS = 'test-results/screens';

let app: RunningApp;

function deployment(revision: number): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: NAME,
      namespace: NS,
      annotations: { 'kubernetes.io/change-cause': `release ${revision}: ${IMAGES[revision - 1]}` },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: NAME } },
      template: {
        metadata: { labels: { app: NAME } },
        spec: {
          terminationGracePeriodSeconds: 0,
          containers: [{ name: 'web', image: IMAGES[revision - 1] }],
        },
      },
    },
  });
}

const STS = 'ledger';
/** A change-cause is what the cluster says: markup in it must stay text. */
const HOSTILE_CAUSE = '<img src=x onerror="document.title=\'pwned\'"> \u001b[31mred';

function statefulSet(revision: number): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: STS,
      namespace: NS,
      annotations: { 'kubernetes.io/change-cause': revision === 2 ? HOSTILE_CAUSE : 'first' },
    },
    spec: {
      replicas: 3,
      serviceName: STS,
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: { app: STS } },
      template: {
        metadata: { labels: { app: STS } },
        spec: {
          terminationGracePeriodSeconds: 0,
          containers: [{ name: 'db', image: IMAGES[revision - 1] }],
        },
      },
    },
  });
}

function history(workload = `deployment/${NAME}`): string[] {
  return kubectl(['rollout', 'history', '-n', NS, workload])
    .split('\n')
    .slice(2)
    .map((l) => l.trim().replace(/\s+/, ' '))
    .filter(Boolean);
}

const jsonpath = (path: string) =>
  kubectl(['get', '-n', NS, `deployment/${NAME}`, '-o', `jsonpath={${path}}`]).trim();

test.beforeAll(async () => {
  test.setTimeout(180_000);
  freshNamespace(NS);
  for (let revision = 1; revision <= 3; revision++) {
    kubectlApply(deployment(revision));
    await expect.poll(() => history().length, { timeout: 60_000 }).toBe(revision);
  }
  for (let revision = 1; revision <= 2; revision++) {
    kubectlApply(statefulSet(revision));
    await expect
      .poll(() => history(`statefulset/${STS}`).length, { timeout: 60_000 })
      .toBe(revision);
  }
  app = await startWebApp({ kubeconfig: requireClusterKubeconfig() });
});
test.afterAll(async () => {
  await app?.stop();
  deleteNamespace(NS);
});

async function openPanel(page: import('@playwright/test').Page, tab: 'History' | 'Rollout') {
  await app.open(page, `#/deployments?context=${CONTEXT}&ns=${NS}&object=${NS}/${NAME}`);
  const panel = page.getByRole('complementary', { name: `Deployment ${NAME}` });
  await panel.getByRole('tab', { name: tab }).click();
  return panel;
}

test('the History tab lists the revisions as kubectl does, and diffs two of them', async ({
  page,
}) => {
  const panel = await openPanel(page, 'History');
  const rows = panel.getByRole('table', { name: 'Revisions' }).locator('tbody tr');
  await expect(rows).toHaveCount(3);
  for (let revision = 1; revision <= 3; revision++) {
    const row = panel.getByRole('row', { name: `Revision ${revision}` });
    await expect(row).toContainText(`release ${revision}: ${IMAGES[revision - 1]}`);
    await expect(
      row.getByRole('button', { name: `Roll back to revision ${revision}` }),
    ).toBeVisible();
  }
  expect(history()).toEqual(IMAGES.map((image, i) => `${i + 1} release ${i + 1}: ${image}`));
  // Pods on the current revision, live from the pod watch.
  await expect(panel.getByRole('row', { name: 'Revision 3' }).locator('td').nth(4)).toHaveText('2');

  await panel.getByLabel('Diff from').selectOption('1');
  await panel.getByLabel('Diff to').selectOption('3');
  const diff = panel.getByLabel('Diff', { exact: true });
  await expect(diff.locator('.diff-del')).toContainText(['image: nginx:1.25']);
  await expect(diff.locator('.diff-add')).toContainText(['image: nginx:1.27']);
  await expect(diff).not.toContainText('pod-template-hash');
  // Coloured: added green, removed red.
  const colours = await Promise.all(
    ['.diff-add', '.diff-del'].map((c) =>
      diff
        .locator(c)
        .first()
        .evaluate((e) => getComputedStyle(e).color),
    ),
  );
  expect(colours[0]).not.toBe(colours[1]);
  await page.screenshot({ path: `${SCREENS}/rollout-history-tab.png` });
});

test('a rollback through the dialog names the workload, shows the dry-run diff, and equals kubectl undo', async ({
  page,
}) => {
  const panel = await openPanel(page, 'History');
  await panel.getByRole('button', { name: 'Roll back to revision 1' }).click();
  const dialog = page.getByRole('dialog', { name: `Roll back Deployment ${NAME} to revision 1?` });
  await expect(dialog.locator('dl > div')).toHaveText([
    `Context${CONTEXT}`,
    `Namespace${NS}`,
    'KindDeployment',
    `Name${NAME}`,
    'To revision1',
  ]);
  const changes = dialog.getByRole('region', { name: 'Changes the rollback applies' });
  await expect(changes.locator('.diff-add')).toContainText(['image: nginx:1.25']);
  await expect(changes.locator('.diff-del')).toContainText(['image: nginx:1.27']);
  await page.screenshot({ path: `${SCREENS}/rollout-rollback-dialog.png` });
  // The dry run changed nothing.
  expect(jsonpath('.spec.template.spec.containers[0].image')).toBe('nginx:1.27');

  await dialog.getByRole('button', { name: 'Roll back' }).click();
  await expect(panel.getByRole('status')).toContainText('Rolled back to revision 1.');
  await expect
    .poll(history)
    .toEqual(['2 release 2: nginx:1.26', '3 release 3: nginx:1.27', '4 release 1: nginx:1.25']);
  expect(jsonpath('.spec.template.spec.containers[0].image')).toBe('nginx:1.25');
  await expect(panel.getByRole('row', { name: 'Revision 4' })).toContainText(
    'release 1: nginx:1.25',
  );
  // The pods move to the new revision, live.
  const pods = (revision: number) =>
    panel
      .getByRole('row', { name: `Revision ${revision}` })
      .locator('td')
      .nth(4);
  await expect(pods(4)).toHaveText('2');
  await expect(pods(3)).toHaveText('0');
});

test('Restart and Pause/Resume confirm, naming the workload, and act as kubectl does', async ({
  page,
}) => {
  const panel = await openPanel(page, 'Rollout');
  await expect(panel.getByRole('table', { name: 'Revisions with pods' })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/rollout-tab.png` });

  await panel.getByRole('button', { name: 'Restart' }).click();
  const restart = page.getByRole('dialog', { name: `Restart Deployment ${NAME}?` });
  await expect(restart.locator('dl > div')).toHaveText([
    `Context${CONTEXT}`,
    `Namespace${NS}`,
    'KindDeployment',
    `Name${NAME}`,
  ]);
  await restart.getByRole('button', { name: 'Restart' }).click();
  await expect(panel.getByRole('status')).toContainText(`Deployment ${NAME} restarted.`);
  expect(
    jsonpath('.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt'),
  ).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);

  await panel.getByRole('button', { name: 'Pause' }).click();
  const pause = page.getByRole('dialog', { name: `Pause the rollout of Deployment ${NAME}?` });
  await pause.getByRole('button', { name: 'Pause' }).click();
  await expect(panel.getByRole('status')).toContainText(`Deployment ${NAME} paused.`);
  expect(jsonpath('.spec.paused')).toBe('true');
  await expect(panel.getByLabel('Rollout status')).toBeVisible();

  await panel.getByRole('button', { name: 'Resume' }).click();
  const resume = page.getByRole('dialog', { name: `Resume the rollout of Deployment ${NAME}?` });
  await resume.getByRole('button', { name: 'Resume' }).click();
  await expect(panel.getByRole('status')).toContainText(`Deployment ${NAME} resumed.`);
  expect(jsonpath('.spec.paused')).toBe('');
  await expect(panel.getByRole('button', { name: 'Pause' })).toBeVisible();
});

test('a StatefulSet: its history from ControllerRevisions (markup in a change-cause stays text) and a staged rollout through the partition', async ({
  page,
}) => {
  await app.open(page, `#/statefulsets?context=${CONTEXT}&ns=${NS}&object=${NS}/${STS}`);
  const panel = page.getByRole('complementary', { name: `StatefulSet ${STS}` });
  await panel.getByRole('tab', { name: 'History' }).click();
  await expect(panel.getByRole('table', { name: 'Revisions' }).locator('tbody tr')).toHaveCount(2);
  await expect(panel.getByRole('row', { name: 'Revision 2' })).toContainText(HOSTILE_CAUSE);
  await expect(panel.locator('img')).toHaveCount(0);
  expect(await page.title()).not.toBe('pwned');

  await panel.getByRole('tab', { name: 'Rollout' }).click();
  await panel.getByRole('spinbutton', { name: 'Partition' }).fill('2');
  await panel.getByRole('button', { name: 'Set partition' }).click();
  const dialog = page.getByRole('dialog', {
    name: `Set the partition of StatefulSet ${STS} to 2?`,
  });
  await expect(dialog.locator('dl > div')).toHaveText([
    `Context${CONTEXT}`,
    `Namespace${NS}`,
    'KindStatefulSet',
    `Name${STS}`,
    'Partition2',
  ]);
  await page.screenshot({ path: `${SCREENS}/rollout-partition-dialog.png` });
  await dialog.getByRole('button', { name: 'Set partition' }).click();
  await expect(panel.getByRole('status')).toContainText(`StatefulSet ${STS} partition set to 2.`);
  expect(
    kubectl([
      'get',
      '-n',
      NS,
      `statefulset/${STS}`,
      '-o',
      'jsonpath={.spec.updateStrategy.rollingUpdate.partition}',
    ]).trim(),
  ).toBe('2');
  await page.screenshot({ path: `${SCREENS}/rollout-tab-statefulset.png` });
});
