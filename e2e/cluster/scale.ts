// Load generator for the test cluster (run through scale.sh).
//   --pods N      make namespace `scale` hold exactly N Running pods: dedicated kwok nodes
//                 scale-0.. with 250 pods each, tainted so no other pod lands there, and one
//                 Deployment per node (load-0 on scale-0, ...) whose pods name their node
//                 (spec.nodeName), so kube-scheduler places none of them: its default
//                 spreading costs each pod as much as the pods already placed, and the step
//                 from 10,000 to 50,000 pods went at 2-3 pods/s (BENCHMARKS.md, "50,000
//                 pods"). Every pod has the label app=load. N=0 removes the pods and nodes.
//   --churn R     then keep about R pod updates per second (annotation patches, every
//                 second one also a label that no selector uses) until stopped (Ctrl-C,
//                 SIGTERM) or for --duration seconds.
//   --namespace   namespace whose pods churn patches (default: scale).
//   --metrics-server-pid-file F
//                 pause that process (SIGSTOP) while pods are added, resume it (SIGCONT) once
//                 they run or this exits: each of its 15 s scrapes makes kwok evaluate the
//                 usage expressions of every pod, and past 10,000 pods kwok then set 4-7 pods
//                 a second Running instead of 20-27 (BENCHMARKS.md, "50,000 pods").
//   --timeout S   give up when the count of Running pods has not moved for S seconds
//                 (default 300): a stall, not the total, since the pace depends on the
//                 machine's load and falls as pods accumulate (BENCHMARKS.md, "50,000 pods").
import * as k8s from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { parseArgs } from 'node:util';

const { values: a } = parseArgs({
  options: {
    kubeconfig: { type: 'string', default: 'e2e/.cluster/kubeconfig' },
    context: { type: 'string', default: 'pilothouse-admin' },
    pods: { type: 'string' },
    churn: { type: 'string' },
    duration: { type: 'string' },
    namespace: { type: 'string', default: 'scale' },
    'pods-per-node': { type: 'string', default: '250' },
    timeout: { type: 'string', default: '300' },
    'metrics-server-pid-file': { type: 'string' },
  },
});
if (a.pods === undefined && a.churn === undefined) {
  console.error('usage: scale.sh [--pods N] [--churn R [--duration S] [--namespace NS]]');
  process.exit(2);
}

const NS = 'scale';
const perNode = Number(a['pods-per-node']);
const kc = new k8s.KubeConfig();
kc.loadFromFile(a.kubeconfig!);
kc.setCurrentContext(a.context!);
const core = kc.makeApiClient(k8s.CoreV1Api);
const apps = kc.makeApiClient(k8s.AppsV1Api);
const merge = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
const t0 = Date.now();
const say = (msg: string) =>
  console.error(`[scale ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const code = (e: unknown) => (e as { code?: number }).code;

async function ignore404<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    if (code(e) === 404) return undefined;
    throw e;
  }
}

function scaleNode(i: number): k8s.V1Node {
  const name = `scale-${i}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: {
        'kwok.x-k8s.io/node': 'fake',
        'node.alpha.kubernetes.io/ttl': '0',
        'metrics.k8s.io/resource-metrics-path': `/metrics/nodes/${name}/metrics/resource`,
      },
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'topology.kubernetes.io/region': 'pilot-1',
        'topology.kubernetes.io/zone': 'pilot-1s',
        'pilothouse.dev/role': 'scale',
        type: 'kwok',
      },
    },
    spec: { taints: [{ key: 'pilothouse.dev/scale', value: 'true', effect: 'NoSchedule' }] },
    status: {
      allocatable: { cpu: '64', memory: '256Gi', pods: String(perNode) },
      capacity: { cpu: '64', memory: '256Gi', pods: String(perNode) },
      nodeInfo: {
        architecture: 'amd64',
        operatingSystem: 'linux',
        kubeletVersion: 'v1.33.13',
      } as k8s.V1NodeSystemInfo,
    },
  };
}

/** The Deployment whose pods run on scale node `node`; each has its own selector. */
const deployment = (node: number, replicas: number): k8s.V1Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: `load-${node}`, namespace: NS, labels: { app: 'load' } },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'load', 'pilothouse.dev/scale-node': String(node) } },
    strategy: {
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '100%', maxUnavailable: '100%' },
    },
    template: {
      metadata: { labels: { app: 'load', 'pilothouse.dev/scale-node': String(node) } },
      spec: {
        nodeName: `scale-${node}`,
        tolerations: [{ key: 'pilothouse.dev/scale', operator: 'Exists', effect: 'NoSchedule' }],
        terminationGracePeriodSeconds: 0,
        containers: [
          {
            name: 'load',
            image: 'registry.example.invalid/load:1.0.0',
            ports: [{ name: 'http', containerPort: 8080 }],
          },
        ],
      },
    },
  },
});

/**
 * What the load Deployments say: pods created (not terminating) and ready. 200 small objects,
 * where listing 50,000 pods every few seconds was itself a load on the API server that the
 * cluster being scaled had to share.
 */
