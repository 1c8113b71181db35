// Issue 14 in the browser: the Scheduling tab's matrix for each of the six fixture Pending
// pods (its summary line equals kube-scheduler's own FailedScheduling message, preemption
// part aside), a workload template's tab, the what-if form turning a Pending verdict into
// a fit without creating anything, the Taints & labels view, and cordon/uncordon, a taint
// preview and a drain on a node of this test's own (e2e-sched-ui-node, tainted so no other
// pod lands there; deleted at the end). The node-changing test runs last, in this serial
// file, so the matrices above are judged on the fixture's six nodes. Screenshots in
// test-results/screens/ (light, dark, narrow, error, empty); PILOTHOUSE_README_SCREENSHOTS=1
// also writes the README's, docs/images/scheduling.png.
import { expect, test, type Page } from '@playwright/test';
import { startWebApp, type RunningApp } from '../support/web-app';
import {
  deleteNamespace,
  freshNamespace,
  kubectl,
  kubectlApply,
  kubectlPods,
  refreshStalePendingFixtures,
  requireClusterKubeconfig,
} from '../support/cluster';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1600, height: 1000 } });

const CONTEXT = 'pilothouse-admin';
const NS = 'e2e-sched-ui';
const NODE = 'e2e-sched-ui-node';
const TAINT = 'pilothouse.dev/e2e-sched-ui';
const SCREENS = 'test-results/screens';

/** The six fixture Pending pods, by namespace. */
const PENDING = [
  ['team-a', 'pending-untolerated-taint'],
  ['team-a', 'pending-node-selector'],
  ['team-a', 'pending-node-affinity'],
  ['team-a', 'pending-anti-affinity'],
  ['team-a', 'pending-insufficient-cpu'],
  ['team-b', 'pending-insufficient-gpu'],
] as const;

let app: RunningApp;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // Suites that add and remove nodes leave the scheduler's messages counting them.
  refreshStalePendingFixtures();
  app = await startWebApp({ kubeconfig: requireClusterKubeconfig() });
});
test.afterAll(async () => {
  await app?.stop();
  kubectl(['delete', 'node', NODE, '--ignore-not-found', '--wait=false']);
  deleteNamespace(NS);
});

/** kube-scheduler's message on the pod's PodScheduled condition, without its preemption part. */
function schedulerMessage(namespace: string, name: string): string {
  const message = kubectl([
    'get',
    'pod',
    '-n',
    namespace,
    name,
    '-o',
    'jsonpath={.status.conditions[?(@.type=="PodScheduled")].message}',
  ]);
  const at = message.indexOf(' preemption: ');
  return (at >= 0 ? message.slice(0, at) : message).trim();
}

async function openScheduling(page: Page, view: string, namespace: string, name: string) {
  await app.open(page, `#/${view}?context=${CONTEXT}&ns=${namespace}&object=${namespace}/${name}`);
  const panel = page.getByRole('complementary', { name: new RegExp(` ${name}$`) });
  await panel.getByRole('tab', { name: 'Scheduling' }).click();
  const tab = panel.getByRole('region', { name: 'Scheduling' });
  await expect(tab.getByLabel('Fit summary').first()).toBeVisible({ timeout: 20_000 });
  return { panel, tab };
}

