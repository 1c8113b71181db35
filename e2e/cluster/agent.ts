// Fixture agent of the test cluster, started by up.sh, stopped by down.sh (by pid).
//
// kwok simulates kubelets: `kubectl logs` reads a file named by a kwok Logs object and
// `kubectl port-forward` dials the target named by a kwok PortForward object. Both are
// keyed by pod name, and Deployment pods get new names on every rollout, so this agent
// keeps them in step with the pods:
//   - for every scheduled pod in the watched namespaces (default team-a, team-b, logs-bench,
//     and any namespace labelled pilothouse.dev/fixture-agent=per-pod, which tests that
//     need live logs create for themselves) it writes
//     one CRI-format log file per container (`<RFC3339Nano> stdout|stderr F <text>`),
//     back-filled with recent history and then appended to at --log-rate lines/s
//     (annotation pilothouse.dev/log-rate overrides it per pod), some lines JSON;
//     annotation pilothouse.dev/log-fixture=hostile starts each container's log with the
//     lines of hostileHistory() (a 10 MB line, a ReDoS bait, terminal escapes) instead;
//   - it starts one HTTP server on 127.0.0.1 per declared container port (plus one for any
//     other port) that answers with the pod's namespace/name, and publishes a PortForward;
//   - Logs/PortForward objects carry an ownerReference to the pod, so the garbage
//     collector removes them with it.
// Pods elsewhere (e.g. namespace `scale`) fall back to a ClusterLogs and a
// ClusterPortForward that point at one shared file and one shared server.
// Nothing here dials anything but the apiserver and its own loopback servers.
import * as k8s from '@kubernetes/client-node';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    kubeconfig: { type: 'string' },
    'run-dir': { type: 'string' },
    'log-rate': { type: 'string', default: '1' },
    // logs-bench: the log benchmark's pods (no quota there, unlike team-b).
    namespaces: { type: 'string', default: 'team-a,team-b,logs-bench' },
    'poll-ms': { type: 'string', default: '1000' },
    'max-log-bytes': { type: 'string', default: String(20 * 1024 * 1024) },
  },
});
if (!opts.kubeconfig || !opts['run-dir']) {
  console.error(
    'usage: agent.ts --kubeconfig FILE --run-dir DIR [--log-rate N] [--namespaces a,b]',
  );
  process.exit(2);
}
const runDir = path.resolve(opts['run-dir']);
const logRoot = path.join(runDir, 'logs');
const defaultRate = Number(opts['log-rate']);
const namespaces = opts.namespaces!.split(',').filter(Boolean);
/** Namespaces served like `namespaces` besides them: a test's own, e.g. e2e/integration/log-engine. */
const PER_POD_LABEL = 'pilothouse.dev/fixture-agent=per-pod';
const pollMs = Number(opts['poll-ms']);
const maxLogBytes = Number(opts['max-log-bytes']);
const FIELD_MANAGER = 'pilothouse-fixture-agent';
const KWOK = 'kwok.x-k8s.io/v1alpha1';

const kc = new k8s.KubeConfig();
kc.loadFromFile(opts.kubeconfig);
const core = kc.makeApiClient(k8s.CoreV1Api);
const objects = k8s.KubernetesObjectApi.makeApiClient(kc);

const say = (...a: unknown[]) => console.log(new Date().toISOString(), ...a);

async function apply(obj: k8s.KubernetesObject): Promise<void> {
  await objects.patch(
    obj,
    undefined,
    undefined,
    FIELD_MANAGER,
    true,
    k8s.PatchStrategy.ServerSideApply,
  );
}

// ---------------------------------------------------------------------------------------
// Log files

type Flavor = 'nginx' | 'json-api' | 'postgres' | 'worker' | 'shipper' | 'logfmt' | 'job';

