// Issue 13: metrics in a real browser against the real cluster's metrics-server (kwok's
// simulated kubelets report what the pods' kwok.x-k8s.io/usage-* annotations say). The
// CPU and Memory columns of the Pods, Nodes and Deployments tables, sorting by CPU, a pod's
// charts with their reference lines and tooltip, "Show as table", the Metrics view, and the
// four states: waiting for the first sample (a new pod), forbidden (the viewer context has
// no metrics.k8s.io access), stale (metrics-server stopped) and not installed (its
// APIService removed). Screenshots in test-results/screens/ (light, dark, narrow, long
// names); PILOTHOUSE_README_SCREENSHOTS=1 also writes docs/images/metrics.png.
// Serial, and the states that stop metrics-server come last and always restore it.
import { expect, test, type Page } from '@playwright/test';
import { startWebApp, type RunningApp } from '../support/web-app';
import {
  deleteNamespace,
  freshNamespace,
  kubectl,
  kubectlApply,
  requireClusterKubeconfig,
} from '../support/cluster';
import {
  removeMetricsApi,
  restoreMetricsApi,
  startMetricsServer,
  stopMetricsServer,
} from '../support/metrics-server';
import { TablePage } from '../support/table-page';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1600, height: 1000 } });

const NS = 'e2e-metrics';
const CONTEXT = 'pilothouse-admin';
const LONG_NAME = 'a-deployment-with-a-long-name-to-see-metrics-cope';
let app: RunningApp;

/**
 * A Deployment whose pods use what the annotations say (scaled by kwok's random factor),
 * with requests and limits unless `requests` is false.
 */
function deployment(
  name: string,
  replicas: number,
  cpu: string,
  memory: string,
  requests = true,
): string {
  const resources = (own: string) => (requests ? own : '{}');
  return `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${NS}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata:
      labels: {app: ${name}}
      annotations: {kwok.x-k8s.io/usage-cpu: ${cpu}, kwok.x-k8s.io/usage-memory: ${memory}}
    spec:
      terminationGracePeriodSeconds: 0
      containers:
        - name: app
          image: registry.example.invalid/metrics/app:1
          resources: ${resources('{requests: {cpu: 200m, memory: 128Mi}, limits: {cpu: 400m, memory: 256Mi}}')}
        - name: sidecar
          image: registry.example.invalid/metrics/sidecar:1
          resources: ${resources('{requests: {cpu: 50m, memory: 32Mi}}')}
`;
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  freshNamespace(NS);
  kubectlApply(deployment('hog', 2, '150m', '100Mi'));
  kubectlApply(deployment('idle', 1, '5m', '20Mi'));
  kubectlApply(deployment(LONG_NAME, 1, '40m', '60Mi'));
  // Three pods drawn from one distribution, overlapping the long-named one's: their order
  // by CPU changes from sample to sample, which the sorting test needs. No requests, so
  // the namespace's requested sum stays at 1 core.
  kubectlApply(deployment('twin', 3, '30m', '30Mi', false));
  kubectl(['-n', NS, 'rollout', 'status', 'deploy/hog', '--timeout=120s']);
  // metrics-server needs two scrapes of a pod before it reports its CPU.
  await waitFor(
    () => kubectl(['top', 'pod', '-n', NS, '--no-headers']).trim().split('\n').length >= 7,
    180_000,
    `kubectl top pod -n ${NS} to list the seven pods`,
  );
  app = await startWebApp({ kubeconfig: requireClusterKubeconfig() });
});
test.afterAll(async () => {
  await app?.stop();
  deleteNamespace(NS);
});

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const podNames = (app: string) =>
  kubectl(['-n', NS, 'get', 'pods', '-l', `app=${app}`, '-o', 'jsonpath={.items[*].metadata.name}'])
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .sort();

async function openPods(page: Page): Promise<TablePage> {
  await app.open(page, `#/pods?context=${CONTEXT}&ns=${NS}`);
  const table = new TablePage(page, 'Pods');
  await expect(table.table).toBeVisible();
  return table;
}

