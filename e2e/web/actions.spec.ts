// Test 6 of issue 10 in the browser: the delete dialog names context, namespace, kind and
// name; a delete confirmed after the object was replaced behind the user's back (deleted
// and created again under the same name, with kubectl) is refused by the API server, the
// panel says so and the new object stays; scaling to 0 asks first. Names are as long as
// Kubernetes allows (a 253-character ConfigMap, a 63-character namespace) and the context
// name is an EKS-style ARN, so the screenshots show the dialogs with long names.
import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
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

/** 63 characters: the longest namespace name Kubernetes accepts. */
const NS = 'e2e-actions-web-a-namespace-name-as-long-as-kubernetes-allows-x';
/** 253 characters: the longest ConfigMap name. */
const CONFIGMAP = ('settings-' + 'of-a-configmap-whose-name-is-as-long-as-names-get-'.repeat(6))
  .slice(0, 252)
  .replace(/-+$/, '')
  .padEnd(253, 'z');
const DEPLOYMENT = 'storefront-frontend-with-a-rather-long-deployment-name';
const CONTEXT =
  'arn:aws:eks:eu-central-1:123456789012:cluster/pilothouse-production-eu-central-1-blue';
const SCREENS = 'test-results/screens';

let app: RunningApp;
let dir: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  expect(NS).toHaveLength(63);
  expect(CONFIGMAP).toHaveLength(253);
  freshNamespace(NS);
  kubectlApply(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${DEPLOYMENT}, namespace: ${NS}}
spec:
  replicas: 1
  selector: {matchLabels: {app: storefront}}
  template:
    metadata: {labels: {app: storefront}}
    spec:
      terminationGracePeriodSeconds: 0
      containers: [{name: nginx, image: "nginx:1.27"}]
`);
  // The cluster's kubeconfig with one more context, named like an EKS cluster's ARN.
  const doc = parse(readFileSync(requireClusterKubeconfig(), 'utf8')) as {
    contexts: { name: string; context: Record<string, unknown> }[];
    'current-context'?: string;
  };
  const adminContext = doc.contexts.find((c) => c.name === 'pilothouse-admin');
  if (!adminContext) throw new Error('pilothouse-admin context missing');
  doc.contexts.push({ name: CONTEXT, context: { ...adminContext.context, namespace: NS } });
  doc['current-context'] = CONTEXT;
  dir = mkdtempSync(path.join(os.tmpdir(), 'pilothouse-actions-web-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, stringify(doc));
  app = await startWebApp({ kubeconfig });
});
test.afterAll(async () => {
  await app?.stop();
  deleteNamespace(NS);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Creates the ConfigMap afresh and returns its uid. */
function createConfigMap(generation: string): string {
  kubectl(['-n', NS, 'delete', 'configmap', CONFIGMAP, '--ignore-not-found', '--wait=true']);
  kubectlApply(
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: CONFIGMAP, namespace: NS },
      data: { generation },
    }),
  );
  return configMapUid();
}

function configMapUid(): string {
  return kubectl([
    '-n',
    NS,
    'get',
    'configmap',
    CONFIGMAP,
    '--ignore-not-found',
    '-o',
    'jsonpath={.metadata.uid}',
  ]).trim();
}

const replicas = () =>
  Number(kubectl(['-n', NS, 'get', 'deploy', DEPLOYMENT, '-o', 'jsonpath={.spec.replicas}']));

test('a delete confirmed after the object was replaced is refused and shown as such', async ({
  page,
}) => {
  const seen = createConfigMap('first');
  const context = encodeURIComponent(CONTEXT);
  await app.open(page, `#/configmaps?context=${context}&ns=${NS}&object=${NS}/${CONFIGMAP}`);
  const panel = page.getByRole('complementary', { name: `ConfigMap ${CONFIGMAP}` });
  await panel.getByRole('tab', { name: 'YAML' }).click();
  await expect(panel.getByLabel('YAML')).toContainText(`uid: ${seen}`);

  await panel.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete ConfigMap ${CONFIGMAP}?` });
  await expect(dialog).toBeVisible();
  const facts = dialog.locator('dl > div');
  await expect(facts).toHaveText([
    `Context${CONTEXT}`,
    `Namespace${NS}`,
    'KindConfigMap',
    `Name${CONFIGMAP}`,
  ]);
  // Long names wrap inside the dialog, which stays inside the window, wide or narrow.
  for (const [width, height, file] of [
    [1400, 900, 'actions-delete-dialog.png'],
    [420, 640, 'actions-delete-dialog-narrow.png'],
  ] as const) {
    await page.setViewportSize({ width, height });
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= width, `${width} px`).toBe(true);
    for (const dd of await dialog.locator('dd').all()) {
      const [scroll, client] = await dd.evaluate((e) => [e.scrollWidth, e.clientWidth]);
      expect(scroll).toBeLessThanOrEqual(client!);
    }
    // The buttons stay in view, however long the names.
    await expect(dialog.getByRole('button', { name: 'Delete' })).toBeInViewport();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeInViewport();
    await page.screenshot({ path: `${SCREENS}/${file}` });
  }
  await page.setViewportSize({ width: 1400, height: 900 });

  // Behind the user's back, while the dialog is open: the same name, another object.
  const replacement = createConfigMap('second');
  expect(replacement).not.toBe(seen);

  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(panel.getByRole('alert')).toContainText(
    `ConfigMap ${CONFIGMAP} was replaced since you opened it; nothing was deleted.`,
  );
  await page.screenshot({ path: `${SCREENS}/actions-delete-replaced.png` });
  expect(configMapUid()).toBe(replacement);

  // The panel now shows the new object; deleting that one works.
  await expect(panel.getByLabel('YAML')).toContainText(`uid: ${replacement}`);
  await panel.getByRole('button', { name: 'Delete' }).click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(panel.getByRole('status')).toContainText(`Deleted ${CONFIGMAP}`);
  await expect.poll(configMapUid).toBe('');
});

test('scaling to 0 asks first, naming the same; other values scale at once', async ({ page }) => {
  const context = encodeURIComponent(CONTEXT);
  await app.open(page, `#/deployments?context=${context}&ns=${NS}&object=${NS}/${DEPLOYMENT}`);
  const panel = page.getByRole('complementary', { name: `Deployment ${DEPLOYMENT}` });
  const field = panel.getByRole('spinbutton', { name: 'Replicas' });
  await expect(field).toHaveValue('1');
  const dialog = page.getByRole('dialog', { name: `Scale Deployment ${DEPLOYMENT} to 0?` });

  await field.fill('0');
  await panel.getByRole('button', { name: 'Scale' }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('dl > div')).toHaveText([
    `Context${CONTEXT}`,
    `Namespace${NS}`,
    'KindDeployment',
    `Name${DEPLOYMENT}`,
  ]);
  await page.screenshot({ path: `${SCREENS}/actions-scale-to-zero-dialog.png` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect(replicas()).toBe(1);

  await panel.getByRole('button', { name: 'Scale' }).click();
  await dialog.getByRole('button', { name: 'Scale to 0' }).click();
  await expect(panel.getByRole('status')).toContainText('Scaled to 0.');
  await expect.poll(replicas).toBe(0);

  await field.fill('2');
  await panel.getByRole('button', { name: 'Scale' }).click();
  await expect.poll(replicas).toBe(2);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
