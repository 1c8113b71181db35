import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startWebApp, type RunningApp } from '../support/web-app';
import { kubectl, requireClusterKubeconfig } from '../support/cluster';
import { LogsPage } from '../support/logs-page';

// The real cluster's fixture pods write about a line a second each (team-a's web
// Deployment: 3 pods × nginx + log-shipper). One app for the file.
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1400, height: 900 } });

let app: RunningApp;
test.beforeAll(async () => {
  app = await startWebApp({ kubeconfig: requireClusterKubeconfig() });
});
test.afterAll(() => app?.stop());

/** The pods of the web Deployment right now, as kubectl sees them. */
function webPods(): string[] {
  return kubectl([
    '-n',
    'team-a',
    'get',
    'pods',
    '-l',
    'app=web',
    '--field-selector=status.phase=Running',
    '-o',
    'jsonpath={.items[*].metadata.name}',
  ])
    .split(' ')
    .filter(Boolean)
    .sort();
}

test('deploy:web follows every container of the Deployment, with source prefixes', async ({
  page,
}) => {
  const logs = new LogsPage(page);
  await logs.open(app, 'pilothouse-admin', 'team-a');
  await expect(page.getByRole('heading', { name: 'Choose the logs to follow' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/logs-empty.png' });

  await logs.follow('deploy:web');
  await expect(page).toHaveURL(/#\/logs\?.*q=deploy:web/);
  await expect(page.getByRole('list', { name: 'Query parts' })).toContainText('deploy');
  await expect(logs.stream).toHaveText('Live');
  await logs.expectLines(6);

  // One checkbox per container of each web pod, named namespace/pod[container].
  const pods = webPods();
  expect(pods.length).toBeGreaterThan(0);
  for (const pod of pods)
    for (const container of ['nginx', 'log-shipper'])
      await expect(
        logs.sources.getByRole('checkbox', { name: `team-a/${pod}[${container}]` }),
      ).toBeChecked();

  const rows = await logs.visibleRows();
  expect(rows.length).toBeGreaterThan(3);
  for (const row of rows) expect(row).toMatch(/^web-[\w-]+\[(nginx|log-shipper)\] /);
  const prefixes = new Set(rows.map((r) => /^(\S+\])/.exec(r)?.[1]));
  expect(prefixes.size).toBeGreaterThan(1);
  await expect(logs.log).toHaveAttribute('data-newest-time', /^\d{4}-\d\d-\d\dT/);
  await page.screenshot({ path: 'test-results/screens/logs-deploy-web.png' });
});

test('pause holds the list while new lines are counted; resume catches up', async ({ page }) => {
  const logs = new LogsPage(page);
  await logs.open(app, 'pilothouse-admin', 'team-a', 'deploy:web');
  await logs.expectLines(6);

  await logs.button('❚❚ Pause').click();
  const frozen = await logs.lineCount();
  const firstRows = await logs.visibleRows();
  await expect
    .poll(async () => parseInt((await logs.pending.textContent()) ?? '0'))
    .toBeGreaterThan(2);
  expect(await logs.lineCount()).toBe(frozen);
  expect(await logs.visibleRows()).toEqual(firstRows);
  await expect(logs.stream).toHaveText('Paused');
  const waiting = parseInt((await logs.pending.textContent()) ?? '0');
  await page.screenshot({ path: 'test-results/screens/logs-paused.png' });

  await logs.button('▶ Resume').click();
  await expect(logs.pending).toHaveCount(0);
  expect(await logs.lineCount()).toBeGreaterThanOrEqual(frozen + waiting);
  await expect(logs.stream).toHaveText('Live');
});

test('search highlights matches and moves between them', async ({ page }) => {
  const logs = new LogsPage(page);
  await logs.open(app, 'pilothouse-admin', 'team-a', 'deploy:web');
  await logs.expectLines(20);
  await logs.button('❚❚ Pause').click();

  await logs.search.fill('flushed');
  await expect(logs.matches).toHaveText(/^\d+ match(es)?$/);
  const total = parseInt((await logs.matches.textContent()) ?? '0');
  expect(total).toBeGreaterThan(1);

  await logs.button('Next match').click();
  await expect(logs.matches).toHaveText(new RegExp(`^\\d+ of ${total}$`));
  const first = parseInt((await logs.matches.textContent()) ?? '0');
  const current = logs.log.locator('.current-match');
  await expect(current).toHaveCount(1);
  await expect(current.locator('mark')).toHaveText('flushed');
  const firstText = await current.textContent();

  await logs.search.press('Enter');
  await expect(logs.matches).toHaveText(`${(first % total) + 1} of ${total}`);
  expect(await current.textContent()).not.toBe(firstText);

  await logs.button('Previous match').click();
  await expect(logs.matches).toHaveText(`${first} of ${total}`);
  await expect(current).toHaveText(firstText ?? '');
  await page.screenshot({ path: 'test-results/screens/logs-search.png' });
});

test('include and exclude apply live, without restarting the stream; sources can be hidden', async ({
  page,
}) => {
  const logs = new LogsPage(page);
  await logs.open(app, 'pilothouse-admin', 'team-a', 'deploy:web');
  await logs.expectLines(20);
  const retained = () => logs.count.textContent();

  // Typed, not submitted: only the live part changes.
  await logs.query.press('End');
  await logs.query.pressSequentially(' include:flushed');
  await expect(logs.count).toHaveText(/^\d[\d,]* of [\d,]+ lines$/);
  await expect
    .poll(async () => (await logs.visibleRows()).every((r) => r.includes('flushed')))
    .toBe(true);
  expect((await logs.visibleRows()).length).toBeGreaterThan(0);
  await expect(page).toHaveURL(/include:flushed/);
  const before = parseInt(((await retained()) ?? '').split(' of ')[1]!.replace(/,/g, ''));

  await logs.query.fill('deploy:web -exclude:flushed');
  await expect
    .poll(async () => (await logs.visibleRows()).some((r) => r.includes('flushed')))
    .toBe(false);
  expect((await logs.visibleRows()).length).toBeGreaterThan(0);
  // The retained lines kept growing: the stream was not restarted.
  const after = parseInt(((await retained()) ?? '').split(' of ')[1]!.replace(/,/g, ''));
  expect(after).toBeGreaterThanOrEqual(before);

  // Hide one container: its prefix leaves the list.
  const [pod] = webPods();
  await logs.query.fill('deploy:web');
  await logs.sources.getByRole('checkbox', { name: `team-a/${pod}[nginx]` }).uncheck();
  await expect
    .poll(async () => (await logs.visibleRows()).some((r) => r.startsWith(`${pod}[nginx]`)))
    .toBe(false);
  await page.screenshot({ path: 'test-results/screens/logs-filtered.png' });
});

test('download saves every retained line as namespace/pod[container] time text', async ({
  page,
}) => {
  const logs = new LogsPage(page);
  await logs.open(app, 'pilothouse-admin', 'team-a', 'deploy:web -exclude:flushed');
  await logs.expectLines(10);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    logs.button('Download').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^pilothouse-logs-pilothouse-admin-\d{8}T\d{6}Z\.log$/,
  );
  const text = readFileSync(await download.path(), 'utf8');
  const lines = text.trim().split('\n');
  // Filters shape the screen, not the record: excluded lines are in the file too.
  expect(lines.length).toBeGreaterThanOrEqual(await logs.lineCount());
  expect(text).toContain('flushed');
  for (const line of lines)
    expect(line).toMatch(
      /^(team-a\/web-[\w-]+\[(nginx|log-shipper)\] \d{4}-\d\d-\d\dT[\d:.]+Z .*|--- .* ---)$/,
    );
});

test('JSON lines pretty-print on demand; timestamps and wrap change the rows', async ({ page }) => {
  const logs = new LogsPage(page);
  await logs.open(app, 'pilothouse-admin', 'team-a', 'deploy:api');
  await logs.expectLines(3);
  const jsonRow = logs.log.locator('.log-row').filter({ hasText: '"msg":"request completed"' });
  await expect(jsonRow.first()).toBeVisible();

  await page.getByRole('checkbox', { name: 'Pretty JSON' }).check();
  const pretty = logs.log.locator('.log-row.log-json').first();
  await expect(pretty).toContainText('"msg": "request completed"');
  await expect
    .poll(() => pretty.evaluate((row) => row.getBoundingClientRect().height))
    .toBeGreaterThan(100);

  await page.getByRole('checkbox', { name: 'Timestamps' }).check();
  await expect(logs.log.locator('.log-row').first()).toHaveText(/^\d\d:\d\d:\d\d\.\d{3} api-/);
  await page.getByRole('checkbox', { name: 'Pretty JSON' }).uncheck();
  await page.getByRole('checkbox', { name: 'Wrap' }).check();
  const row = logs.log.locator('.log-row').last();
  const box = await row.boundingBox();
  const frame = await logs.log.boundingBox();
  expect(box && frame && box.width <= frame.width).toBe(true);
  await page.screenshot({ path: 'test-results/screens/logs-wrap.png' });
});

test('an invalid selector points at its token and the running stream goes on', async ({ page }) => {
  const logs = new LogsPage(page);
  await logs.open(app, 'pilothouse-admin', 'team-a', 'deploy:web');
  await logs.expectLines(6);
  await logs.follow('deploy:web bogus:1 since:10m');
  await expect(page.getByRole('alert')).toContainText('unknown selector "bogus"');
  await expect(logs.query).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.query-mirror mark')).toHaveText('bogus:1');
  // Still following deploy:web.
  await expect(page).toHaveURL(/q=deploy(:|%3A)web$/);
  const count = await logs.lineCount();
  await expect.poll(() => logs.lineCount(), { timeout: 15_000 }).toBeGreaterThan(count);
  await page.screenshot({ path: 'test-results/screens/logs-invalid.png' });
});

test('the Logs button of a Deployment opens its logs with the selector filled in', async ({
  page,
}) => {
  await app.open(page, `#/deployments?context=pilothouse-admin&ns=team-a&object=team-a/web`);
  await page
    .getByRole('complementary', { name: 'Deployment web' })
    .getByRole('link', { name: 'Logs', exact: true })
    .click();
  const logs = new LogsPage(page);
  await expect(logs.query).toHaveValue('deploy:team-a/web');
  await logs.expectLines(6);
  const rows = await logs.visibleRows();
  for (const row of rows) expect(row).toMatch(/^web-/);
});

test('the viewer sees a forbidden namespace said plainly', async ({ page }) => {
  const logs = new LogsPage(page);
  await logs.open(app, 'pilothouse-viewer', 'team-a', 'ns:team-b');
  await expect(page.getByRole('alert', { name: 'Forbidden' })).toContainText(/team-b/);
  await expect(page.getByText('Pilothouse may not watch pods here')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/logs-forbidden.png' });
});

test('a narrow window stacks the sources above the list', async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 900 });
  const logs = new LogsPage(page);
  await logs.open(app, 'pilothouse-admin', 'team-a', 'deploy:web');
  await logs.expectLines(6);
  const sources = await logs.sources.boundingBox();
  const list = await logs.log.boundingBox();
  expect(sources && list && sources.y + sources.height <= list.y).toBe(true);
  await page.screenshot({ path: 'test-results/screens/logs-narrow.png' });
});
