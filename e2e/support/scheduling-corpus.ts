// The generated corpus of the scheduling agreement test (e2e/integration/
// scheduling-agreement.test.ts): pod specs built from a seeded PRNG, so a seed always gives
// the same corpus. Every spec combines, at random, the things kube-scheduler's default
// filters judge against the fixture cluster (e2e/cluster/fixtures/01-nodes.yaml: taints
// gpu NoSchedule, maintenance NoExecute, dedicated PreferNoSchedule, a cordoned node, a
// small node; zones pilot-1a|b|c): tolerations, nodeSelectors, node affinity with every
// operator (and matchFields), required pod affinity/anti-affinity against fixture pods
// with hostname and zone topology keys, topology spread over the corpus' own kept pods,
// cpu/memory/GPU requests, host ports and init containers (sidecars too).

/** mulberry32: small, fast, good enough for test data, and the same everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const chance = (r: Rand, p: number) => r() < p;
function some<T>(r: Rand, items: readonly T[], p: number): T[] {
  return items.filter(() => chance(r, p));
}

/** A generated pod: its manifest, and whether the corpus keeps it for the specs after it. */
export interface CorpusPod {
  /** What the spec exercises, for the report ("tolerations+nodeAffinity(In,Gt)+cpu"). */
  traits: string[];
  manifest: Record<string, unknown>;
  /** Kept (not deleted) when bound: later topology-spread and host-port specs see it. */
  keep: boolean;
}

