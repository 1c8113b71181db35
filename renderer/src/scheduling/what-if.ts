/**
 * The what-if fragment: the parts of a pod spec that decide placement and that the form
 * edits (nodeSelector, tolerations, affinity, each container's requests and limits). It is
 * cut from the pod's (or the template's) spec, edited, and laid back over a copy of that
 * spec for the fit call; nothing is created. Pure, so unit tests read it.
 */
import { parse, stringify } from 'yaml';
import { asArray, asRecord } from '../../../shared/kube/object-types';

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: '' | 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
}

export interface ContainerResources {
  name: string;
  /** Init containers (sidecars included) are listed apart: they count differently. */
  init: boolean;
  requests: Record<string, string>;
  limits: Record<string, string>;
}

export interface WhatIfFragment {
  nodeSelector: Record<string, string>;
  tolerations: Toleration[];
  affinity: Record<string, unknown>;
  containers: ContainerResources[];
}

/** The largest fragment text the YAML editor accepts (a pod spec is far smaller). */
export const MAX_FRAGMENT_CHARS = 256 * 1024;

const stringMap = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(asRecord(value)).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]),
  );

function resourcesOf(container: unknown, init: boolean): ContainerResources {
  const c = asRecord(container);
  const resources = asRecord(c['resources']);
  return {
    name: typeof c['name'] === 'string' ? c['name'] : '',
    init,
    requests: stringMap(resources['requests']),
    limits: stringMap(resources['limits']),
  };
}

/** The fragment of a pod spec (a Pod's `spec`, or a workload's `spec.template.spec`). */
export function fragmentOf(podSpec: Record<string, unknown>): WhatIfFragment {
  return {
    nodeSelector: stringMap(podSpec['nodeSelector']),
    tolerations: asArray<Toleration>(podSpec['tolerations']).map((t) => ({ ...t })),
    affinity: structuredClone(asRecord(podSpec['affinity'])),
    containers: [
      ...asArray(podSpec['initContainers']).map((c) => resourcesOf(c, true)),
      ...asArray(podSpec['containers']).map((c) => resourcesOf(c, false)),
    ],
  };
}

/** The pod spec of a Pod, or the template's of a workload (Deployment, StatefulSet, DaemonSet, Job). */
export function podSpecOf(object: { kind?: string; spec?: Record<string, unknown> }) {
  const spec = asRecord(object.spec);
  if (object.kind === 'Pod') return spec;
  return asRecord(asRecord(spec['template'])['spec']);
}

function withResources(container: unknown, r: ContainerResources | undefined): unknown {
  if (!r) return container;
  const c = { ...asRecord(container) };
  const resources: Record<string, unknown> = { ...asRecord(c['resources']) };
  delete resources['requests'];
  delete resources['limits'];
  if (Object.keys(r.requests).length > 0) resources['requests'] = r.requests;
  if (Object.keys(r.limits).length > 0) resources['limits'] = r.limits;
  c['resources'] = resources;
  return c;
}

/**
 * A copy of `podSpec` with the fragment laid over it. Containers are matched by name and
 * kind (init or not); a container the fragment does not name keeps its resources.
 */
export function applyFragment(
  podSpec: Record<string, unknown>,
  fragment: WhatIfFragment,
): Record<string, unknown> {
  const spec: Record<string, unknown> = structuredClone(podSpec);
  delete spec['nodeSelector'];
  delete spec['tolerations'];
  delete spec['affinity'];
  if (Object.keys(fragment.nodeSelector).length > 0) spec['nodeSelector'] = fragment.nodeSelector;
  if (fragment.tolerations.length > 0) spec['tolerations'] = fragment.tolerations;
  if (Object.keys(fragment.affinity).length > 0) spec['affinity'] = fragment.affinity;
  const find = (name: unknown, init: boolean) =>
    fragment.containers.find((c) => c.init === init && c.name === name);
  for (const [field, init] of [
    ['initContainers', true],
    ['containers', false],
  ] as const) {
    if (!Array.isArray(spec[field])) continue;
    spec[field] = asArray(spec[field]).map((c) =>
      withResources(c, find(asRecord(c)['name'], init)),
    );
  }
  return spec;
}

/**
 * The fragment as YAML, in pod-spec shape so it pastes into a manifest: nodeSelector,
 * tolerations, affinity, then containers/initContainers with only name and resources.
 */
export function fragmentYaml(fragment: WhatIfFragment): string {
  const out: Record<string, unknown> = {};
  if (Object.keys(fragment.nodeSelector).length > 0) out['nodeSelector'] = fragment.nodeSelector;
  if (fragment.tolerations.length > 0) out['tolerations'] = fragment.tolerations;
  if (Object.keys(fragment.affinity).length > 0) out['affinity'] = fragment.affinity;
  const containerYaml = (c: ContainerResources) => {
    const resources: Record<string, unknown> = {};
    if (Object.keys(c.requests).length > 0) resources['requests'] = c.requests;
    if (Object.keys(c.limits).length > 0) resources['limits'] = c.limits;
    return { name: c.name, resources };
  };
  const inits = fragment.containers.filter((c) => c.init);
  if (inits.length > 0) out['initContainers'] = inits.map(containerYaml);
  const mains = fragment.containers.filter((c) => !c.init);
  if (mains.length > 0) out['containers'] = mains.map(containerYaml);
  return stringify(out, { lineWidth: 0 });
}

