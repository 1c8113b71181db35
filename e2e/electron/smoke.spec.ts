import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { electronSmokePlan, findElectronBinary } from '../../main/tools/electron-binary';
import { APP_ORIGIN } from '../../main/electron/navigation-policy';
import { repoRoot } from '../support/web-app';
import { kubeconfigText, tempDir, writeKubeconfig } from '../support/kubeconfigs';

// The Electron binary cannot be downloaded on the team's machines; where it is present (a
// developer laptop, a release runner) this test runs and must pass: a binary that cannot
// launch fails it. PILOTHOUSE_REQUIRE_ELECTRON=1 turns a missing binary into a failure.
const plan = electronSmokePlan(findElectronBinary(repoRoot), process.env);
/** How long a blocked navigation gets to happen anyway before we call it blocked. */
const NAVIGATION_GRACE_MS = 1_500;

if (!plan.run) console.warn(`[electron smoke] ${plan.fail ? 'FAILS: ' : ''}${plan.reason}`);

test.describe('desktop app', () => {
  test.skip(!plan.run && !plan.fail, plan.run ? '' : plan.reason);
  let app: ElectronApplication;

  test.beforeAll(async () => {
    if (!plan.run) throw new Error(plan.reason);
    execFileSync('npx', ['electron-vite', 'build', '-c', 'electron.config.ts'], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
    const dir = tempDir();
    const kubeconfig = writeKubeconfig(dir, 'config', kubeconfigText([{ name: 'desk' }], 'desk'));
    app = await electron.launch({
      executablePath: plan.path,
      args: [repoRoot, `--kubeconfig=${kubeconfig}`, `--user-data-dir=${dir}/user-data`],
      cwd: repoRoot,
    });
  });

  test.afterAll(async () => {
    await app?.close();
  });

  test('launches the real app from app:// and shows the context switcher', async () => {
    const page = await app.firstWindow();
    await expect(page.getByRole('combobox', { name: 'Context' })).toHaveValue('desk');
    expect(page.url()).toMatch(new RegExp(`^${APP_ORIGIN}/`));
    // The page sees the bridge and nothing of Node.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe(
      'undefined',
    );
    expect(
      await page.evaluate(() => Object.keys((globalThis as { pilot?: object }).pilot ?? {}).sort()),
    ).toEqual(['request', 'subscribe']);
  });

  test('the window runs isolated and sandboxed', async () => {
    const page = await app.firstWindow();
    // contextBridge refuses to run without contextIsolation, so `pilot` existing proves it.
    expect(
      await page.evaluate(() => {
        const pilot = (globalThis as { pilot?: { request?: unknown } }).pilot;
        return typeof pilot?.request === 'function';
      }),
    ).toBe(true);
    expect(
      await page.evaluate(() =>
        ['require', 'process', 'Buffer', 'module', 'global'].filter((name) => name in globalThis),
      ),
    ).toEqual([]);
    // The OS reports the renderer's sandbox on macOS and Windows (app metrics); on Linux
    // the sandbox is enforced by app.enableSandbox() before any window exists.
    const renderers = await app.evaluate(({ app: electronApp }) =>
      electronApp
        .getAppMetrics()
        .filter((metric) => metric.type === 'Tab')
        .map((metric) => metric.sandboxed),
    );
    expect(renderers.length).toBeGreaterThan(0);
    for (const sandboxed of renderers) expect([true, undefined]).toContain(sandboxed);
  });

  test('app:// answers with the CSP and refuses paths out of the renderer', async () => {
    const answers = await app.evaluate(async ({ net }, origin) => {
      const get = async (path: string) => {
        const response = await net.fetch(`${origin}${path}`);
        return {
          status: response.status,
          csp: response.headers.get('content-security-policy'),
          type: response.headers.get('content-type'),
          nosniff: response.headers.get('x-content-type-options'),
        };
      };
      return {
        page: await get('/index.html'),
        traversal: await get('/..%2f..%2fpackage.json'),
        encoded: await get('/%2e%2e/%2e%2e/package.json'),
      };
    }, APP_ORIGIN);
    expect(answers.page).toMatchObject({
      status: 200,
      type: 'text/html; charset=utf-8',
      nosniff: 'nosniff',
    });
    expect(answers.page.csp).toContain("default-src 'none'");
    expect(answers.page.csp).toContain("script-src 'self'");
    expect(answers.traversal.status).toBeGreaterThanOrEqual(400);
    expect(answers.encoded.status).toBeGreaterThanOrEqual(400);
  });

  test('window.open opens nothing', async () => {
    const page = await app.firstWindow();
    const opened = await page.evaluate(() => [
      window.open('app://pilothouse/index.html') === null,
      window.open('about:blank') === null,
      // Refused by the link policy (http, loopback): not even the user's browser opens it.
      window.open('http://127.0.0.1:9/') === null,
      window.open('file:///etc/passwd') === null,
    ]);
    expect(opened).toEqual([true, true, true, true]);
    expect(app.windows()).toHaveLength(1);
  });

  test('navigation away from the app is blocked', async () => {
    const page = await app.firstWindow();
    const before = page.url();
    for (const target of [
      'file:///etc/passwd',
      'data:text/html,<h1>x</h1>',
      'http://127.0.0.1:9/',
    ]) {
      const navigated = page
        .waitForEvent('framenavigated', { timeout: NAVIGATION_GRACE_MS })
        .then(() => true)
        .catch(() => false);
      await page.evaluate((url) => {
        window.location.href = url;
      }, target);
      expect(await navigated, `navigation to ${target}`).toBe(false);
      expect(page.url()).toBe(before);
    }
    await expect(page.getByRole('combobox', { name: 'Context' })).toHaveValue('desk');
  });

  test('permissions are denied', async () => {
    const page = await app.firstWindow();
    const states = await page.evaluate(async () =>
      Promise.all(
        (['geolocation', 'notifications'] as const).map((name) =>
          navigator.permissions.query({ name }).then((status) => status.state),
        ),
      ),
    );
    expect(states).toEqual(['denied', 'denied']);
  });
});
