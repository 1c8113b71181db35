// Issue 12 in the browser: forwards started from the pod, Service and Deployment detail
// panels answer (the test fetches 127.0.0.1 itself, not the page); the Port-forwards view
// follows a Service forward through `kubectl rollout restart` (the pod changes, the state
// comes back to Active); stop (keep / remove) and restart; Open in browser; a port in use
// is an error state; "Forward all Services" on a namespace shows its table and hosts-file
// lines; the view in a narrow window. Screenshots go to test-results/screens/;
// PILOTHOUSE_README_SCREENSHOTS=1 also writes the README's, docs/images/port-forwards.png.
// Everything runs in this test's own namespace, served by the fixture agent's per-pod
// servers (each answers "pod: <name>").
import { get } from 'node:http';
import { createServer, type Server } from 'node:net';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startWebApp, type RunningApp } from '../support/web-app';
import {
  deleteNamespace,
  freshNamespace,
  waitForAgentForwards,
  kubectl,
  kubectlApply,
  requireClusterKubeconfig,
} from '../support/cluster';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1500, height: 950 }, screenshot: 'only-on-failure' });

const NS = 'e2e-forwards-web';
const CTX = 'pilothouse-admin';
const SCREENS = 'test-results/screens';
let app: RunningApp;
let blocker: Server | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  freshNamespace(NS, { agentLogs: true });
  kubectlApply(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${NS}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 0
      containers:
        - name: app
          image: registry.example.invalid/web:1
          ports: [{name: http, containerPort: 8080}, {name: metrics, containerPort: 9113}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${NS}}
spec:
  selector: {app: web}
  ports:
    - {name: http, port: 80, targetPort: http}
    - {name: metrics, port: 9113, targetPort: 9113}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: ${NS}}
spec:
  selector: {app: db}
  ports: [{name: postgres, port: 5432, targetPort: postgres}]
---
apiVersion: v1
kind: Pod
metadata: {name: db-0, namespace: ${NS}, labels: {app: db}}
spec:
  terminationGracePeriodSeconds: 0
  containers:
    - name: postgres
      image: registry.example.invalid/postgres:16
      ports: [{name: postgres, containerPort: 5432}]
`);
  kubectl(['-n', NS, 'rollout', 'status', 'deploy/web', '--timeout=120s']);
  kubectl(['-n', NS, 'wait', '--for=condition=Ready', 'pod/db-0', '--timeout=120s']);
  waitForAgentForwards(NS);
  app = await startWebApp({ kubeconfig: requireClusterKubeconfig() });
});
test.afterAll(async () => {
  await app?.stop();
  blocker?.close();
  deleteNamespace(NS);
});

/**
 * GET http://<address>/ from the test process, on a new TCP connection each time (no
 * keep-alive: a kept socket would stay on the pod it first reached); the body names the
 * pod that answered.
 */
function answer(address: string): Promise<string> {
  const [host, port] = address.split(':') as [string, string];
  return new Promise((resolve, reject) => {
    const req = get(
      { host, port: Number(port), path: '/', agent: false, timeout: 5_000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${res.statusCode}`)),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

/** Polls until a fetch through `address` is answered by a pod matching `pod`. */
async function expectAnswerFrom(address: string, pod: RegExp, timeout = 15_000) {
  await expect
    .poll(
      async () => {
        try {
          return /pod: (\S+)/.exec(await answer(address))?.[1] ?? '';
        } catch (error) {
          return String(error);
        }
      },
      { timeout, message: `an answer through ${address}` },
    )
    .toMatch(pod);
}

