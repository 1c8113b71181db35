// The log engine (main/logs) on the real cluster: kail's selector semantics checked against
// kubectl's label and field selectors, following pods through a scale-up and a rollout,
// since/tail/previous/include/exclude and RBAC. The apiserver restart is in disruptive/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deleteNamespace,
  firstPodName,
  freshNamespace,
  kubectl,
  kubectlApply,
} from '../support/cluster';
import { eventually } from './cluster';
import { LogCollector } from './log-collector';
import { timeKey } from '../../main/logs/resume';

/** Pod names kubectl's selectors give, as "namespace/name". */
function kubectlPodNames(scope: string[], selector: string[]): string[] {
  const out = kubectl([
    'get',
    'pods',
    ...scope,
    ...selector,
    '-o',
    'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}',
  ]);
  return out.split('\n').filter(Boolean).sort();
}

const collectors: LogCollector[] = [];
function collect(...args: ConstructorParameters<typeof LogCollector>): LogCollector {
  const c = new LogCollector(...args);
  collectors.push(c);
  return c;
}
afterAll(() => collectors.forEach((c) => c.stop()));

describe('selectors match what kubectl selects', () => {
  it.each([
    // [query, scope, kubectl arguments giving the same pods]
    ['label:app=web label:app=db', ['team-a'], ['-n', 'team-a', '-l', 'app in (web,db)']],
    [
      'label:app=web node:pilot-a1',
      ['team-a'],
      ['-n', 'team-a', '-l', 'app=web', '--field-selector', 'spec.nodeName=pilot-a1'],
    ],
    // kubectl has no OR across namespaces: both are listed, the rest filtered out below.
    ['ns:team-a ns:team-b label:app', ['team-a'], ['-A', '-l', 'app']],
    ['deploy:api', ['team-a'], ['-n', 'team-a', '-l', 'app=api']],
    ['sts:db', ['team-a'], ['-n', 'team-a', '-l', 'app=db']],
    ['ds:node-agent ns:team-b', ['team-a'], ['-n', 'team-b', '-l', 'app=node-agent']],
    ['svc:web', ['team-a'], ['-n', 'team-a', '-l', 'app=web']],
    ['ing:storefront', ['team-a'], ['-n', 'team-a', '-l', 'app in (web,api)']],
    ['job:db-migrate-v42 ns:team-b', ['team-a'], ['-n', 'team-b', '-l', 'job-name=db-migrate-v42']],
  ])('%s', async (query, current, selector) => {
    const expected = () => kubectlPodNames([], selector).filter((p) => /^team-[ab]\//.test(p));
    expect(expected().length).toBeGreaterThan(0);
    const c = await collect(query, { current }).ready();
    // The fixture's CronJob adds pods now and then: compare until both sides agree.
    await eventually(
      'the same pods as kubectl',
      async () => JSON.stringify(c.pods()) === JSON.stringify(expected()),
    ).catch(() => undefined);
    expect(c.pods()).toEqual(expected());
  });

  it('follows containers of matching pods only, init containers on request', async () => {
    const plain = await collect('pod:toolbox').ready();
    const withInit = await collect('pod:toolbox init').ready();
    const containers = (c: LogCollector) => [...c.sources.values()].map((s) => s.container).sort();
    const spec = kubectl([
      '-n',
      'team-a',
      'get',
      'pod',
      'toolbox',
      '-o',
      'jsonpath={.spec.containers[*].name} {.spec.initContainers[*].name}',
    ]);
    const [regular, init] = [spec.split(' ').slice(0, 3), spec.split(' ').slice(3)];
    expect(containers(plain)).toEqual([...regular].sort());
    expect(containers(withInit)).toEqual([...regular, ...init].sort());
    await eventually('init container lines', async () => withInit.lines.some((l) => l.source.init));
  });
});

describe('options', () => {
  it('tail: N lines of history per running container, then live lines', async () => {
    // The 3 newest lines of each pod just before the session: its history can start no
    // earlier than the first of them (lines written in between may push them out).
    const tails = new Map<string, string>();
    for (const name of kubectl(['-n', 'team-a', 'get', 'pods', '-l', 'app=web', '-o', 'name'])
      .trim()
      .split('\n')) {
      const pod = name.replace('pod/', '');
      const lines = kubectl([
        '-n',
        'team-a',
        'logs',
        pod,
        '-c',
        'nginx',
        '--tail=3',
        '--timestamps',
      ]);
      tails.set(`team-a/${pod}`, lines.slice(0, lines.indexOf(' ')));
    }
    const started = new Date().toISOString();
    const c = await collect('deploy:web container:nginx tail:3').ready();
    const pods = c.pods();
    expect(pods).toEqual([...tails.keys()].sort());
    await eventually('live lines from every pod', async () =>
      pods.every((p) => c.linesOf(p).some((l) => l.time > started)),
    );
    for (const pod of pods) {
      const history = c.linesOf(pod).filter((l) => l.time < started);
      expect(history.length).toBeGreaterThanOrEqual(1);
      expect(history.length).toBeLessThanOrEqual(3);
      expect(timeKey(history[0]!.time) >= timeKey(tails.get(pod)!)).toBe(true);
    }
    for (const l of c.lines) expect(l.source.container).toBe('nginx');
  });

  it('since: nothing older than asked', async () => {
    const from = new Date(Date.now() - 5000).toISOString().slice(0, 19);
    const c = await collect('deploy:web since:5s').ready();
    await eventually('lines', async () => c.lines.length >= 6);
    for (const l of c.lines) expect(l.time.slice(0, 19) >= from, l.time).toBe(true);
  });

  it('include and exclude filter lines by regular expression', async () => {
    const c = await collect(
      'deploy:web container:nginx tail:200 include:GET -exclude:healthz|/cart',
    ).ready();
    await eventually('lines', async () => c.lines.length >= 20);
    for (const l of c.lines) {
      expect(l.text).toMatch(/GET/);
      expect(l.text).not.toMatch(/healthz|\/cart/);
    }
  });

  it('previous: the terminated instance, read once', async () => {
    const pod = firstPodName('team-a', 'app=web');
    const c = await collect(`pod:${pod} container:nginx previous`).ready();
    const source = await eventually('the source to finish', async () =>
      [...c.sources.values()].find((s) => s.state === 'terminated'),
    );
    expect(source.message).toMatch(/previous/);
    const expected = kubectl(['-n', 'team-a', 'logs', pod, '-c', 'nginx', '--previous'])
      .trim()
      .split('\n');
    expect(c.lines.map((l) => l.text)).toEqual(expected);
  });

  it('a namespace the context may not read is reported, not silently empty', async () => {
    const c = collect('ns:team-b', { context: 'pilothouse-viewer' });
    const status = await eventually('the scope to be refused', async () => {
      const s = c.scopes.get('team-b');
      return s?.phase === 'forbidden' ? s : undefined;
    });
    expect(status.phase === 'forbidden' && status.message).toMatch(/forbidden|not allowed/);
    // A refused Ingress watch explains why ing: selects nothing, in that namespace's status.
    const ingress = collect('ing:storefront', { context: 'pilothouse-viewer' });
    const refused = await eventually('the Ingress watch to be refused', async () => {
      const s = ingress.scopes.get('team-a');
      return s?.phase === 'forbidden' ? s : undefined;
    });
    expect(refused.phase === 'forbidden' && refused.message).toMatch(/ingresses/);
    const allowed = await collect('deploy:web', { context: 'pilothouse-viewer' }).ready();
    await eventually('lines the viewer may read', async () => allowed.lines.length > 0);
  });
});

// Scales and rolls out a Deployment of its own, in a namespace of its own that the fixture
// agent serves with live logs: the shared fixtures stay as they are.
const FOLLOW_NS = 'e2e-log-follow';
const followYaml = (replicas: number, revision: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: log-follow, namespace: ${FOLLOW_NS}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: log-follow}}
  template:
    metadata:
      labels: {app: log-follow}
      annotations: {pilothouse.dev/log-rate: "5", revision: "${revision}"}
    spec:
      containers: [{name: nginx, image: "nginx:1.27"}]