export type ParsedFragment = { ok: true; fragment: WhatIfFragment } | { ok: false; error: string };

const TOLERATION_OPERATORS = new Set(['Exists', 'Equal']);
const TAINT_EFFECTS = new Set(['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute']);

/**
 * The YAML editor's text back to a fragment, with a message saying what is wrong (the
 * field's path) instead of a fit call that would fail on the server. The shape checks are
 * the ones a typo hits; the server validates the rest.
 */
export function parseFragment(text: string): ParsedFragment {
  if (text.length > MAX_FRAGMENT_CHARS)
    return { ok: false, error: `The fragment is over ${MAX_FRAGMENT_CHARS / 1024} KiB.` };
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 0 });
  } catch (error) {
    return { ok: false, error: `Not YAML: ${(error as Error).message.split('\n')[0]}` };
  }
  if (doc === null || doc === undefined) doc = {};
  if (typeof doc !== 'object' || Array.isArray(doc))
    return { ok: false, error: 'The fragment must be a mapping (nodeSelector, tolerations, …).' };
  const d = doc as Record<string, unknown>;
  const known = ['nodeSelector', 'tolerations', 'affinity', 'containers', 'initContainers'];
  const unknown = Object.keys(d).filter((k) => !known.includes(k));
  if (unknown.length > 0)
    return {
      ok: false,
      error: `Unknown field ${unknown[0]}: the fragment has ${known.join(', ')}.`,
    };
  for (const field of ['nodeSelector', 'affinity'] as const) {
    if (d[field] !== undefined && (typeof d[field] !== 'object' || Array.isArray(d[field])))
      return { ok: false, error: `${field} must be a mapping.` };
  }
  for (const field of ['tolerations', 'containers', 'initContainers'] as const) {
    if (d[field] !== undefined && d[field] !== null && !Array.isArray(d[field]))
      return { ok: false, error: `${field} must be a list.` };
  }
  const tolerations = asArray<unknown>(d['tolerations']);
  for (const [i, t] of tolerations.entries()) {
    const r = asRecord(t);
    if (r['operator'] !== undefined && !TOLERATION_OPERATORS.has(String(r['operator'])))
      return { ok: false, error: `tolerations[${i}].operator must be Exists or Equal.` };
    if (r['effect'] !== undefined && !TAINT_EFFECTS.has(String(r['effect'])))
      return {
        ok: false,
        error: `tolerations[${i}].effect must be NoSchedule, PreferNoSchedule or NoExecute.`,
      };
    if (r['tolerationSeconds'] !== undefined && !Number.isInteger(r['tolerationSeconds']))
      return { ok: false, error: `tolerations[${i}].tolerationSeconds must be a whole number.` };
  }
  return {
    ok: true,
    fragment: {
      nodeSelector: stringMap(d['nodeSelector']),
      tolerations: tolerations.map((t) => ({ ...asRecord(t) }) as Toleration),
      affinity: asRecord(d['affinity']),
      containers: [
        ...asArray(d['initContainers']).map((c) => resourcesOf(c, true)),
        ...asArray(d['containers']).map((c) => resourcesOf(c, false)),
      ],
    },
  };
}

const AFFINITY_KINDS = ['nodeAffinity', 'podAffinity', 'podAntiAffinity'];

/** The affinity editor's text: empty is no affinity; otherwise a mapping of the three kinds. */
export function parseAffinity(
  text: string,
): { ok: true; affinity: Record<string, unknown> } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, affinity: {} };
  if (text.length > MAX_FRAGMENT_CHARS)
    return { ok: false, error: `The affinity is over ${MAX_FRAGMENT_CHARS / 1024} KiB.` };
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 0 });
  } catch (error) {
    return { ok: false, error: `Not YAML: ${(error as Error).message.split('\n')[0]}` };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    return { ok: false, error: `Affinity must be a mapping of ${AFFINITY_KINDS.join(', ')}.` };
  const stray = Object.keys(doc).find((k) => !AFFINITY_KINDS.includes(k));
  if (stray)
    return {
      ok: false,
      error: `Unknown field ${stray}: affinity has ${AFFINITY_KINDS.join(', ')}.`,
    };
  return { ok: true, affinity: doc as Record<string, unknown> };
}

/** "key=value:Effect"-style text of a toleration, for lists and the taints view. */
export function tolerationText(t: Toleration): string {
  const key = t.key ?? '';
  const op = t.operator ?? 'Equal';
  const target =
    op === 'Exists' ? (key ? `${key} exists` : 'every taint') : `${key}=${t.value ?? ''}`;
  const effect = t.effect ? `:${t.effect}` : ' (any effect)';
  const seconds = t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : '';
  return `${target}${effect}${seconds}`;
}