const millicores = (text: string) => Number(/^(\d+)m/.exec(text)?.[1] ?? NaN);

test('the Pods table shows CPU and Memory as kubectl top does, with the share of requests', async ({
  page,
}) => {
  const table = await openPods(page);
  await expect(table.table.getByRole('columnheader', { name: 'CPU' })).toBeVisible();
  await expect(table.table.getByRole('columnheader', { name: 'Memory' })).toBeVisible();
  const hog = table.row(podNames('hog')[0]!);
  await expect(hog).toContainText(/\d+m/, { timeout: 30_000 });
  const cells = await table.rows();
  for (const row of cells) {
    expect(row['CPU'], row['Name']).toMatch(/^\d+m$/);
    expect(row['Memory'], row['Name']).toMatch(/^\d+Mi$/);
  }
  // The bar: the pod's usage against its requests (250m CPU, 160Mi memory).
  await expect(hog.getByRole('img', { name: /^\d+% of requests$/ }).first()).toBeVisible();
  const title = await hog.locator('.usage-cell').first().getAttribute('title');
  expect(title).toMatch(/^\d+m, \d+% of requests, sampled \d\d:\d\d:\d\d \(\d+ s window\)$/);
  // The same figures kubectl top prints for the same sample: both follow metrics-server's
  // scrapes, so they agree between two scrapes (retried until they do, within a minute).
  await expect(async () => {
    const top = new Map(
      kubectl(['top', 'pod', '-n', NS, '--no-headers'])
        .trim()
        .split('\n')
        .map((l) => l.trim().split(/\s+/))
        .map(([name, cpu, memory]) => [name!, `${cpu} ${memory}`]),
    );
    const ours = new Map(
      (await table.rows()).map((r) => [r['Name']!, `${r['CPU']} ${r['Memory']}`]),
    );
    expect(ours).toEqual(top);
  }).toPass({ intervals: [1000], timeout: 60_000 });
});

test('sorting by CPU orders the pods by usage, and follows new samples', async ({ page }) => {
  const table = await openPods(page);
  await expect(table.row(podNames('idle')[0]!)).toContainText(/\d+m/, { timeout: 30_000 });
  const header = table.table.getByRole('columnheader', { name: 'CPU' });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  let cpu = (await table.rows()).map((r) => millicores(r['CPU']!));
  expect(cpu).toEqual([...cpu].sort((a, b) => a - b));
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  cpu = (await table.rows()).map((r) => millicores(r['CPU']!));
  expect(cpu).toEqual([...cpu].sort((a, b) => b - a));
  const first = (await table.rows())[0]!['Name']!;
  expect(first.startsWith('hog-')).toBe(true);
  await page.screenshot({ path: 'test-results/screens/metrics-pods.png' });

  // The next sample changes the figures (each is drawn anew around the fixture's usage), and
  // the order follows them: the table re-sorts once the round is in.
  const figures = () =>
    table.table
      .locator('.usage-cell')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('title')));
  const before = await figures();
  await expect.poll(figures, { timeout: 60_000 }).not.toEqual(before);
  await expect
    .poll(
      async () => {
        const now = (await table.rows()).map((r) => millicores(r['CPU']!));
        return now.every((v, i) => i === 0 || now[i - 1]! >= v);
      },
      { timeout: 5_000 },
    )
    .toBe(true);
});

test('Nodes show usage against allocatable, Deployments the sum over their pods', async ({
  page,
}) => {
  await app.open(page, `#/nodes?context=${CONTEXT}`);
  const nodes = new TablePage(page, 'Nodes');
  await expect(nodes.table.getByRole('columnheader', { name: 'CPU usage' })).toBeVisible();
  const node = nodes.table.getByRole('row').nth(1);
  await expect(node.getByRole('img', { name: /^\d+% of allocatable$/ }).first()).toBeVisible({
    timeout: 30_000,
  });
  await page.screenshot({ path: 'test-results/screens/metrics-nodes.png' });

  await app.open(page, `#/deployments?context=${CONTEXT}&ns=${NS}`);
  const deployments = new TablePage(page, 'Deployments');
  const hog = deployments.row('hog');
  await expect(hog).toContainText(/\d+m/, { timeout: 30_000 });
  const row = (await deployments.rows()).find((r) => r['Name'] === 'hog')!;
  // Two pods at 150m × (0.3..1.2) per container, two containers each.
  expect(millicores(row['CPU']!)).toBeGreaterThan(2 * 2 * 150 * 0.3 - 1);
  expect(row['Memory']).toMatch(/^\d+Mi$/);
});