async function deploymentsState(): Promise<{ ready: number; replicas: number }> {
  const list = await apps.listNamespacedDeployment({ namespace: NS, labelSelector: 'app=load' });
  let ready = 0;
  let replicas = 0;
  for (const d of list.items) {
    ready += d.status?.readyReplicas ?? 0;
    replicas += d.status?.replicas ?? 0;
  }
  return { ready, replicas };
}

/**
 * The pods themselves, counted once the Deployments say they are done: every object
 * (terminating ones too, since a scale-down is done once they are gone) and those Running.
 * Metadata-only lists parsed with JSON.parse: client-node's typed list of 50,000 pods costs
 * seconds of CPU.
 */
async function countPods(): Promise<{ running: number; total: number }> {
  const count = async (fieldSelector: string | undefined, deleting: boolean) => {
    const query = new URLSearchParams({ labelSelector: 'app=load' });
    if (fieldSelector) query.set('fieldSelector', fieldSelector);
    const text = await raw('GET', `/api/v1/namespaces/${NS}/pods?${query}`, undefined, {
      accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1',
    });
    // A metadata-only list with no items says `"items": null`.
    const list = JSON.parse(text) as {
      items: Array<{ metadata: { deletionTimestamp?: string } }> | null;
    };
    return (list.items ?? []).filter((p) => deleting || !p.metadata.deletionTimestamp).length;
  };
  const total = await count(undefined, true);
  const running = await count('status.phase=Running', false);
  return { running, total };
}

/** Pauses metrics-server (see --metrics-server-pid-file) until the returned resume is called. */
function pauseMetricsServer(): () => void {
  const file = a['metrics-server-pid-file'];
  let pid: number;
  try {
    pid = Number(readFileSync(file ?? '', 'utf8').trim());
    process.kill(pid, 'SIGSTOP');
  } catch {
    return () => {}; // no metrics-server on this cluster, or not ours to pause
  }
  say(`metrics-server (pid ${pid}) paused while pods are added`);
  let paused = true;
  const resume = () => {
    if (!paused) return;
    paused = false;
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // it ended meanwhile
    }
  };
  process.on('exit', resume);
  return () => {
    resume();
    say('metrics-server resumed');
  };
}

async function setPods(n: number): Promise<void> {
  if (!(await ignore404(core.readNamespace({ name: NS })))) {
    await core.createNamespace({
      body: { metadata: { name: NS, labels: { 'pilothouse.dev/fixture': 'scale' } } },
    });
    // The ServiceAccount admission plugin needs the namespace's default SA first.
    while (
      !(await ignore404(core.readNamespacedServiceAccount({ name: 'default', namespace: NS })))
    )
      await sleep(200);
  }
  const nodes = n === 0 ? 0 : Math.ceil(n / perNode);
  const existing = (await core.listNode({ labelSelector: 'pilothouse.dev/role=scale' })).items.map(
    (x) => x.metadata!.name!,
  );
  for (let i = 0; i < nodes; i++) {
    if (!existing.includes(`scale-${i}`)) await core.createNode({ body: scaleNode(i) });
  }
  const deployments = new Map(
    (await apps.listNamespacedDeployment({ namespace: NS, labelSelector: 'app=load' })).items.map(
      (d) => [d.metadata!.name!, d.spec?.replicas ?? 0],
    ),
  );
  for (let i = 0; i < nodes; i++) {
    const replicas = Math.min(perNode, n - i * perNode);
    const name = `load-${i}`;
    const current = deployments.get(name);
    deployments.delete(name);
    if (current === undefined)
      await apps.createNamespacedDeployment({ namespace: NS, body: deployment(i, replicas) });
    else if (current !== replicas)
      await apps.patchNamespacedDeployment(
        { name, namespace: NS, body: { spec: { replicas } } },
        merge,
      );
  }
  // The rest: Deployments of nodes no longer needed (and `load`, the one Deployment of
  // earlier versions of this script, which left placing its pods to the scheduler).
  for (const name of deployments.keys())
    await ignore404(apps.deleteNamespacedDeployment({ name, namespace: NS }));
  say(`${nodes} deployment(s) scale/load-* -> ${n} pods on ${nodes} scale node(s)`);

  const stallMs = Number(a.timeout) * 1000;
  let movedAt = Date.now();
  let lastMsg = '';
  const progress = (msg: string) => {
    if (msg !== lastMsg) {
      say(msg);
      movedAt = Date.now();
    }
    lastMsg = msg;
    if (Date.now() - movedAt > stallMs) throw new Error(`no progress for ${a.timeout} s: ${msg}`);
  };
  // Nothing to add (the count asked for is there): metrics-server goes on as it is.
  let d = await deploymentsState();
  const resume = d.ready === n && d.replicas === n ? () => {} : pauseMetricsServer();
  for (;;) {
    progress(`pods ready ${d.ready}/${n} (created: ${d.replicas})`);
    if (d.ready === n && d.replicas === n) {
      // The Deployments' status lags the pods a little, and does not count terminating ones.
      const c = await countPods();
      progress(`pods running ${c.running}/${n} (objects: ${c.total})`);
      if (c.running === n && c.total === n) break;
    }
    await sleep(2000);
    d = await deploymentsState();
  }
  resume();
  // Remove scale nodes that are no longer needed (their pods are gone by now).
  for (const name of existing) {
    const i = Number(name.slice('scale-'.length));
    if (i >= nodes) await ignore404(core.deleteNode({ name }));
  }
  say(`done: ${n} pods in namespace ${NS}`);
}

