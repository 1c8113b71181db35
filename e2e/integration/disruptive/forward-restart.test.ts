// Issue 12: the kube-apiserver crashes and restarts under a pod forward. While it is down the state
// must not claim Active for a path it cannot check; once it is back, the forward comes
// back by itself (watches reconnect with backoff, the path is checked again) and answers.
// Runs after every other suite (e2e/test-all.sh), as log-restart.test.ts does; uses the
// fixture pod team-a/db-0 (no new pod needed: kwok starts none for a while after a restart).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app';
import { restartComponent } from '../../support/cluster';
import { eventually } from '../cluster';
import { httpGet, startEngineApp } from '../forward-fixture';

let app: AppServices;
beforeAll(async () => {
  app = await startEngineApp();
});
afterAll(async () => {
  await app?.stop();
});

it('a forward comes back after a kube-apiserver restart, and its state is true meanwhile', async () => {
  const h = app.forwards.start({
    context: 'pilothouse-admin',
    namespace: 'team-a',
    kind: 'pods',
    name: 'db-0',
    port: 5432,
    localPort: 0,
  });
  const s = await h.settled();
  expect(s.state).toBe('Active (pod db-0, 0 connections)');
  const port = s.localPort!;
  expect((await httpGet(port)).pod).toBe('db-0');

  const phases: string[] = [];
  h.onState((now) => {
    if (phases.at(-1) !== now.phase) phases.push(now.phase);
  });
  // While it is down, an Active state must not outlive a broken path: the connection that
  // meets the outage first can only fail (nothing knows of it before), but within a second
  // of that the forward must either say it is not Active or carry connections again.
  let down = true;
  const liar = (async () => {
    const lies: string[] = [];
    while (down) {
      if (h.state().phase === 'active') {
        const failed = await httpGet(port, '/hello', 12_000).then(
          () => undefined,
          (e: Error) => e.message,
        );
        if (failed) {
          await new Promise((r) => setTimeout(r, 1000));
          if (h.state().phase === 'active')
            await httpGet(port, '/hello', 12_000).catch((e: Error) =>
              lies.push(`${failed}, then still Active and ${e.message}`),
            );
        }
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    return lies;
  })();
  // Killed, not asked to stop: a draining API server keeps serving the tunnel it holds.
  await restartComponent('kube-apiserver', 'SIGKILL');
  await eventually(
    'Active again after the restart',
    async () => h.state().phase === 'active',
    120_000,
    200,
  );
  down = false;
  expect(await liar).toEqual([]);
  expect((await httpGet(port)).pod).toBe('db-0');
  console.info(`phases through the restart: ${phases.join(' -> ')}`);
  await h.stop();
});