interface LogFile {
  file: string;
  fd: number;
  bytes: number;
  seq: number;
  flavor: Flavor;
  pod: string;
  container: string;
  credit: number;
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const paths = [
  '/',
  '/products',
  '/products/42',
  '/cart',
  '/checkout',
  '/api/v1/orders',
  '/static/app.js',
  '/healthz',
];
const statuses = [200, 200, 200, 200, 200, 201, 204, 304, 404, 500];

function flavorOf(pod: k8s.V1Pod, c: k8s.V1Container): Flavor {
  const image = c.image ?? '';
  if (pod.metadata?.ownerReferences?.some((o) => o.kind === 'Job')) return 'job';
  if (image.startsWith('nginx')) return 'nginx';
  if (image.startsWith('postgres:')) return 'postgres';
  if (image.includes('fluent')) return 'shipper';
  if (image.includes('/api:')) return 'json-api';
  if (image.includes('/worker:')) return 'worker';
  return 'logfmt';
}

// One or more log lines (a stack trace is several) with their stream.
function render(lf: LogFile, at: Date): Array<[stream: 'stdout' | 'stderr', text: string]> {
  const n = ++lf.seq;
  const ms = 2 + Math.floor(Math.random() * 80);
  switch (lf.flavor) {
    case 'nginx': {
      const st = pick(statuses);
      const day = at.toUTCString().split(' ');
      const clf = `${day[1]}/${day[2]}/${day[3]}:${day[4]} +0000`;
      return [
        [
          'stdout',
          `10.244.${n % 7}.${(n * 37) % 250} - - [${clf}] "GET ${pick(paths)} HTTP/1.1" ${st} ${500 + ((n * 131) % 9000)} "-" "Mozilla/5.0 (pilothouse)" rt=0.0${ms} seq=${n}`,
        ],
      ];
    }
    case 'json-api': {
      const st = pick(statuses);
      const level = st >= 500 ? 'error' : st >= 400 ? 'warn' : 'info';
      return [
        [
          'stdout',
          JSON.stringify({
            ts: at.toISOString(),
            level,
            logger: 'http',
            msg: 'request completed',
            method: pick(['GET', 'GET', 'POST', 'PUT']),
            path: pick(paths),
            status: st,
            duration_ms: ms,
            pod: lf.pod,
            seq: n,
            trace_id: Math.random().toString(16).slice(2, 18),
          }),
        ],
      ];
    }
    case 'postgres': {
      const stamp = at.toISOString().replace('T', ' ').replace('Z', ' UTC');
      const msg = pick([
        'LOG:  checkpoint starting: time',
        `LOG:  checkpoint complete: wrote ${n % 300} buffers (1.${n % 9}%); write=0.${ms} s`,
        `LOG:  duration: ${ms}.${n % 1000} ms  statement: SELECT * FROM orders WHERE id = ${n}`,
        'LOG:  automatic vacuum of table "shop.public.orders": index scans: 1',
      ]);
      return [['stdout', `${stamp} [${100 + (n % 50)}] ${msg} seq=${n}`]];
    }
    case 'worker': {
      if (n % 25 === 0) {
        return [
          [
            'stderr',
            `level=error msg="job failed, will retry" job=order-${n} attempt=1 pod=${lf.pod} seq=${n}`,
          ],
          ['stderr', 'Traceback (most recent call last):'],
          ['stderr', '  File "/app/worker.py", line 88, in handle'],
          ['stderr', 'TimeoutError: upstream payments-gateway did not answer within 5s'],
        ];
      }
      return [
        [
          'stdout',
          JSON.stringify({
            time: at.toISOString(),
            level: 'info',
            msg: 'job done',
            queue: 'orders',
            job: `order-${n}`,
            took_ms: ms,
            seq: n,
          }),
        ],
      ];
    }
    case 'shipper':
      return [
        [
          'stdout',
          `[${at.toISOString().replace('T', ' ').slice(0, 19)}] [ info] [output:forward:forward.0] flushed ${n % 64} records seq=${n}`,
        ],
      ];
    case 'job':
      return [['stdout', `level=info msg="step ${n} applied" container=${lf.container} seq=${n}`]];
    default:
      return [
        [
          n % 17 === 0 ? 'stderr' : 'stdout',
          `level=${n % 17 === 0 ? 'warn' : 'info'} msg="heartbeat" pod=${lf.pod} container=${lf.container} seq=${n}`,
        ],
      ];
  }
}

function criLines(lf: LogFile, at: Date): string {
  // RFC3339Nano: JS dates have milliseconds; pad to nanoseconds with a per-line counter so
  // timestamps stay strictly increasing.
  const iso = at.toISOString().slice(0, -1) + String(lf.seq % 1000000).padStart(6, '0') + 'Z';
  return render(lf, at)
    .map(([stream, text]) => `${iso} ${stream} F ${text}\n`)
    .join('');
}

function openLog(file: string, pod: string, container: string, flavor: Flavor): LogFile {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a');
  return { file, fd, bytes: fs.fstatSync(fd).size, seq: 0, flavor, pod, container, credit: 0 };
}

function write(lf: LogFile, data: string): void {
  if (lf.bytes + data.length > maxLogBytes) {
    // Rotate like a kubelet would: the reader of `logs -f` sees the file re-created.
    fs.closeSync(lf.fd);
    fs.renameSync(lf.file, lf.file + '.1');
    lf.fd = fs.openSync(lf.file, 'a');
    lf.bytes = 0;
  }
  fs.writeSync(lf.fd, data);
  lf.bytes += Buffer.byteLength(data);
}

function backfill(lf: LogFile, from: number, to: number, lines: number): void {
  let out = '';
  for (let i = 0; i < lines; i++) out += criLines(lf, new Date(from + ((to - from) * i) / lines));
  write(lf, out);
}

/** Bytes of the hostile fixture's line without a newline (10 MB). */
const HOSTILE_LONG_LINE_BYTES = 10 * 1024 * 1024;
/** CRI runtimes write a long line as partial ("P") entries of at most 16 KiB. */
const CRI_PARTIAL_BYTES = 16 * 1024;

/**
 * A workload at its worst (e2e/integration/hostile-logs.test.ts, e2e/web/hostile-logs.spec.ts):
 * between two plain marker lines, a 10 MB line (as the runtime writes it: 16 KiB partial
 * entries, the kubelet joins them into one line without a newline until its end), a line
 * that makes `(a+)+$` backtrack for ever, terminal escapes (OSC 52 clipboard write, title,
 * clear screen, cursor up, a CR overprint, colour) and a long line of 3-byte characters.
 */
function hostileHistory(at: number): string {
  const time = (i: number) => new Date(at + i).toISOString();
  const entries: string[] = [`${time(0)} stdout F hostile-fixture: before`];
  const chunk = 'x'.repeat(CRI_PARTIAL_BYTES);
  const head = 'hostile-fixture: long line ';
  entries.push(`${time(1)} stdout P ${head}${chunk.slice(head.length)}`);
  for (let sent = CRI_PARTIAL_BYTES; sent < HOSTILE_LONG_LINE_BYTES; sent += CRI_PARTIAL_BYTES)
    entries.push(`${time(1)} stdout P ${chunk.slice(0, HOSTILE_LONG_LINE_BYTES - sent)}`);
  entries.push(`${time(1)} stdout F `);
  entries.push(`${time(2)} stdout F ${'a'.repeat(50_000)}b`);
  const esc = '\x1b';
  entries.push(
    `${time(3)} stdout F hostile-fixture: escapes ${esc}]52;c;cm0gLXJmIH4K\x07${esc}]0;pwned\x07` +
      `${esc}[2J${esc}[1A${esc}[31mred${esc}[0m fake\rover`,
  );
  entries.push(`${time(4)} stdout F hostile-fixture: utf8 ${'€'.repeat(30_000)}`);
  entries.push(`${time(5)} stdout F hostile-fixture: after`);
  return entries.join('\n') + '\n';
}

/** What `logs --previous` shows: the end of an earlier instance that crashed. */
function writePreviousLog(file: string, container: string, before: number): string {
  if (!fs.existsSync(file)) {
    const lines = [
      `previous instance of ${container} starting`,
      'connected to upstream',
      'fatal: upstream connection reset; exiting with code 137',
    ];
    fs.writeFileSync(
      file,
      lines
        .map((t, i) => `${new Date(before - 60_000 + i * 1000).toISOString()} stderr F ${t}\n`)
        .join(''),
    );
  }
  return file;
}

// ---------------------------------------------------------------------------------------
// Port-forward targets

/** Largest body GET /bytes?n=N sends (the forward benchmark moves 100 MB). */
const MAX_BYTES_ENDPOINT = 1024 * 1024 * 1024;
const BYTES_CHUNK = Buffer.alloc(64 * 1024, 'x');

/**
 * Throughput and correctness endpoints for port-forwards (issue 12), on every per-pod
 * server: GET /bytes?n=N answers N bytes; POST /echo answers the request body as sent.
 * Both name the pod in an `x-pod` header. Returns false for any other path.
 */
function payloadEndpoints(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pod: string,
): boolean {
  const url = new URL(req.url ?? '/', 'http://pod');
  if (url.pathname === '/bytes') {
    const n = Math.max(
      0,
      Math.min(MAX_BYTES_ENDPOINT, Math.floor(Number(url.searchParams.get('n')) || 0)),
    );
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(n),
      'x-pod': pod,
    });
    let left = n;
    const pump = () => {
      while (left > 0) {
        const chunk = left >= BYTES_CHUNK.length ? BYTES_CHUNK : BYTES_CHUNK.subarray(0, left);
        left -= chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
    return true;
  }
  if (url.pathname === '/echo' && req.method === 'POST') {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-pod': pod });
    req.pipe(res);
    return true;
  }
  return false;
}

function listen(
  describe: (req: http.IncomingMessage) => Record<string, unknown>,
): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const info = describe(req);
    if (payloadEndpoints(req, res, String(info['pod']))) return;
    const body =
      req.url?.endsWith('.json') || req.headers.accept === 'application/json'
        ? JSON.stringify(info) + '\n'
        : Object.entries(info)
            .map(([k, v]) => `${k}: ${String(v)}`)
            .join('\n') + '\n';
    res.writeHead(200, {
      'content-type': body.startsWith('{') ? 'application/json' : 'text/plain; charset=utf-8',
    });
    res.end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
const portOf = (s: http.Server) => (s.address() as AddressInfo).port;
/**
 * Stops a pod's server and drops its connections, as a pod that goes away does: close()
 * alone waits for every open connection (a port-forward tunnel can hold one for hours),
 * and the agent's loop would wait with it.
 */
const close = (s: http.Server) =>
  new Promise<void>((r) => {
    s.close(() => r());
    s.closeAllConnections();
  });

// ---------------------------------------------------------------------------------------
// Per-pod state

interface PodState {
  key: string;
  ns: string;
  name: string;
  running: boolean;
  rate: number;
  logs: LogFile[]; // regular containers only (init containers get a static file)
  servers: http.Server[];
  objects: k8s.KubernetesObject[]; // kwok objects published for this pod (re-applied now and then)
}
const pods = new Map<string, PodState>();
const podKey = (p: k8s.V1Pod) => `${p.metadata!.namespace}/${p.metadata!.name}/${p.metadata!.uid}`;

function rateOf(pod: k8s.V1Pod): number {
  const a = pod.metadata?.annotations?.['pilothouse.dev/log-rate'];
  return a !== undefined && !Number.isNaN(Number(a)) ? Number(a) : defaultRate;
}

async function setUp(pod: k8s.V1Pod): Promise<PodState> {
  const ns = pod.metadata!.namespace!;
  const name = pod.metadata!.name!;
  const uid = pod.metadata!.uid!;
  const dir = path.join(logRoot, ns, `${name}_${uid.slice(0, 8)}`);
  const now = Date.now();
  const started = pod.status?.startTime ? new Date(pod.status.startTime).getTime() : now;
  const from = Math.max(started, now - 15 * 60 * 1000);
  const running = pod.status?.phase === 'Running';
  const state: PodState = {
    key: podKey(pod),
    ns,
    name,
    running,
    rate: rateOf(pod),
    logs: [],
    servers: [],
    objects: [],
  };
  const logsSpec: Array<{
    containers: string[];
    logsFile: string;
    previousLogsFile?: string;
    follow: boolean;
  }> = [];

  try {
    for (const c of pod.spec?.initContainers ?? []) {
      const lf = openLog(path.join(dir, `${c.name}.log`), name, c.name, 'logfmt');
      if (lf.bytes === 0) {
        write(
          lf,
          [
            `init container ${c.name} of ${ns}/${name} starting`,
            `running: ${(c.command ?? c.args ?? [c.image]).join(' ')}`,
            `init container ${c.name} done`,
          ]
            .map((t, i) => `${new Date(started - 3000 + i * 1000).toISOString()} stdout F ${t}\n`)
            .join(''),
        );
      }
      fs.closeSync(lf.fd);
      logsSpec.push({ containers: [c.name], logsFile: lf.file, follow: false });
    }
    for (const c of pod.spec?.containers ?? []) {
      const lf = openLog(path.join(dir, `${c.name}.log`), name, c.name, flavorOf(pod, c));
      if (
        lf.bytes === 0 &&
        pod.metadata?.annotations?.['pilothouse.dev/log-fixture'] === 'hostile'
      ) {
        write(lf, hostileHistory(now - 60_000));
      } else if (lf.bytes === 0) {
        const lines = running
          ? Math.min(200, Math.max(20, Math.round(((now - from) / 1000) * Math.min(state.rate, 1))))
          : 12;
        backfill(lf, from, running ? now : from + 2000, lines);
      }
      state.logs.push(lf);
      logsSpec.push({
        containers: [c.name],
        logsFile: lf.file,
        previousLogsFile: writePreviousLog(path.join(dir, `${c.name}.previous.log`), c.name, from),
        follow: true,
      });
    }

    const forwards: Array<{ ports?: number[]; target: { address: string; port: number } }> = [];
    for (const c of pod.spec?.containers ?? []) {
      for (const p of c.ports ?? []) {
        const s = await listen((req) => ({
          pod: name,
          namespace: ns,
          container: c.name,
          port: p.containerPort,
          portName: p.name ?? '',
          path: req.url ?? '/',
        }));
        state.servers.push(s);
        forwards.push({
          ports: [p.containerPort],
          target: { address: '127.0.0.1', port: portOf(s) },
        });
      }
    }
    const any = await listen((req) => ({
      pod: name,
      namespace: ns,
      container: '',
      port: 'undeclared',
      path: req.url ?? '/',
    }));
    state.servers.push(any);
    forwards.push({ target: { address: '127.0.0.1', port: portOf(any) } });

    const owner = {
      apiVersion: 'v1',
      kind: 'Pod',
      name,
      uid,
      blockOwnerDeletion: false,
      controller: false,
    };
    const meta = {
      name,
      namespace: ns,
      ownerReferences: [owner],
      labels: { 'app.kubernetes.io/managed-by': FIELD_MANAGER },
    };
    state.objects.push({
      apiVersion: KWOK,
      kind: 'Logs',
      metadata: meta,
      spec: { logs: logsSpec },
    } as k8s.KubernetesObject);
    state.objects.push({
      apiVersion: KWOK,
      kind: 'PortForward',
      metadata: meta,
      spec: { forwards },
    } as k8s.KubernetesObject);
    if (ns === 'team-a' && name === 'toolbox') {
      // `kubectl exec` into toolbox runs the command on this machine, in a scratch dir.
      const work = path.join(runDir, 'exec', name);
      fs.mkdirSync(work, { recursive: true });
      state.objects.push({
        apiVersion: KWOK,
        kind: 'Exec',
        metadata: meta,
        spec: {
          execs: [
            {
              local: {
                workDir: work,
                envs: [
                  { name: 'POD_NAME', value: name },
                  { name: 'POD_NAMESPACE', value: ns },
                ],
              },
            },
          ],
        },
      } as k8s.KubernetesObject);
      state.objects.push({
        apiVersion: KWOK,
        kind: 'Attach',
        metadata: meta,
        spec: {
          attaches: state.logs.map((l) => ({ containers: [l.container], logsFile: l.file })),
        },
      } as k8s.KubernetesObject);
    }
    for (const o of state.objects) await apply(o);
  } catch (e) {
    await tearDown(state, false);
    throw e;
  }
  return state;
}

async function tearDown(state: PodState, removeFiles = true): Promise<void> {
  for (const lf of state.logs) {
    try {
      fs.closeSync(lf.fd);
    } catch {
      /* already closed */
    }
  }
  await Promise.all(state.servers.map(close));
  if (removeFiles && state.logs[0])
    fs.rmSync(path.dirname(state.logs[0].file), { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------
// Cluster-wide fallback for pods without their own objects (other namespaces).

let fallbackLog: LogFile | undefined;
/** Namespaces served by the shared fallback log file (cluster:scale uses `scale`). */
const fallbackNamespaces = ['default', 'kube-system', 'kube-public', 'scale'];

async function setUpFallback(): Promise<void> {
  fallbackLog = openLog(path.join(logRoot, '_cluster', 'default.log'), '*', '*', 'logfmt');
  if (fallbackLog.bytes === 0) backfill(fallbackLog, Date.now() - 60_000, Date.now(), 30);
  const server = await listen((req) => ({
    pod: '(any pod without a PortForward of its own)',
    namespace: '*',
    path: req.url ?? '/',
  }));
  await apply({
    apiVersion: KWOK,
    kind: 'ClusterLogs',
    metadata: { name: 'pilothouse-default' },
    // Only where the agent writes no per-pod logs: a new team-a pod must not stream this
    // file for the moment before its own Logs object exists (kwok would switch files
    // under a running stream, which no kubelet does).
    spec: {
      selector: { matchNamespaces: fallbackNamespaces.filter((n) => !namespaces.includes(n)) },
      logs: [{ logsFile: fallbackLog.file, follow: true }],
    },
  } as k8s.KubernetesObject);
  await apply({
    apiVersion: KWOK,
    kind: 'ClusterPortForward',
    metadata: { name: 'pilothouse-default' },
    // Only where the agent publishes no per-pod PortForward, like the ClusterLogs above: a
    // new team-a pod is unreachable until its own servers are up (a real pod's port is
    // closed until its process listens), never answered by this shared server.
    spec: {
      selector: { matchNamespaces: fallbackNamespaces.filter((n) => !namespaces.includes(n)) },
      forwards: [{ target: { address: '127.0.0.1', port: portOf(server) } }],
    },
  } as k8s.KubernetesObject);
}

// ---------------------------------------------------------------------------------------

let labelled: string[] = [];
async function labelledNamespaces(): Promise<string[]> {
  try {
    const list = await core.listNamespace({ labelSelector: PER_POD_LABEL });
    labelled = list.items
      .map((n) => n.metadata?.name ?? '')
      .filter((n) => n && !namespaces.includes(n));
  } catch (e) {
    say('list labelled namespaces failed (keeping the last list)', (e as Error).message);
  }
  return labelled;
}

let rounds = 0;
async function reconcile(): Promise<void> {
  // Every 30 rounds re-apply the published objects: a StatefulSet pod re-created under the
  // same name can race the garbage collector, which may delete the object of its predecessor.
  const resync = ++rounds % 30 === 0;
  const seen = new Set<string>();
  for (const ns of [...namespaces, ...(await labelledNamespaces())]) {
    let list: k8s.V1PodList;
    try {
      list = await core.listNamespacedPod({ namespace: ns });
    } catch (e) {
      say('list pods failed', ns, (e as Error).message);
      for (const k of pods.keys()) if (k.startsWith(`${ns}/`)) seen.add(k); // keep state on errors
      continue;
    }
    for (const pod of list.items) {
      if (!pod.spec?.nodeName || pod.metadata?.deletionTimestamp) continue;
      const key = podKey(pod);
      seen.add(key);
      const st = pods.get(key);
      if (st) {
        st.running = pod.status?.phase === 'Running';
        st.rate = rateOf(pod);
        if (resync) {
          for (const o of st.objects)
            await apply(o).catch((e: Error) => say('re-apply failed', key, e.message));
        }
        continue;
      }
      try {
        pods.set(key, await setUp(pod));
        say('set up', key);
      } catch (e) {
        say('set up failed (retrying)', key, (e as Error).message);
      }
    }
  }
  for (const [key, st] of pods) {
    if (!seen.has(key)) {
      pods.delete(key);
      await tearDown(st);
      say('torn down', key);
    }
  }
}

let last = Date.now();
function tick(): void {
  const now = Date.now();
  const dt = (now - last) / 1000;
  last = now;
  const at = new Date(now);
  for (const st of pods.values()) {
    if (!st.running) continue;
    for (const lf of st.logs) {
      lf.credit += st.rate * dt * (0.5 + Math.random());
      let out = '';
      while (lf.credit >= 1) {
        out += criLines(lf, at);
        lf.credit -= 1;
      }
      if (out) write(lf, out);
    }
  }
  if (fallbackLog) {
    fallbackLog.credit += 0.5 * dt;
    if (fallbackLog.credit >= 1) {
      fallbackLog.credit -= 1;
      write(fallbackLog, criLines(fallbackLog, at));
    }
  }
}

async function main(): Promise<void> {
  fs.mkdirSync(logRoot, { recursive: true });
  say(
    `agent up: namespaces=${namespaces.join(',')} + label ${PER_POD_LABEL} log-rate=${defaultRate}/s run-dir=${runDir}`,
  );
  for (;;) {
    try {
      await setUpFallback();
      break;
    } catch (e) {
      say('fallback objects not created yet:', (e as Error).message);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  setInterval(tick, 100);
  let busy = false;
  let again = false;
  const loop = async () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        await reconcile();
      } while (again);
    } finally {
      busy = false;
    }
  };
  await loop();
  setInterval(() => void loop(), pollMs);
  watchPods(() => void loop());
}

/**
 * Reconciles as soon as a pod changes, besides the poll: a pod of a rollout gets its
 * port-forward servers within moments of being scheduled (the forward tests measure a
 * move to a new pod within 2 s of it being ready). Events of other namespaces are ignored;
 * the watch restarts when it ends.
 */
function watchPods(changed: () => void): void {
  const start = () => {
    new k8s.Watch(kc)
      .watch(
        '/api/v1/pods',
        { allowWatchBookmarks: false },
        (type, pod: k8s.V1Pod) => {
          const ns = pod?.metadata?.namespace ?? '';
          // Only the namespaces served per pod: `scale`'s 10,000 pods must not spin the loop.
          if (type !== 'BOOKMARK' && (namespaces.includes(ns) || labelled.includes(ns))) changed();
        },
        () => setTimeout(start, 1000),
      )
      .catch(() => setTimeout(start, 1000));
  };
  start();
}

for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(sig, () => {
    say(`${sig}: exiting`);
    process.exit(0);
  });
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
