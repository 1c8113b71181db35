// Issue 12: port-forwards through the engine (main/forwards/) against the real cluster:
// pod, Service (named and numeric targetPort) and Deployment forwards answer from the
// right pod; a local port in use; forbidden for the viewer; a pod forward waits for a pod
// of the same name; the fixture's /bytes and /echo endpoints carried intact.
//
// Repeat: PILOTHOUSE_CLUSTER_NAME=pilothouse-<name> npx vitest run -c vitest.integration.config.ts e2e/integration/forwards.test.ts
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../main/app';
import type { ForwardSpecInput } from '../../shared/contract/forwards';
import { deleteNamespace, freshNamespace, kubectl } from '../support/cluster';
import { eventually } from './cluster';
import { applyFixture, httpEcho, httpGet, startEngineApp } from './forward-fixture';

const NS = 'e2e-forwards';
let app: AppServices;

beforeAll(async () => {
  freshNamespace(NS, { agentLogs: true });
  applyFixture(NS);
  app = await startEngineApp();
});
afterAll(async () => {
  await app?.stop();
  deleteNamespace(NS);
});

const spec = (s: Partial<ForwardSpecInput>): ForwardSpecInput => ({
  context: 'pilothouse-admin',
  namespace: NS,
  kind: 'pods',
  name: 'solo',
  port: 5432,
  localPort: 0,
  ...s,
});

/** The names of the Deployment's pods now. */
const webPods = () =>
  kubectl(['-n', NS, 'get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].metadata.name}'])
    .trim()
    .split(/\s+/);

describe('forward targets', () => {
  it('a pod port answers from that pod, and the state says Active with the pod', async () => {
    const h = app.forwards.start(spec({}));
    const s = await h.settled();
    expect(s.state).toBe('Active (pod solo, 0 connections)');
    expect(s.localAddress).toBe(`127.0.0.1:${s.localPort}`);
    const answer = await httpGet(s.localPort!);
    expect(answer.body).toContain('pod: solo\n');
    expect(answer.body).toContain('port: 5432\n');
    await h.stop();
  });

  it.each([
    ['web-named', 80, 'named targetPort http'],
    ['web-named', 'http', 'the Service port by name'],
    ['web-numeric', 81, 'numeric targetPort 8080'],
  ] as Array<[string, number | string, string]>)(
    'Service %s port %s (%s) answers from a ready pod behind it',
    async (name, port) => {
      const h = app.forwards.start(spec({ kind: 'services', name, port }));
      const s = await h.settled();
      expect(s.phase).toBe('active');
      expect(s.podPort).toBe(8080);
      expect(webPods()).toContain(s.pod);
      const answer = await httpGet(s.localPort!);
      expect(answer.pod).toBe(s.pod);
      expect(answer.body).toContain('port: 8080\n');
      await h.stop();
    },
  );

  it('a Deployment port by name answers from one of its pods', async () => {
    const h = app.forwards.start(spec({ kind: 'deployments', name: 'web', port: 'http' }));
    const s = await h.settled();
    expect(s.state).toMatch(/^Active \(pod web-[a-z0-9]+-[a-z0-9]+, 0 connections\)$/);
    expect(webPods()).toContain(s.pod);
    expect((await httpGet(s.localPort!)).pod).toBe(s.pod);
    await h.stop();
  });

  it("'same-or-free': the remote port's number when it is free, else a free one", async () => {
    const canBind = (port: number) =>
      new Promise<boolean>((resolve) => {
        const probe = net.createServer();
        probe.once('error', () => resolve(false));
        probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
      });
    const free = await canBind(5432);
    const first = app.forwards.start(spec({ localPort: 'same-or-free' }));
    const a = await first.settled();
    expect(a.phase).toBe('active');
    if (free) expect(a.localPort).toBe(5432);
    // Now 5432 (or whatever the first got) is taken by the first forward: a free one.
    const second = app.forwards.start(spec({ localPort: 'same-or-free' }));
    const b = await second.settled();
    expect(b.phase).toBe('active');
    expect(b.localPort).not.toBe(5432);
    expect((await httpGet(b.localPort!)).pod).toBe('solo');
    await first.stop();
    await second.stop();
  });

  it('carries bytes intact both ways and counts them', async () => {
    const h = app.forwards.start(spec({}));
    const s = await h.settled();
    const big = await httpGet(s.localPort!, '/bytes?n=5000000', 30_000);
    expect(big.body.length).toBe(5_000_000);
    const payload = randomBytes(3 * 1024 * 1024 + 17);
    const echoed = await httpEcho(s.localPort!, payload);
    expect(echoed.equals(payload)).toBe(true);
    await eventually(
      'the counters',
      async () => {
        const now = h.state();
        return now.bytesIn > 5_000_000 + payload.length && now.bytesOut >= payload.length;
      },
      5000,
      100,
    );
    expect(h.state().totalConnections).toBe(2);
    await h.stop();
  });
});

describe('failures the state names', () => {
  it('a local port in use: "Failed: local port N is in use"', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const h = app.forwards.start(spec({ localPort: port }));
      const s = await h.settled();
      expect(s.phase).toBe('failed');
      expect(s.state).toBe(`Failed: local port ${port} is in use`);
      expect(s.localPort).toBeNull();
      await h.stop();
    } finally {
      blocker.close();
    }
  });

  it('forbidden for the viewer context, with the API reason', async () => {
    const h = app.forwards.start(
      spec({ context: 'pilothouse-viewer', namespace: 'team-a', name: 'db-0' }),
    );
    const s = await h.settled();
    expect(s.phase).toBe('forbidden');
    expect(s.state).toMatch(/^Forbidden: pods "db-0" is forbidden: .*pods\/portforward/);
    // Never Active: a connection is refused, not carried.
    await expect(httpGet(s.localPort!, '/hello', 12_000)).rejects.toThrow();
    await h.stop();
  });

  it("an unknown target fails at once with kubectl's words", async () => {
    const s = await app.forwards.start(spec({ kind: 'services', name: 'nope' })).settled();
    expect(s.state).toBe('Failed: services "nope" not found');
    const p = await app.forwards.start(spec({ name: 'nope' })).settled();
    expect(p.state).toBe('Failed: pods "nope" not found');
  });

  it('a Service port that does not exist', async () => {
    const s = await app.forwards
      .start(spec({ kind: 'services', name: 'web-named', port: 8443 }))
      .settled();
    expect(s.state).toBe('Failed: Service web-named does not have a service port 8443');
  });
});

describe('a pod forward follows its pod by name', () => {
  it('says it waits for the pod while it is gone, and answers again when it is back', async () => {
    const h = app.forwards.start(spec({}));
    const s = await h.settled();
    expect(s.phase).toBe('active');
    kubectl(['-n', NS, 'delete', 'pod', 'solo', '--wait=true']);
    await eventually(
      'Waiting for a ready pod named solo',
      async () => h.state().state === 'Waiting for a ready pod named solo',
      30_000,
      100,
    );
    applyFixture(NS);
    await eventually('Active again', async () => h.state().phase === 'active', 60_000, 100);
    expect((await httpGet(s.localPort!)).pod).toBe('solo');
    await h.stop();
  });
});