async function openPodMetrics(page: Page, pod: string) {
  await app.open(page, `#/pods?context=${CONTEXT}&ns=${NS}&object=${NS}/${pod}`);
  const panel = page.getByRole('complementary', { name: `Pod ${pod}` });
  await panel.getByRole('tab', { name: 'Metrics' }).click();
  return panel;
}

test("a pod's chart: containers stacked, requests and limits as lines, tooltip, table", async ({
  page,
}) => {
  const pod = podNames('hog')[0]!;
  const panel = await openPodMetrics(page, pod);
  const cpuChart = panel.getByRole('img', {
    name: new RegExp(`^CPU of pod ${pod} by container; `),
  });
  await expect(cpuChart).toBeVisible({ timeout: 30_000 });
  await expect(cpuChart).toHaveAccessibleName(
    /; \d+m at \d\d:\d\d:\d\d; requests 250m; limits 400m$/,
  );
  const memoryChart = panel.getByRole('img', { name: /^Memory of pod / });
  await expect(memoryChart).toHaveAccessibleName(/; requests 160Mi; limits 256Mi$/);
  // The reference lines are drawn, labelled with their figures.
  await expect(cpuChart.locator('.reference-request')).toHaveCount(1);
  await expect(cpuChart.locator('.reference-limit')).toHaveCount(1);
  await expect(cpuChart.getByText('requests 250m')).toBeVisible();
  await expect(cpuChart.getByText('limits 400m')).toBeVisible();
  // Per container, in the legend.
  await expect(cpuChart.locator('.usage-legend')).toHaveText(/app\s*sidecar/);
  // Tooltip: exact figures and the sample's time.
  const box = (await cpuChart.locator('.recharts-surface').boundingBox())!;
  await page.mouse.move(box.x + box.width - 20, box.y + box.height / 2);
  const tip = panel.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText(/sampled \d\d:\d\d:\d\d/);
  await expect(tip).toContainText(/app\s*\d+m/);
  await expect(tip).toContainText(/sidecar\s*\d+m/);
  await expect(tip).toContainText(/total\s*\d+m/);
  await expect(tip).toContainText('requests250m');
  await page.screenshot({ path: 'test-results/screens/metrics-pod-chart.png' });
  if (process.env['PILOTHOUSE_README_SCREENSHOTS'] === '1')
    await page.screenshot({ path: 'docs/images/metrics.png' });

  // Show as table: the same numbers as text.
  const figure = panel.getByRole('figure', { name: new RegExp(`^CPU of pod ${pod}`) });
  await figure.getByRole('button', { name: 'Show as table' }).click();
  const table = figure.getByRole('table', { name: `CPU of pod ${pod} by container as a table` });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader')).toHaveText(['Sampled', 'app', 'sidecar', 'Total']);
  await expect(table.getByRole('row').nth(1)).toContainText(/\d\d:\d\d:\d\d\s*\d+m\s*\d+m\s*\d+m/);
  await expect(table.locator('caption')).toHaveText('requests: 250m · limits: 400m');
  await figure.getByRole('button', { name: 'Show as chart' }).click();
  await expect(cpuChart).toBeVisible();

  // Dark theme and a narrow window.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.mouse.move(box.x + box.width - 20, box.y + box.height / 2);
  await page.screenshot({ path: 'test-results/screens/metrics-pod-chart-dark.png' });
  await page.setViewportSize({ width: 760, height: 900 });
  await page.screenshot({ path: 'test-results/screens/metrics-pod-chart-narrow.png' });
  await page.emulateMedia({ colorScheme: 'light' });
});