test('the matrix of each fixture Pending pod: its summary is the scheduler’s message', async ({
  page,
}) => {
  test.setTimeout(120_000);
  for (const [namespace, name] of PENDING) {
    const { tab } = await openScheduling(page, 'pods', namespace, name);
    const expected = schedulerMessage(namespace, name);
    expect(expected, `${name} has a scheduler message`).toMatch(/^0\/6 nodes are available: /);
    await expect(tab.getByLabel('Fit summary'), name).toHaveText(`✗ ${expected}`);
    await expect(tab.getByLabel('Scheduler message'), name).toContainText(expected);
    await expect(tab.getByLabel('Agreement'), name).toContainText('Same as Pilothouse');
    const matrix = tab.getByRole('table', { name: 'Fit matrix' });
    await expect(matrix.getByRole('row', { name: /^Node pilot-/ })).toHaveCount(6);
    for (const filter of [
      'NodeUnschedulable',
      'TaintToleration',
      'NodeAffinity',
      'NodeResourcesFit',
    ])
      await expect(
        matrix.getByRole('columnheader', { name: new RegExp(`^${filter}`) }),
      ).toBeVisible();
    // The cordoned node fails NodeUnschedulable for every pod, with the scheduler's words, in text.
    await expect(
      matrix.getByRole('row', { name: 'Node pilot-c1' }).getByRole('cell', {
        name: 'NodeUnschedulable fails: node(s) were unschedulable',
      }),
    ).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/scheduling-${name}.png` });
  }
});

test('a row opens its node’s reasons in full; a workload template has the tab too', async ({
  page,
}) => {
  const { tab } = await openScheduling(page, 'pods', 'team-a', 'pending-untolerated-taint');
  await tab.getByRole('row', { name: 'Node pilot-b1' }).click();
  const why = tab.getByRole('region', { name: 'Why pilot-b1' });
  await expect(why).toContainText('pilot-b1: does not fit');
  await expect(why).toContainText('TaintToleration fails: node(s) had untolerated taint');
  await page.screenshot({ path: `${SCREENS}/scheduling-why.png` });
  // Folding the filters no node fails leaves the three that decide, as in the README.
  await tab.getByLabel(/^Only the filters some node fails/).check();
  await expect(tab.getByRole('columnheader')).toHaveText([
    'Node',
    'Fits',
    'NodeUnschedulable (1 ✗)',
    'TaintToleration (2 ✗)',
    'NodeAffinity (3 ✗)',
  ]);
  if (process.env['PILOTHOUSE_README_SCREENSHOTS'] === '1')
    await page.screenshot({ path: 'docs/images/scheduling.png' });
  // The open row still lists every filter, each with its own verdict.
  await expect(why.getByRole('listitem')).toHaveCount(8);
  await expect(why).toContainText('NodeName passes');
  await tab.getByLabel(/^Only the filters some node fails/).uncheck();
  await page.setViewportSize({ width: 760, height: 900 });
  await expect(tab.getByRole('table', { name: 'Fit matrix' })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/scheduling-narrow.png` });
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SCREENS}/scheduling-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });

  // Deployment team-a/api: its newest template asks for 48Gi, more than any node has.
  const workload = await openScheduling(page, 'deployments', 'team-a', 'api');
  await expect(workload.tab).toContainText(
    'The pod its controller would create from the template.',
  );
  await expect(workload.tab.getByLabel('Fit summary')).toContainText('Insufficient memory');
});

test('what-if: tolerating the GPU taint turns the Pending verdict into a fit; nothing is created', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const before = kubectlPods('team-a');
  const { tab } = await openScheduling(page, 'pods', 'team-a', 'pending-untolerated-taint');
  await tab.getByRole('button', { name: 'What if…' }).click();
  const form = tab.getByRole('region', { name: 'What if' });
  await form.getByRole('button', { name: 'Add toleration' }).click();
  await form.getByLabel('Toleration 1 key').fill('nvidia.com/gpu');
  await form.getByLabel('Toleration 1 operator').selectOption('Exists');
  await form.getByLabel('Toleration 1 effect').selectOption('NoSchedule');
  await expect(tab.getByLabel('Fit summary')).toHaveText(/^✓ 1\/6 nodes are available/);
  await expect(tab.getByLabel('Feasible nodes')).toHaveText('Fits on node pilot-b1');
  await expect(tab).toContainText('nothing is created');
  await page.screenshot({ path: `${SCREENS}/scheduling-what-if.png` });

  // Asking for more GPUs than the node has makes it Pending again, with the scheduler's words.
  await form
    .getByLabel('Requests of container app')
    .fill('cpu=100m, memory=64Mi, nvidia.com/gpu=3');
  await expect(tab.getByLabel('Fit summary')).toHaveText(
    /^✗ 0\/6 nodes are available: .*Insufficient nvidia\.com\/gpu/,
  );
  // A typo is named, and the last valid verdict stays.
  await form.getByLabel('Requests of container app').fill('cpu=lots');
  await expect(form.getByRole('alert')).toHaveText(
    'cpu: “lots” is not a quantity (100m, 1.5, 64Mi, 2G…).',
  );

  await form.getByRole('button', { name: 'Copy YAML' }).click();
  await expect(form.getByRole('status')).toHaveText('Copied the fragment as YAML.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(
    'tolerations:\n  - key: nvidia.com/gpu\n    operator: Exists\n    effect: NoSchedule',
  );
  expect(copied).toContain('pilothouse.dev/role: gpu');

  // The YAML tab edits the same fragment.
  await form.getByRole('tab', { name: 'YAML' }).click();
  await expect(form.getByLabel('What-if YAML')).toHaveValue(/nvidia\.com\/gpu: "?3"?/);
  expect(kubectlPods('team-a')).toEqual(before);
});

