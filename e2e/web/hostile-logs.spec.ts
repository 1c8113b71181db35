// Issue 10, test 5, the viewer's side: a pod that writes a 10 MB line without a newline, a
// line that makes `(a+)+$` backtrack for ever and terminal escapes (e2e/cluster/agent.ts,
// hostileHistory), followed with include:(a+)+$ set by the link. The browser-mode server
// (the services process) has e2e/support/loop-watch.mjs preloaded: its event loop is never
// held 100 ms, and the viewer keeps rendering the lines after the hostile ones.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { repoRoot, startWebApp, type RunningApp } from '../support/web-app';
import {
  deleteNamespace,
  freshNamespace,
  kubectlApply,
  requireClusterKubeconfig,
} from '../support/cluster';
import { LogsPage } from '../support/logs-page';
import { describeLoop, loopProblem } from '../support/loop-bound';
import type { LoopStats } from '../support/loop-watch.mjs';

const NS = 'e2e-hostile-view';
const CUT = `… [cut ${(10 * 1024 * 1024 - 64 * 1024).toLocaleString('en-US')} bytes]`;

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1400, height: 900 } });

let app: RunningApp;
const loopFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'pilothouse-loop-')), 'loop.json');
test.beforeAll(async () => {
  freshNamespace(NS, { agentLogs: true });
  const probe = pathToFileURL(path.join(repoRoot, 'e2e/support/loop-watch.mjs')).href;
  app = await startWebApp({
    kubeconfig: requireClusterKubeconfig(),
    env: {
      NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import ${probe}`,
      PILOTHOUSE_LOOP_WATCH_FILE: loopFile,
    },
  });
});
test.afterAll(async () => {
  await app?.stop();
  deleteNamespace(NS);
});

test('a hostile workload neither stalls main nor stops the viewer, with include:(a+)+$ from the link', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const logs = new LogsPage(page);
  await logs.open(app, 'pilothouse-admin', NS, `ns:${NS} include:(a+)+$ include:hostile-fixture`);
  await expect(logs.stream).toHaveText('Live', { timeout: 30_000 });

  // Start the figures afresh now that the server is up and following, then let the pod
  // write its lines: everything it costs main is counted.
  process.kill(app.pid, 'SIGUSR2');
  kubectlApply(`
apiVersion: v1
kind: Pod
metadata:
  name: hostile
  namespace: ${NS}
  annotations: {pilothouse.dev/log-fixture: hostile, pilothouse.dev/log-rate: "2"}
spec:
  containers: [{name: app, image: "busybox:1.36"}]
`);

  const rows = logs.log.locator('.log-row');
  await expect(rows.filter({ hasText: 'hostile-fixture: after' })).toHaveCount(1, {
    timeout: 90_000,
  });
  // The 10 MB line: 64 KiB of it, and the marker.
  const long = rows.filter({ hasText: 'hostile-fixture: long line' });
  await expect(long.locator('.log-cut')).toHaveText(CUT.trim());
  // The bait ends in b: (a+)+$ does not match it, and answering that took no time.
  await expect(rows.filter({ hasText: 'aaaaab' })).toHaveCount(0);
  // Escapes are text: the OSC 52 payload is shown, never acted on or turned into markup.
  const escapes = rows.filter({ hasText: 'hostile-fixture: escapes' });
  await expect(escapes).toContainText(']52;c;cm0gLXJmIH4K');
  await page.screenshot({ path: 'test-results/screens/logs-hostile.png' });

  // 200 ms for the server's probe to write its figures once more.
  await page.waitForTimeout(400);
  const stats = JSON.parse(readFileSync(loopFile, 'utf8')) as LoopStats;
  console.log(`hostile logs, browser-mode server: ${describeLoop(stats)}`);
  expect(loopProblem(stats, 'the browser-mode server')).toBeUndefined();

  // Without the filter, the pod's live lines keep coming after the hostile ones.
  await logs.follow(`ns:${NS}`);
  await expect(rows.filter({ hasText: /seq=\d+/ }).first()).toBeVisible({ timeout: 30_000 });
});
