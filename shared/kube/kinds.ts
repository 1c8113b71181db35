/**
 * THE kind registry: every built-in kind Pilothouse knows, declared once. The contract's
 * kind enum, the sidebar and routes, singular and plural names, `viewOfKind`, the log
 * selector of an object and the actions the detail panel offers are all derived from it.
 * Adding a built-in kind is one entry here (its table lives in shared/resources/).
 * Custom resources resolve to a generic definition named by discovery's real `kind`.
 * Over 300 lines on purpose: a declarative table of ~12 lines a kind, kept in one place
 * because being the one place a kind is declared is its point.
 */
import type { KindTable } from '../resources/rows';
import {
  cronJobTable,
  daemonSetTable,
  deploymentTable,
  jobTable,
  podTable,
  replicaSetTable,
  statefulSetTable,
} from '../resources/workloads';
import { ingressTable, serviceTable } from '../resources/network';
import { configMapTable, secretTable } from '../resources/config';
import { eventTable, namespaceTable, nodeTable } from '../resources/cluster';
import { persistentVolumeClaimTable } from '../resources/storage';
import { genericTable } from '../resources/generic';

/** The sidebar section a kind is listed in. */
export type KindSection = 'Cluster' | 'Workloads' | 'Network' | 'Config' | 'Storage';

/**
 * What the detail panel may do to an object of the kind. The Logs link is not listed here:
 * a kind has logs when it has a log selector (`logs`), so it is declared once.
 */
export type KindAction = 'delete' | 'scale';

/** The kail selector that names an object's pods (shared/logs/query.ts parses it). */
export type LogSelectorKind =
  'pod' | 'deploy' | 'sts' | 'ds' | 'rs' | 'job' | 'svc' | 'ing' | 'node';

/** Everything about a kind: where it lives in the API, its names, its table, its actions. */
export interface KindDef extends KindTable {
  /** Stable id used by the contract and URLs: the plural for built-ins, group/version/plural otherwise. */
  id: string;
  /** The real Kind name (ownerReferences, involvedObject and discovery use it). */
  kind: string;
  /** API group ('' for core), version and plural resource name. */
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  /** Plural label (sidebar, table title) and singular label (detail panel, dialogs). */
  label: string;
  singular: string;
  actions: readonly KindAction[];
  logs?: LogSelectorKind;
  /** Built-ins only: where the sidebar lists the kind. */
  section?: KindSection;
}

interface BuiltinSpec {
  id: string;
  kind: string;
  group: string;
  version: string;
  namespaced: boolean;
  label: string;
  singular: string;
  section: KindSection;
  actions: readonly KindAction[];
  logs?: LogSelectorKind;
  table: KindTable;
}

const workload = { group: 'apps', version: 'v1', namespaced: true, section: 'Workloads' } as const;
const core = { group: '', version: 'v1' } as const;

/** The built-in kinds, in sidebar order. */
const specs = [
  {
    id: 'nodes',
    kind: 'Node',
    ...core,
    namespaced: false,
    label: 'Nodes',
    singular: 'Node',
    section: 'Cluster',
    logs: 'node',
    actions: [],
    table: nodeTable,
  },
  {
    id: 'namespaces',
    kind: 'Namespace',
    ...core,
    namespaced: false,
    label: 'Namespaces',
    singular: 'Namespace',
    section: 'Cluster',
    actions: [],
    table: namespaceTable,
  },
  {
    id: 'events',
    kind: 'Event',
    ...core,
    namespaced: true,
    label: 'Events',
    singular: 'Event',
    section: 'Cluster',
    actions: [],
    table: eventTable,
  },
  {
    id: 'pods',
    kind: 'Pod',
    ...core,
    namespaced: true,
    label: 'Pods',
    singular: 'Pod',
    section: 'Workloads',
    logs: 'pod',
    actions: ['delete'],
    table: podTable,
  },
  {
    id: 'deployments',
    kind: 'Deployment',
    ...workload,
    label: 'Deployments',
    singular: 'Deployment',
    logs: 'deploy',
    actions: ['scale', 'delete'],
    table: deploymentTable,
  },
  {
    id: 'replicasets',
    kind: 'ReplicaSet',
    ...workload,
    label: 'ReplicaSets',
    singular: 'ReplicaSet',
    logs: 'rs',
    actions: ['scale', 'delete'],
    table: replicaSetTable,
  },
  {
    id: 'statefulsets',
    kind: 'StatefulSet',
    ...workload,
    label: 'StatefulSets',
    singular: 'StatefulSet',
    logs: 'sts',
    actions: ['scale', 'delete'],
    table: statefulSetTable,
  },
  {
    id: 'daemonsets',
    kind: 'DaemonSet',
    ...workload,
    label: 'DaemonSets',
    singular: 'DaemonSet',
    logs: 'ds',
    actions: ['delete'],
    table: daemonSetTable,
  },
  {
    id: 'jobs',
    kind: 'Job',
    ...workload,
    group: 'batch',
    label: 'Jobs',
    singular: 'Job',
    logs: 'job',
    actions: ['delete'],
    table: jobTable,
  },
  {
    id: 'cronjobs',
    kind: 'CronJob',
    ...workload,
    group: 'batch',
    label: 'CronJobs',
    singular: 'CronJob',
    actions: ['delete'],
    table: cronJobTable,
  },
  {
    id: 'services',
    kind: 'Service',
    ...core,
    namespaced: true,
    label: 'Services',
    singular: 'Service',
    section: 'Network',
    logs: 'svc',
    actions: ['delete'],
    table: serviceTable,
  },
  {
    id: 'ingresses',
    kind: 'Ingress',
    group: 'networking.k8s.io',
    version: 'v1',
    namespaced: true,
    label: 'Ingresses',
    singular: 'Ingress',
    section: 'Network',
    logs: 'ing',
    actions: ['delete'],
    table: ingressTable,
  },
  {
    id: 'configmaps',
    kind: 'ConfigMap',
    ...core,
    namespaced: true,
    label: 'ConfigMaps',
    singular: 'ConfigMap',
    section: 'Config',
    actions: ['delete'],
    table: configMapTable,
  },
  {
    id: 'secrets',
    kind: 'Secret',
    ...core,
    namespaced: true,
    label: 'Secrets',
    singular: 'Secret',
    section: 'Config',
    actions: ['delete'],
    table: secretTable,
  },
  {
    id: 'persistentvolumeclaims',
    kind: 'PersistentVolumeClaim',
    ...core,
    namespaced: true,
    label: 'PersistentVolumeClaims',
    singular: 'PersistentVolumeClaim',
    section: 'Storage',
    actions: ['delete'],
    table: persistentVolumeClaimTable,
  },
] as const satisfies readonly BuiltinSpec[];