const TOLERATIONS = [
  { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'nvidia.com/gpu', operator: 'Equal', value: 'present', effect: 'NoSchedule' },
  { key: 'nvidia.com/gpu', operator: 'Equal', value: 'absent', effect: 'NoSchedule' },
  { key: 'pilothouse.dev/maintenance', operator: 'Equal', value: 'true', effect: 'NoExecute' },
  { key: 'pilothouse.dev/maintenance', operator: 'Exists' },
  { key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'PreferNoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  { operator: 'Exists' },
];

const NODE_SELECTORS: Record<string, string>[] = [
  { 'pilothouse.dev/role': 'general' },
  { 'pilothouse.dev/role': 'gpu' },
  { 'pilothouse.dev/role': 'batch' },
  { 'topology.kubernetes.io/zone': 'pilot-1a' },
  { 'topology.kubernetes.io/zone': 'pilot-1b' },
  { 'topology.kubernetes.io/zone': 'pilot-1c' },
  { 'pilothouse.dev/team': 'platform' },
  { disktype: 'nvme' },
  { 'kubernetes.io/os': 'linux' },
];

const LABEL_KEYS = [
  'topology.kubernetes.io/zone',
  'pilothouse.dev/role',
  'pilothouse.dev/team',
  'node.kubernetes.io/instance-type',
  'disktype',
];
const LABEL_VALUES = [
  'pilot-1a',
  'pilot-1b',
  'pilot-1c',
  'pilot-1z',
  'general',
  'gpu',
  'batch',
  'platform',
  'm6i.xlarge',
];
const NODE_NAMES = ['pilot-a1', 'pilot-a2', 'pilot-b1', 'pilot-b2', 'pilot-c1', 'pilot-c2'];

function expression(r: Rand, operators: string[]): Record<string, unknown> {
  const operator = pick(r, ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']);
  operators.push(operator);
  if (operator === 'Gt' || operator === 'Lt') {
    // Numeric labels: the nodes' kwok kubelet carries none, except what the fixtures set;
    // the node's pod capacity is not a label, so Gt/Lt mostly exclude (as they must).
    return {
      key: pick(r, ['pilothouse.dev/gpu-count', 'pilothouse.dev/team']),
      operator,
      values: [String(pick(r, [0, 1, 4]))],
    };
  }
  const key = pick(r, LABEL_KEYS);
  if (operator === 'Exists' || operator === 'DoesNotExist') return { key, operator };
  return {
    key,
    operator,
    values: some(r, LABEL_VALUES, 0.3).slice(0, 3).concat(pick(r, LABEL_VALUES)),
  };
}

function nodeAffinity(r: Rand, traits: string[]): Record<string, unknown> {
  const operators: string[] = [];
  const terms = Array.from({ length: chance(r, 0.3) ? 2 : 1 }, () => {
    const term: Record<string, unknown> = {};
    if (chance(r, 0.85))
      term['matchExpressions'] = Array.from({ length: chance(r, 0.4) ? 2 : 1 }, () =>
        expression(r, operators),
      );
    if (!term['matchExpressions'] || chance(r, 0.15)) {
      operators.push('matchFields');
      // The API allows exactly one value for a metadata.name field selector.
      term['matchFields'] = [
        { key: 'metadata.name', operator: pick(r, ['In', 'NotIn']), values: [pick(r, NODE_NAMES)] },
      ];
    }
    return term;
  });
  traits.push(`nodeAffinity(${[...new Set(operators)].join(',')})`);
  const affinity: Record<string, unknown> = {
    requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms },
  };
  if (chance(r, 0.3))
    affinity['preferredDuringSchedulingIgnoredDuringExecution'] = [
      { weight: 10, preference: { matchExpressions: [expression(r, [])] } },
    ];
  return affinity;
}

/** Fixture pods to be near or away from: (namespace, app label). */
const POD_TARGETS = [
  ['team-a', 'web'],
  ['team-a', 'singleton'],
  ['team-a', 'db'],
  ['team-b', 'backup-runner'],
  ['team-b', 'trainer'],
  ['team-a', 'no-such-app'],
] as const;

function podTerm(r: Rand): Record<string, unknown> {
  const [namespace, app] = pick(r, POD_TARGETS);
  const term: Record<string, unknown> = {
    labelSelector: chance(r, 0.8)
      ? { matchLabels: { app } }
      : { matchExpressions: [{ key: 'app', operator: 'In', values: [app, 'web'] }] },
    topologyKey: pick(r, ['kubernetes.io/hostname', 'topology.kubernetes.io/zone']),
  };
  if (chance(r, 0.8)) term['namespaces'] = [namespace];
  else term['namespaceSelector'] = {};
  return term;
}

function resources(r: Rand, traits: string[], big: boolean) {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  const cpu = pick(r, big ? ['', '100m', '500m', '1', '2', '3', '5', '9'] : ['', '50m', '100m']);
  if (cpu) requests['cpu'] = cpu;
  const memory = pick(
    r,
    big ? ['', '64Mi', '1Gi', '3Gi', '7Gi', '30Gi', '40Gi'] : ['', '32Mi', '64Mi'],
  );
  if (memory) requests['memory'] = memory;
  if (big && chance(r, 0.2)) {
    const gpu = pick(r, ['1', '2', '3']);
    requests['nvidia.com/gpu'] = gpu;
    limits['nvidia.com/gpu'] = gpu;
    traits.push('gpu');
  }
  if (big && chance(r, 0.1)) {
    requests['ephemeral-storage'] = pick(r, ['1Gi', '200Gi']);
    traits.push('ephemeral-storage');
  }
  if (cpu) traits.push(`cpu ${cpu}`);
  if (memory) traits.push(`memory ${memory}`);
  const out: Record<string, unknown> = {};
  if (Object.keys(requests).length) out['requests'] = requests;
  if (Object.keys(limits).length) out['limits'] = limits;
  return out;
}

const IMAGE = 'registry.example.invalid/corpus/app:1.0.0';

/** One generated pod (index i of the corpus). */
export function corpusPod(r: Rand, i: number): CorpusPod {
  const traits: string[] = [];
  const keep = chance(r, 0.08);
  const labels: Record<string, string> = { app: `corpus-${i}` };
  if (keep || chance(r, 0.3)) labels['corpus-group'] = 'spread';
  const spec: Record<string, unknown> = {};
  const container: Record<string, unknown> = {
    name: 'app',
    image: IMAGE,
    resources: resources(r, traits, !keep),
  };
  if (chance(r, 0.15)) {
    container['ports'] = [
      {
        containerPort: 8080,
        hostPort: pick(r, [18080, 19100]),
        protocol: pick(r, ['TCP', 'TCP', 'UDP']),
      },
    ];
    traits.push('hostPort');
  }
  spec['containers'] = [container];
  if (chance(r, 0.2)) {
    const init: Record<string, unknown> = {
      name: 'init',
      image: IMAGE,
      resources: {
        requests: { cpu: pick(r, ['200m', '2', '5']), memory: pick(r, ['64Mi', '6Gi']) },
      },
    };
    if (chance(r, 0.3)) {
      init['restartPolicy'] = 'Always';
      traits.push('sidecar');
    } else traits.push('initContainer');
    spec['initContainers'] = [init];
  }
  const tolerations = some(r, TOLERATIONS, 0.2);
  if (tolerations.length) {
    spec['tolerations'] = tolerations;
    traits.push('tolerations');
  }
  if (chance(r, 0.3)) {
    spec['nodeSelector'] = pick(r, NODE_SELECTORS);
    traits.push('nodeSelector');
  }
  const affinity: Record<string, unknown> = {};
  if (chance(r, 0.3)) affinity['nodeAffinity'] = nodeAffinity(r, traits);
  if (chance(r, 0.2)) {
    affinity['podAffinity'] = { requiredDuringSchedulingIgnoredDuringExecution: [podTerm(r)] };
    traits.push('podAffinity');
  }
  if (chance(r, 0.2)) {
    affinity['podAntiAffinity'] = { requiredDuringSchedulingIgnoredDuringExecution: [podTerm(r)] };
    traits.push('podAntiAffinity');
  }
  if (Object.keys(affinity).length) spec['affinity'] = affinity;
  if (chance(r, 0.2)) {
    spec['topologySpreadConstraints'] = [
      {
        maxSkew: pick(r, [1, 1, 2]),
        topologyKey: pick(r, ['kubernetes.io/hostname', 'topology.kubernetes.io/zone']),
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { 'corpus-group': 'spread' } },
      },
    ];
    labels['corpus-group'] = 'spread';
    traits.push('topologySpread');
  }
  if (traits.length === 0) traits.push('plain');
  return {
    traits,
    keep,
    manifest: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `corpus-${String(i).padStart(3, '0')}`, labels },
      spec,
    },
  };
}

export function corpus(seed: number, count: number): CorpusPod[] {
  const r = prng(seed);
  return Array.from({ length: count }, (_, i) => corpusPod(r, i));
}
