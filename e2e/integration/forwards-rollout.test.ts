// Issue 12: a Service forward through ten `kubectl rollout restart`s in a row. A request
// over a new connection goes out every REQUEST_EVERY_MS the whole time; the test's own pod
// watch records when each pod became Ready and when it went away. For each rollout:
// - every request succeeds or fails, and no run of failures lasts 2 s or more;
// - "move": from the moment the pod the forward used went away (or, if later, the moment
//   a pod of the new ReplicaSet was Ready) to the first answer from a new pod: < 2 s.
// The figures are printed (10/10 expected).
//
// Repeat: PILOTHOUSE_CLUSTER_NAME=pilothouse-<name> npx vitest run -c vitest.integration.config.ts e2e/integration/forwards-rollout.test.ts
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppServices } from '../../main/app';
import type { ForwardHandle } from '../../main/forwards/engine';
import { deleteNamespace, freshNamespace } from '../support/cluster';
import { admin, eventually, sleep } from './cluster';
import { applyFixture, httpGet, kubectlAsync, startEngineApp } from './forward-fixture';

const NS = 'e2e-forwards-rollout';
const ROLLOUTS = 10;
const MOVE_LIMIT_MS = 2000;
const REQUEST_EVERY_MS = 50;

let app: AppServices;
let stopWatch: (() => void) | undefined;

/** Per pod: when the test saw it Ready, and when it stopped being usable. */
const readyAt = new Map<string, number>();
const goneAt = new Map<string, number>();

beforeAll(async () => {
  freshNamespace(NS, { agentLogs: true });
  applyFixture(NS);
  app = await startEngineApp();
  const req = await new k8s.Watch(admin).watch(
    `/api/v1/namespaces/${NS}/pods`,
    {},
    (type, pod: k8s.V1Pod) => {
      const name = pod.metadata?.name ?? '';
      if (pod.metadata?.labels?.['app'] !== 'web') return;
      const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      if (type === 'DELETED' || pod.metadata?.deletionTimestamp || !ready) {
        if (readyAt.has(name) && !goneAt.has(name)) goneAt.set(name, Date.now());
      } else if (!readyAt.has(name)) readyAt.set(name, Date.now());
    },
    () => undefined,
  );
  stopWatch = () => req.abort();
});
afterAll(async () => {
  stopWatch?.();
  await app?.stop();
  deleteNamespace(NS);
});

interface Shot {
  at: number;
  pod: string | null;
  error?: string;
}

it(`new connections reach a new ready pod within ${MOVE_LIMIT_MS} ms, ${ROLLOUTS} rollouts in a row`, async () => {
  const h: ForwardHandle = app.forwards.start({
    context: 'pilothouse-admin',
    namespace: NS,
    kind: 'services',
    name: 'web-named',
    port: 80,
    localPort: 0,
  });
  const first = await h.settled();
  expect(first.phase).toBe('active');
  const port = first.localPort!;
  const states: Array<{ at: number; state: string }> = [];
  h.onState((s) => {
    if (states.at(-1)?.state !== s.state.replace(/, \d+ connections?\)/, ')'))
      states.push({ at: Date.now(), state: s.state.replace(/, \d+ connections?\)/, ')') });
  });

  const shots: Shot[] = [];
  let running = true;
  const driver = (async () => {
    while (running) {
      const at = Date.now();
      try {
        const answer = await httpGet(port, '/hello', 5000);
        shots.push({ at, pod: answer.pod });
      } catch (e) {
        shots.push({ at, pod: null, error: (e as Error).message });
      }
      await sleep(REQUEST_EVERY_MS);
    }
  })();

  const results: Array<{ rollout: number; moveMs: number; longestFailureMs: number }> = [];
  let restartedAt = 0;
  try {
    for (let i = 1; i <= ROLLOUTS; i++) {
      const before = new Set(readyAt.keys());
      // kubectl stamps restartedAt in whole seconds and refuses a second restart within
      // one; on kwok a whole rollout can be over in less than that.
      await sleep(Math.max(0, restartedAt + 1100 - Date.now()));
      restartedAt = Date.now();
      const since = Date.now();
      await kubectlAsync(['-n', NS, 'rollout', 'restart', 'deploy/web']);
      await kubectlAsync(['-n', NS, 'rollout', 'status', 'deploy/web', '--timeout=120s']);
      // The old pods are gone and an answer came from a new one.
      const isNew = (pod: string | null) => !!pod && !before.has(pod);
      const firstNew = await eventually(
        `rollout ${i}: an answer from a new pod`,
        async () => shots.find((s) => s.at >= since && isNew(s.pod)),
        60_000,
        50,
      );
      await eventually(
        `rollout ${i}: old pods gone`,
        async () => [...before].every((p) => goneAt.has(p) || !readyAt.has(p)),
        60_000,
        100,
      );
      // The pod the forward used last before it answered from a new one.
      const lastOld = [...shots]
        .reverse()
        .find((s) => s.at < firstNew.at && s.pod && !isNew(s.pod));
      const oldGone = lastOld?.pod ? (goneAt.get(lastOld.pod) ?? firstNew.at) : since;
      const newReady = Math.min(...[...readyAt].filter(([p]) => isNew(p)).map(([, t]) => t));
      const moveMs = Math.max(0, firstNew.at - Math.max(oldGone, newReady));
      // The longest run of failed requests during this rollout.
      let longestFailureMs = 0;
      let runStart: number | undefined;
      for (const s of shots.filter((x) => x.at >= since)) {
        if (s.pod === null) runStart ??= s.at;
        else if (runStart !== undefined) {
          longestFailureMs = Math.max(longestFailureMs, s.at - runStart);
          runStart = undefined;
        }
      }
      results.push({ rollout: i, moveMs, longestFailureMs });
    }
  } finally {
    running = false;
    await driver;
    await h.stop();
  }

  const failures = shots.filter((s) => s.pod === null);
  const lines = results.map(
    (r) =>
      `rollout ${String(r.rollout).padStart(2)}: moved to a new pod ${r.moveMs} ms after it could, longest failure run ${r.longestFailureMs} ms`,
  );
  const within = results.filter(
    (r) => r.moveMs < MOVE_LIMIT_MS && r.longestFailureMs < MOVE_LIMIT_MS,
  );
  console.info(
    [
      `forward through ${ROLLOUTS} rollout restarts: ${within.length}/${ROLLOUTS} within ${MOVE_LIMIT_MS} ms`,
      ...lines,
      `requests: ${shots.length}, failed: ${failures.length}${failures.length ? ` (first: ${failures[0]!.error})` : ''}`,
      `states seen: ${[...new Set(states.map((s) => s.state.replace(/pod \S+/, 'pod …')))].join(' | ')}`,
    ].join('\n'),
  );
  expect(within.length).toBe(ROLLOUTS);
});