type Spec = (typeof specs)[number];

/** A built-in kind's id: the plural resource name. */
export type KindId = Spec['id'];

/** The ids of the kinds whose actions include `A`. */
type IdsWith<S, A extends KindAction> = S extends { id: infer I; actions: readonly (infer X)[] }
  ? A extends X
    ? I
    : never
  : never;
export type ScalableKindId = IdsWith<Spec, 'scale'>;
export type DeletableKindId = IdsWith<Spec, 'delete'>;

/** A built-in definition: `id` is one of the registry's. */
export interface BuiltinKindDef extends KindDef {
  id: KindId;
  section: KindSection;
}

export const builtinKinds: readonly BuiltinKindDef[] = specs.map(
  ({ table, ...spec }): BuiltinKindDef => ({
    ...spec,
    plural: spec.id,
    columns: table.columns,
    project: table.project,
  }),
);

/** The registry's ids as a non-empty tuple, for the contract's z.enum. */
export const kindIds = specs.map((s) => s.id) as unknown as readonly [KindId, ...KindId[]];

/** The ids of the kinds whose registry actions include `action`, in registry order. */
function idsOffering(action: KindAction): readonly string[] {
  return specs
    .filter((s) => (s.actions as readonly KindAction[]).includes(action))
    .map((s) => s.id);
}

/** The kinds `resource.scale` accepts (the scale subresource): exactly those the UI offers it for. */
export const scalableKindIds = idsOffering('scale') as unknown as readonly [
  ScalableKindId,
  ...ScalableKindId[],
];

/** The kinds `resource.delete` accepts: exactly those the detail panel offers Delete for. */
export const deletableKindIds = idsOffering('delete') as unknown as readonly [
  DeletableKindId,
  ...DeletableKindId[],
];

export const kindById: ReadonlyMap<string, BuiltinKindDef> = new Map(
  builtinKinds.map((k) => [k.id, k]),
);

const kindByName: ReadonlyMap<string, BuiltinKindDef> = new Map(
  builtinKinds.map((k) => [k.kind, k]),
);

/** The built-in kind of a real Kind name (an owner reference's, an event's), if any. */
export function builtinKindNamed(kind: string): BuiltinKindDef | undefined {
  return kindByName.get(kind);
}

export function isScalable(id: string): id is ScalableKindId {
  return (scalableKindIds as readonly string[]).includes(id);
}

export function isDeletable(id: string): id is DeletableKindId {
  return (deletableKindIds as readonly string[]).includes(id);
}

/**
 * Whether the registry offers `action` on the kind. Custom resources (an object) never
 * have actions; main checks this again before acting, whatever the schema let through.
 */
export function offersAction(kind: string | CustomKind, action: KindAction): boolean {
  return typeof kind === 'string' && (kindById.get(kind)?.actions.includes(action) ?? false);
}

/** Whether a built-in kind lives at this group and plural (discovery leaves those out). */
export function isBuiltin(group: string, plural: string): boolean {
  return builtinKinds.some((k) => k.group === group && k.plural === plural);
}

/** A custom resource as discovery reports it. */
export interface CustomKind {
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  kind: string;
}

/** The definition of a built-in kind id, or a generic one for a custom resource. */
export function resolveKind(kind: string | CustomKind): KindDef | undefined {
  if (typeof kind === 'string') return kindById.get(kind);
  const table = genericTable(kind.namespaced);
  return {
    id: customKindId(kind),
    kind: kind.kind,
    group: kind.group,
    version: kind.version,
    plural: kind.plural,
    namespaced: kind.namespaced,
    label: kind.kind,
    singular: kind.kind,
    actions: [],
    columns: table.columns,
    project: table.project,
  };
}

/** "group/version/plural": how a custom resource is named in caches and URLs. */
export function customKindId(kind: { group: string; version: string; plural: string }): string {
  return `${kind.group}/${kind.version}/${kind.plural}`;
}