// Raw HTTPS with keep-alive for the hot loop: client-node's generated client (and its
// deserialisation of whole pod lists) costs several ms of CPU per request, which caps a
// 2-core machine well below 100 patches/s.
let rawOpts: https.RequestOptions | undefined;
async function raw(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<string> {
  if (!rawOpts) {
    const o: https.RequestOptions = { agent: new https.Agent({ keepAlive: true, maxSockets: 64 }) };
    await kc.applyToHTTPSOptions(o);
    rawOpts = o;
  }
  const server = new URL(kc.getCurrentCluster()!.server);
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<string>((resolve, reject) => {
    const req = https.request(
      {
        ...rawOpts,
        method,
        host: server.hostname,
        port: server.port,
        path,
        headers: {
          ...rawOpts!.headers,
          ...headers,
          ...(data ? { 'content-length': String(Buffer.byteLength(data)) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(text)
            : reject(new Error(`${method} ${path}: HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const patchPod = (ns: string, name: string, body: unknown) =>
  raw('PATCH', `/api/v1/namespaces/${ns}/pods/${name}`, body, {
    'content-type': 'application/merge-patch+json',
  });

async function podNames(ns: string): Promise<string[]> {
  // Metadata only: a fraction of the bytes and parsing of full pods.
  const text = await raw('GET', `/api/v1/namespaces/${ns}/pods`, undefined, {
    accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1',
  });
  const list = JSON.parse(text) as {
    items: Array<{ metadata: { name: string; deletionTimestamp?: string } }> | null;
  };
  return (list.items ?? [])
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name);
}

async function churn(rate: number, seconds: number | undefined): Promise<void> {
  const ns = a.namespace!;
  let names: string[] = [];
  const refresh = async () => {
    names = await podNames(ns);
  };
  await refresh();
  if (names.length === 0)
    throw new Error(`no pods in namespace ${ns} to churn (try --pods N first)`);
  say(
    `churn: ~${rate} pod updates/s over ${names.length} pods in ${ns}${seconds ? ` for ${seconds}s` : ' until stopped'}`,
  );
  let stop = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => (stop = true));
  const end = seconds ? Date.now() + seconds * 1000 : Infinity;
  let seq = 0;
  let done = 0;
  let failed = 0;
  let inflight = 0;
  let credit = 0;
  let last = Date.now();
  let window = { at: Date.now(), done: 0 };
  const maxInflight = Math.max(8, Math.ceil(rate / 5));
  // Pods that come and go are picked up by listing the names again; at 50,000 pods that
  // list is 25 MB, which every 5 s would load the machine the churn is measured on.
  const refreshMs = Math.max(5000, names.length);
  const refresher = setInterval(() => void refresh().catch(() => {}), refreshMs);
  while (!stop && Date.now() < end) {
    const now = Date.now();
    credit = Math.min(credit + ((now - last) / 1000) * rate, rate); // at most 1 s of backlog
    last = now;
    while (credit >= 1 && inflight < maxInflight && names.length > 0) {
      credit -= 1;
      const n = ++seq;
      const name = names[n % names.length]!;
      const metadata: k8s.V1ObjectMeta = { annotations: { 'pilothouse.dev/churn': String(n) } };
      if (n % 2 === 0) metadata.labels = { 'pilothouse.dev/churn-bucket': String(n % 10) };
      inflight++;
      patchPod(ns, name, { metadata })
        .then(() => done++)
        .catch(() => failed++)
        .finally(() => inflight--);
    }
    if (now - window.at >= 5000) {
      say(
        `churn: ${(((done - window.done) * 1000) / (now - window.at)).toFixed(1)} updates/s (total ${done}, failed ${failed})`,
      );
      window = { at: now, done };
    }
    await sleep(20);
  }
  clearInterval(refresher);
  while (inflight > 0) await sleep(20);
  say(
    `churn stopped: ${done} updates, ${failed} failed, ${(done / ((Date.now() - t0) / 1000)).toFixed(1)}/s overall`,
  );
}

async function main(): Promise<void> {
  if (a.pods !== undefined) await setPods(Number(a.pods));
  if (a.churn !== undefined)
    await churn(Number(a.churn), a.duration ? Number(a.duration) : undefined);
}
main().catch((e) => {
  console.error(`[scale] ${(e as Error).message ?? e}`);
  process.exit(1);
});