test('the Taints & labels view: taints per key, chosen labels, who tolerates a taint', async ({
  page,
}) => {
  await app.open(page, `#/nodes?context=${CONTEXT}`);
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Taints & labels' })
    .click();
  await expect(page.getByRole('heading', { name: 'Taints & labels', level: 1 })).toBeVisible();
  const grid = page.getByRole('table', { name: 'Taints and labels' });
  for (const node of ['pilot-a1', 'pilot-a2', 'pilot-b1', 'pilot-b2', 'pilot-c1', 'pilot-c2'])
    await expect(grid.getByRole('row', { name: `Node ${node}` })).toBeVisible();
  const b1 = grid.getByRole('row', { name: 'Node pilot-b1' });
  await expect(b1.getByRole('cell', { name: 'nvidia.com/gpu present:NoSchedule' })).toBeVisible();
  await expect(
    grid
      .getByRole('row', { name: 'Node pilot-b2' })
      .getByRole('cell', { name: 'pilothouse.dev/maintenance true:NoExecute' }),
  ).toBeVisible();
  await expect(
    grid
      .getByRole('row', { name: 'Node pilot-a2' })
      .getByRole('cell', { name: 'dedicated batch:PreferNoSchedule' }),
  ).toBeVisible();
  await expect(grid.getByRole('row', { name: 'Node pilot-c1' })).toContainText('cordoned');

  // A label column of the user's choice.
  await page.getByText(/^Label columns/).click();
  await page
    .getByRole('group', { name: 'Label columns' })
    .getByLabel('pilothouse.dev/team')
    .check();
  await expect(grid.getByRole('columnheader', { name: 'pilothouse.dev/team' })).toBeVisible();
  await page.getByText(/^Label columns/).click(); // closes the chooser
  await expect(b1).toContainText('ml');

  // Who tolerates the GPU taint: the trainer pod, the DaemonSet that runs on the GPU node.
  await grid.getByRole('button', { name: 'Taint nvidia.com/gpu: who tolerates it' }).click();
  const who = page.getByRole('region', { name: 'Who tolerates nvidia.com/gpu' });
  await expect(who).toContainText('nvidia.com/gpu=present:NoSchedule');
  await expect(who).toContainText('Pod team-b/trainer');
  await expect(who).toContainText('DaemonSet team-b/node-agent');
  await page.screenshot({ path: `${SCREENS}/scheduling-taints.png` });

  // Nothing matches: the table says so instead of showing an empty frame.
  await page.getByLabel('Filter nodes').fill('no-such-node');
  await expect(page.getByText('0 of 6 nodes')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/scheduling-taints-empty.png` });

  // A viewer may not list nodes: the API's reason, not an empty table.
  await app.open(page, `#/taints?context=pilothouse-viewer`);
  await expect(page.getByRole('alert')).toContainText(/forbidden|not allowed|cannot list/i);
  await page.screenshot({ path: `${SCREENS}/scheduling-taints-viewer.png` });
});

/** A kwok node of this test's own: tainted so nothing else lands there; pods on it tolerate. */
function createNode(): void {
  kubectlApply(
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: NODE,
        annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
        labels: {
          'kubernetes.io/hostname': NODE,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'topology.kubernetes.io/region': 'pilot-1',
          'topology.kubernetes.io/zone': 'pilot-1e2e',
          type: 'kwok',
        },
      },
      spec: { taints: [{ key: TAINT, value: 'true', effect: 'NoSchedule' }] },
      status: {
        allocatable: { cpu: '4', memory: '8Gi', pods: '20' },
        capacity: { cpu: '4', memory: '8Gi', pods: '20' },
      },
    }),
  );
  freshNamespace(NS);
  kubectlApply(
    JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'a-workload-with-a-rather-long-name-to-see-how-the-lists-cope',
        namespace: NS,
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'drained' } },
        template: {
          metadata: { labels: { app: 'drained' } },
          spec: {
            terminationGracePeriodSeconds: 0,
            nodeSelector: { 'kubernetes.io/hostname': NODE },
            tolerations: [{ key: TAINT, operator: 'Exists', effect: 'NoSchedule' }],
            containers: [{ name: 'app', image: 'example.invalid/app:1' }],
          },
        },
      },
    }),
  );
  kubectlApply(
    JSON.stringify({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'keep-both', namespace: NS },
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'drained' } } },
    }),
  );
  kubectl(['wait', '-n', NS, '--for=condition=Ready', 'pod', '-l', 'app=drained', '--timeout=60s']);
}