test('a workload stacks its pods; the Metrics view lists the top consumers', async ({ page }) => {
  await app.open(page, `#/deployments?context=${CONTEXT}&ns=${NS}&object=${NS}/${LONG_NAME}`);
  const panel = page.getByRole('complementary', { name: `Deployment ${LONG_NAME}` });
  await panel.getByRole('tab', { name: 'Metrics' }).click();
  await expect(
    panel.getByRole('img', { name: new RegExp(`^CPU of deployment ${LONG_NAME} by pod; `) }),
  ).toHaveAccessibleName(/; requests \(sum\) 250m; limits \(sum\) 400m$/, { timeout: 30_000 });
  await page.screenshot({ path: 'test-results/screens/metrics-long-name.png' });

  await app.open(page, `#/metrics?context=${CONTEXT}&ns=${NS}`);
  await expect(page.getByRole('heading', { name: 'Metrics', level: 1 })).toBeVisible();
  const top = page.getByRole('table', { name: 'Top consumers' });
  await expect(top.getByRole('row').nth(1)).toContainText(/hog-/, { timeout: 30_000 });
  await expect(page.getByTestId('usage-vs-requests')).toContainText(
    /^Usage of namespace e2e-metrics: CPU .* of 1 core requested \(\d+%\)/,
  );
  await expect(
    page.getByRole('img', { name: /^CPU of namespace e2e-metrics, top consumers; / }),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/metrics-view.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screens/metrics-view-dark.png' });
  await top
    .getByRole('button', { name: new RegExp(`^${NS}/hog-`) })
    .first()
    .click();
  await expect(page).toHaveURL(/#\/pods\?.*object=e2e-metrics\/hog-/);
});

test('state: waiting for the first sample of a new pod', async ({ page }) => {
  kubectl(['-n', NS, 'run', 'newcomer', '--image=registry.example.invalid/new:1']);
  kubectl(['-n', NS, 'wait', '--for=condition=Ready', 'pod/newcomer', '--timeout=60s']);
  const panel = await openPodMetrics(page, 'newcomer');
  await expect(panel.locator('[data-metrics-state=waiting]')).toHaveText(
    /waiting for the first sample, metrics-server reports every \d+ s/,
  );
  await page.screenshot({ path: 'test-results/screens/metrics-waiting.png' });
});

test('state: forbidden, with the API reason, for the viewer context', async ({ page }) => {
  await app.open(page, `#/metrics?context=pilothouse-viewer&ns=team-a`);
  const notice = page.locator('[data-metrics-state=forbidden]');
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toContainText(/forbidden/i);
  await expect(notice).toContainText('metrics.k8s.io');
  await page.screenshot({ path: 'test-results/screens/metrics-forbidden.png' });
});

test('state: stale when metrics-server stops, then not installed without its API', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const pod = podNames('hog')[0]!;
  const panel = await openPodMetrics(page, pod);
  await expect(panel.getByRole('img', { name: /^CPU of pod / })).toBeVisible({ timeout: 30_000 });
  const stopped = await stopMetricsServer();
  try {
    // Older than two windows (2 × 15 s) after the last sample.
    await expect(panel.locator('[data-metrics-state=stale]')).toBeVisible({ timeout: 90_000 });
    await expect(panel.locator('[data-metrics-state=stale]')).toContainText(
      /the last sample is from \d\d:\d\d:\d\d, older than two windows/,
    );
    // The last figures stay, and say when they were sampled.
    await expect(panel.getByRole('img', { name: /^CPU of pod / })).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/metrics-stale.png' });
  } finally {
    await startMetricsServer(stopped);
  }
  const manifest = removeMetricsApi();
  try {
    await app.open(page, `#/metrics?context=${CONTEXT}&ns=${NS}`);
    const notice = page.locator('[data-metrics-state=not-installed]');
    await expect(notice).toBeVisible({ timeout: 90_000 });
    await expect(notice).toContainText('metrics-server is not installed');
    await expect(notice.locator('pre')).toContainText('metrics-server');
    await page.screenshot({ path: 'test-results/screens/metrics-not-installed.png' });
  } finally {
    await restoreMetricsApi(manifest);
  }
});