/** The pods of the web Deployment, by name. */
function webPods(): string[] {
  return kubectl([
    '-n',
    NS,
    'get',
    'pods',
    '-l',
    'app=web',
    '-o',
    'jsonpath={.items[*].metadata.name}',
  ])
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/** Opens `kind`'s detail panel on `name`, starts a forward of `port` on any free port. */
async function forwardFromPanel(
  page: Page,
  view: string,
  singular: string,
  name: string,
  port: RegExp,
  screenshot?: string,
): Promise<string> {
  await app.open(page, `#/${view}?context=${CTX}&ns=${NS}&object=${NS}/${name}`);
  const panel = page.getByRole('complementary', { name: `${singular} ${name}` });
  await panel.getByRole('button', { name: 'Forward…' }).click();
  const dialog = page.getByRole('dialog', { name: `Forward ${singular} ${name}` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: port }).check();
  await dialog.getByRole('radio', { name: 'Any free port' }).check();
  await expect(dialog.getByRole('radio', { name: /127\.0\.0\.1/ })).toBeChecked();
  if (screenshot) await page.screenshot({ path: `${SCREENS}/${screenshot}` });
  await dialog.getByRole('button', { name: 'Start forward' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(panel.getByRole('status')).toContainText(`Forwarding ${singular} ${name}`);
  // The panel lists the forward, live, with its bound address.
  const notice = panel.getByRole('region', { name: `Forwards of ${singular} ${name}` });
  await expect(notice).toContainText('Active', { timeout: 15_000 });
  const address = /127\.0\.0\.1:\d+/.exec((await notice.textContent()) ?? '')?.[0];
  expect(address, 'the bound address').toBeTruthy();
  return address!;
}

function forwardRow(page: Page, target: string): Locator {
  const escaped = target.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return page.getByRole('row', { name: new RegExp(`^Forward ${escaped}`) });
}

/** The view's outcome banner (the top bar has a status of its own). */
const viewStatus = (page: Page) =>
  page.getByRole('region', { name: 'Port-forwards' }).getByRole('status');

async function openView(page: Page) {
  await app.open(page, `#/port-forwards?context=${CTX}&ns=${NS}`);
  await expect(page.getByRole('heading', { name: 'Port-forwards', level: 1 })).toBeVisible();
}

test('the empty view says how to start a forward', async ({ page }) => {
  await openView(page);
  await expect(page.getByText(`No port-forwards in ${CTX} yet.`)).toBeVisible();
  await expect(page.getByText('Forward all Services')).toBeVisible();
  await expect(page.getByText('pilothouse forward svc/web 8080:80 -n team-a')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/forwards-empty.png` });
});

test('a forward from the pod panel answers from that pod', async ({ page }) => {
  const address = await forwardFromPanel(page, 'pods', 'Pod', 'db-0', /^postgres 5432/);
  await expectAnswerFrom(address, /^db-0$/);
});

let webAddress = '';

test('a forward from the Service panel answers from a pod behind it', async ({ page }) => {
  webAddress = await forwardFromPanel(
    page,
    'services',
    'Service',
    'web',
    /^http 80/,
    'forwards-dialog.png',
  );
  await expectAnswerFrom(webAddress, new RegExp(`^(${webPods().join('|')})$`));
});

test('the view follows the Service forward through kubectl rollout restart', async ({ page }) => {
  test.setTimeout(120_000);
  await openView(page);
  const row = forwardRow(page, `${NS}/svc/web:80 (${webAddress})`);
  const podCell = row.getByRole('cell').nth(2);
  const stateCell = row.getByRole('cell').nth(3);
  await expect(stateCell).toContainText('Active');
  const before = webPods();
  expect(before).toContain((await podCell.textContent())?.trim());

  kubectl(['-n', NS, 'rollout', 'restart', 'deploy/web']);
  // Every state the row shows until it is Active on a pod of the new ReplicaSet.
  const seen: string[] = [];
  const deadline = Date.now() + 60_000;
  let pod: string;
  for (;;) {
    pod = (await podCell.textContent())?.trim() ?? '';
    const stateText = (await stateCell.textContent())?.replace(/^[●◐✕○]\s*/, '').trim() ?? '';
    if (seen.at(-1) !== `${stateText} [${pod}]`) seen.push(`${stateText} [${pod}]`);
    if (!before.includes(pod) && pod !== '–' && stateText.startsWith('Active')) break;
    expect(Date.now(), `states seen: ${seen.join(' → ')}`).toBeLessThan(deadline);
    await page.waitForTimeout(100);
  }
  console.log(`[forwards.spec] states through the rollout: ${seen.join(' → ')}`);
  // The state is always words the engine wrote (never blank), and ends Active on a new pod.
  for (const s of seen) expect(s, `states seen: ${seen.join(' → ')}`).toMatch(/^\S/);
  kubectl(['-n', NS, 'rollout', 'status', 'deploy/web', '--timeout=120s']);
  expect(webPods()).toContain(pod);
  await expectAnswerFrom(webAddress, new RegExp(`^(${webPods().join('|')})$`));
});

test('restart, stop and keep, start again, stop and remove', async ({ page }) => {
  test.setTimeout(90_000);
  await openView(page);
  const target = `${NS}/pod/db-0:5432`;
  const row = forwardRow(page, target);
  await expect(row).toContainText('Active');
  await row.getByRole('button', { name: /^Restart / }).click();
  await expect(viewStatus(page)).toContainText(`Restarted ${target}`);
  await expect(row).toContainText('Active');

  await row.getByRole('button', { name: /^Stop / }).click();
  const dialog = page.getByRole('dialog', { name: /^Stop the forward / });
  await dialog.getByRole('button', { name: 'Stop and keep' }).click();
  await expect(row).toContainText('Stopped');
  await expect(row).toContainText('not listening');
  await row.getByRole('button', { name: /^Start / }).click();
  await expect(row).toContainText('Active', { timeout: 15_000 });
  const address = /127\.0\.0\.1:\d+/.exec((await row.textContent()) ?? '')?.[0];
  await expectAnswerFrom(address!, /^db-0$/);

  await row.getByRole('button', { name: /^Stop / }).click();
  await page
    .getByRole('dialog', { name: /^Stop the forward / })
    .getByRole('button', { name: 'Stop and remove' })
    .click();
  await expect(row).toHaveCount(0);
  await expect(viewStatus(page)).toContainText(`Stopped and removed ${target}`);
});

test('Open in browser opens the forward’s root in a new tab', async ({ page }) => {
  await openView(page);
  const row = forwardRow(page, `${NS}/svc/web:80 (${webAddress})`);
  const open = row.getByRole('link', { name: /^Open 127\.0\.0\.1:\d+ in the browser$/ });
  await expect(open).toHaveAttribute('href', /^http:\/\/127\.0\.0\.1:\d+\/$/);
  await expect(open).toHaveAttribute('rel', 'noopener noreferrer');
  const [tab] = await Promise.all([page.waitForEvent('popup'), open.click()]);
  await tab.waitForLoadState();
  await expect(tab.locator('body')).toContainText(/pod: web-/);
  await tab.close();
});

test('a local port in use is an error state that says so', async ({ page }) => {
  // Hold a port on 127.0.0.1, then ask for exactly that one.
  blocker = createServer();
  const port = await new Promise<number>((resolve) =>
    blocker!.listen(0, '127.0.0.1', () => {
      const a = blocker!.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    }),
  );
  await app.open(page, `#/deployments?context=${CTX}&ns=${NS}&object=${NS}/web`);
  const panel = page.getByRole('complementary', { name: 'Deployment web' });
  await panel.getByRole('button', { name: 'Forward…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Forward Deployment web' });
  await dialog.getByRole('radio', { name: /^metrics 9113/ }).check();
  await dialog.getByRole('spinbutton', { name: 'Local port number' }).fill(String(port));
  await dialog.getByRole('button', { name: 'Start forward' }).click();
  await openView(page);
  const row = forwardRow(page, `${NS}/deploy/web:9113`);
  await expect(row).toContainText(`Failed: local port ${port} is in use`, { timeout: 15_000 });
  await page.screenshot({ path: `${SCREENS}/forwards-error.png` });
});

test('Forward all Services: the table, the addresses and the hosts-file lines', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await app.open(page, `#/namespaces?context=${CTX}&object=${NS}`);
  const panel = page.getByRole('complementary', { name: `Namespace ${NS}` });
  await panel.getByRole('button', { name: 'Forward all Services' }).click();
  const dialog = page.getByRole('dialog', { name: `Forward every Service of ${NS}` });
  await dialog.getByRole('button', { name: 'Forward all Services' }).click();
  const table = dialog.getByRole('table', { name: `Services of ${NS}` });
  const web = table.getByRole('row', { name: 'Service web' });
  await expect(web).toContainText(/http 80 → 127\.\d+\.\d+\.\d+:\d+/, { timeout: 20_000 });
  await expect(table.getByRole('row', { name: 'Service db' })).toContainText('postgres 5432');
  const hosts = dialog.getByLabel(`Hosts-file lines of ${NS}`, { exact: true });
  await expect(hosts).toContainText(`web web.${NS} web.${NS}.svc.cluster.local`);
  await page.screenshot({ path: `${SCREENS}/forwards-namespace.png` });
  const address = /http 80 → (127\.\d+\.\d+\.\d+:\d+)/.exec((await web.textContent()) ?? '')?.[1];
  await expectAnswerFrom(address!, /^web-/);
  // The hosts line of web names the address its ports are on.
  const ip = address!.split(':')[0]!;
  await expect(hosts).toContainText(`${ip} web web.${NS}`);
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('the view with several forwards, wide and narrow', async ({ page }) => {
  await openView(page);
  await expect(forwardRow(page, `${NS}/svc/web:80 (${webAddress})`)).toContainText('Active');
  await expect(page.getByRole('region', { name: 'Namespace forwards' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  await page.screenshot({ path: `${SCREENS}/forwards-view.png`, fullPage: true });
  if (process.env['PILOTHOUSE_README_SCREENSHOTS'] === '1')
    await page.screenshot({ path: 'docs/images/port-forwards.png' });
  // The filter.
  await page.getByRole('searchbox', { name: 'Filter forwards' }).fill('svc/web:80 127.0.0.1');
  await expect(page.getByTestId('row-count')).toHaveText(/^1 of \d+ forwards$/);
  await page.getByRole('searchbox', { name: 'Filter forwards' }).fill('');

  await page.setViewportSize({ width: 700, height: 900 });
  const row = forwardRow(page, `${NS}/svc/web:80 (${webAddress})`);
  await expect(row).toBeVisible();
  // Cards: nothing wider than the window, the actions in view.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(700);
  await row.getByRole('button', { name: /^Stop / }).scrollIntoViewIfNeeded();
  await expect(row.getByRole('button', { name: /^Stop / })).toBeInViewport();
  await page.screenshot({ path: `${SCREENS}/forwards-narrow.png`, fullPage: true });
});