test('node operations on a node of the test’s own: cordon, uncordon, a taint preview, a drain past a PodDisruptionBudget', async ({
  page,
}) => {
  test.setTimeout(180_000);
  createNode();
  const unschedulable = () =>
    kubectl(['get', 'node', NODE, '-o', 'jsonpath={.spec.unschedulable}']).trim();

  await app.open(page, `#/nodes?context=${CONTEXT}&object=${NODE}`);
  const panel = page.getByRole('complementary', { name: `Node ${NODE}` });
  const ops = panel.getByRole('region', { name: 'Node operations' });
  await ops.getByRole('button', { name: 'Cordon', exact: true }).click();
  const cordon = page.getByRole('dialog', { name: `Cordon node ${NODE}?` });
  await expect(cordon.locator('dl > div')).toHaveText([`Context${CONTEXT}`, `Node${NODE}`]);
  await cordon.getByRole('button', { name: 'Cordon', exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText(`node/${NODE} cordoned`);
  expect(unschedulable()).toBe('true');
  await expect(ops.getByRole('button', { name: 'Uncordon', exact: true })).toBeVisible({
    timeout: 15_000,
  });
  await ops.getByRole('button', { name: 'Uncordon', exact: true }).click();
  await page
    .getByRole('dialog', { name: `Uncordon node ${NODE}?` })
    .getByRole('button', { name: 'Uncordon' })
    .click();
  await expect(panel.getByRole('status')).toHaveText(`node/${NODE} uncordoned`);
  expect(unschedulable()).toBe('');

  // A NoExecute taint's preview names the pods it would evict; cancelling changes nothing.
  await ops.getByLabel('Taint key').fill('e2e/evict');
  await ops.getByLabel('Taint effect').selectOption('NoExecute');
  await ops.getByRole('button', { name: 'Preview taint…' }).click();
  const preview = page.getByRole('dialog', {
    name: `Add taint e2e/evict:NoExecute to node ${NODE}?`,
  });
  await expect(
    preview.getByRole('list', { name: 'Pods evicted' }).getByRole('listitem'),
  ).toHaveCount(2);
  await expect(preview.getByRole('list', { name: 'Pods evicted' })).toContainText(
    'evicted at once',
  );
  await page.screenshot({ path: `${SCREENS}/scheduling-taint-preview.png` });
  await preview.getByRole('button', { name: 'Cancel' }).click();
  expect(kubectl(['get', 'node', NODE, '-o', 'jsonpath={.spec.taints[*].key}']).trim()).toBe(TAINT);

  // The drain: both evictions are refused by the budget until it goes, then the node is drained.
  await ops.getByRole('button', { name: 'Drain…' }).click();
  const drainDialog = page.getByRole('dialog', { name: `Drain node ${NODE}?` });
  await expect(drainDialog.locator('dl > div')).toHaveText([`Context${CONTEXT}`, `Node${NODE}`]);
  await drainDialog.getByRole('button', { name: 'Drain' }).click();
  const progress = ops.getByRole('list', { name: 'Drain progress' });
  await expect(progress.getByRole('listitem')).toHaveCount(2, { timeout: 20_000 });
  await expect(progress.getByRole('listitem').first()).toContainText(
    'waiting on a PodDisruptionBudget',
    {
      timeout: 20_000,
    },
  );
  await page.screenshot({ path: `${SCREENS}/scheduling-drain-blocked.png` });
  await page.setViewportSize({ width: 760, height: 900 });
  await page.screenshot({ path: `${SCREENS}/scheduling-drain-narrow.png` });
  await page.setViewportSize({ width: 1600, height: 1000 });
  kubectl(['delete', 'pdb', '-n', NS, 'keep-both']);
  await expect(ops.getByLabel('Drain state')).toHaveText(`✓ node/${NODE} drained`, {
    timeout: 60_000,
  });
  await expect(progress.getByRole('listitem').filter({ hasText: 'done' })).toHaveCount(2);
  expect(unschedulable()).toBe('true');
  await page.screenshot({ path: `${SCREENS}/scheduling-drained.png` });
});