`;

describe('follow', () => {
  beforeAll(() => {
    freshNamespace(FOLLOW_NS, { agentLogs: true });
    kubectlApply(followYaml(2, '1'));
    kubectl(['-n', FOLLOW_NS, 'rollout', 'status', 'deploy/log-follow', '--timeout=90s']);
  });
  afterAll(() => deleteNamespace(FOLLOW_NS));

  it('picks up pods of a scale-up and a rollout, and ends the streams of removed pods', async () => {
    const c = await collect(`deploy:log-follow ns:${FOLLOW_NS}`).ready();
    const first = c.pods();
    expect(first).toHaveLength(2);
    await eventually('lines from both pods', async () =>
      first.every((p) => c.linesOf(p).length > 0),
    );

    kubectlApply(followYaml(3, '1'));
    const third = await eventually('a third pod with lines', async () => {
      const extra = c.pods().find((p) => !first.includes(p));
      return extra && c.linesOf(extra).length > 0 ? extra : undefined;
    });

    kubectlApply(followYaml(3, '2'));
    const before = [...first, third];
    await eventually(
      'the rollout: only new pods remain, each with lines',
      async () => {
        const now = c.pods();
        return now.length === 3 && now.every((p) => !before.includes(p) && c.linesOf(p).length > 0);
      },
      90_000,
    );
    const old = [...c.sources.values()].filter((s) => before.includes(`${s.namespace}/${s.pod}`));
    expect(old.every((s) => s.state === 'ended')).toBe(true);
    expect(c.sequenceBreaks()).toEqual([]);
    expect(c.skipped).toBe(0);
  });
});
