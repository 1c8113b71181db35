// Issue 12: the app process (browser mode, a child process) is stopped with SIGSTOP for
// 60 s, as a laptop lid closed at lunch, while the Deployment behind its Service forward is
// restarted (every pod it knew is gone when it wakes). After SIGCONT: the forward works
// again, on a pod that exists, and its state was true throughout: whenever the state
// (streamed over the real WebSocket) says Active, a new connection is answered, by the
// pod the state names or a newer one.
//
// Repeat: PILOTHOUSE_CLUSTER_NAME=pilothouse-<name> npx vitest run -c vitest.integration.config.ts e2e/integration/forwards-sigstop.test.ts
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ForwardState, ForwardsEvent } from '../../shared/contract/forwards';
import { deleteNamespace, freshNamespace, requireClusterKubeconfig } from '../support/cluster';
import { startWebApp, type RunningApp } from '../support/web-app';
import { openWire, type WireClient } from '../support/wire-client';
import { eventually, sleep } from './cluster';
import { applyFixture, httpGet, kubectlAsync } from './forward-fixture';

const NS = 'e2e-forwards-sigstop';
const STOPPED_MS = 60_000;
let app: RunningApp;
let wire: WireClient;

beforeAll(async () => {
  freshNamespace(NS, { agentLogs: true });
  applyFixture(NS);
  app = await startWebApp({ kubeconfig: requireClusterKubeconfig() });
  wire = await openWire(app);
});
afterAll(async () => {
  wire?.close();
  await app?.stop();
  deleteNamespace(NS);
});

it('after 60 s of SIGSTOP (and a rollout meanwhile) the forward works again and its state was true throughout', async () => {
  // The live states, as the Port-forwards view receives them.
  const sub = wire.nextId();
  wire.send(JSON.stringify({ t: 'sub', id: sub, channel: 'forwards.watch', input: {} }));
  const latest = () => {
    let state: ForwardState | undefined;
    for (const m of wire.repliesTo(sub))
      if (m.t === 'batch')
        for (const e of m.events as ForwardsEvent[])
          if (e.type === 'upsert') for (const f of e.forwards) state = f;
    return state;
  };
  const call = wire.nextId();
  wire.send(
    JSON.stringify({
      t: 'call',
      id: call,
      channel: 'forward.start',
      input: {
        context: 'pilothouse-admin',
        namespace: NS,
        kind: 'services',
        name: 'web-named',
        port: 80,
        localPort: 0,
      },
    }),
  );
  const reply = await wire.terminal(call, 60_000);
  expect(reply.t).toBe('result');
  const started = (reply as { value: ForwardState }).value;
  expect(started.phase).toBe('active');
  const port = started.localPort!;
  expect((await httpGet(port)).pod).toBe(started.pod);

  process.kill(app.pid, 'SIGSTOP');
  const stoppedAt = Date.now();
  try {
    await kubectlAsync(['-n', NS, 'rollout', 'restart', 'deploy/web']);
    await kubectlAsync(['-n', NS, 'rollout', 'status', 'deploy/web', '--timeout=50s']);
    await sleep(Math.max(0, STOPPED_MS - (Date.now() - stoppedAt)));
  } finally {
    process.kill(app.pid, 'SIGCONT');
  }
  const pods = (
    await kubectlAsync([
      '-n',
      NS,
      'get',
      'pods',
      '-l',
      'app=web',
      '-o',
      'jsonpath={.items[*].metadata.name}',
    ])
  )
    .trim()
    .split(/\s+/);
  expect(pods).not.toContain(started.pod);

  // For 20 s after waking: every Active state is checked with a new connection.
  const checks: string[] = [];
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const s = latest();
    if (s?.phase === 'active') {
      const answer = await httpGet(port, '/hello', 12_000).catch((e: Error) => ({
        pod: `error: ${e.message}`,
      }));
      checks.push(`${s.state} -> ${answer.pod}`);
      expect(answer.pod, `state "${s.state}" but the answer was ${answer.pod}`).not.toMatch(
        /^error/,
      );
      expect(pods, `state "${s.state}" names a pod that is gone`).toContain(s.pod);
    } else checks.push(s?.state ?? '(none)');
    await sleep(500);
  }
  console.info(`states after SIGCONT: ${[...new Set(checks)].join(' | ')}`);
  await eventually(
    'Active on a current pod',
    async () => {
      const s = latest();
      return s?.phase === 'active' && pods.includes(s.pod ?? '');
    },
    10_000,
    200,
  );
  expect(pods).toContain((await httpGet(port)).pod);
});
