/**
 * The one text syntax for choosing logs, shared by the UI filter bar and the CLI:
 *   deploy:web ns:team-a label:tier=api since:10m tail:100 -exclude:healthz
 * Selectors follow kail: the same kind given twice is OR, different kinds are AND; no
 * selector at all means the namespaces chosen in the app. Errors point at the bad token.
 * include:/exclude: take RE2 regular expressions (line-pattern.ts says why and how they
 * differ from JavaScript's).
 */
import { matchesLabels, parseLabelSelector, type LabelRequirement } from './label-selector';
import { compileLinePattern } from './line-pattern';

export const selectorKinds = {
  namespace: ['ns', 'namespace'],
  label: ['label', 'l'],
  pod: ['pod', 'po'],
  container: ['container', 'c'],
  replicaset: ['rs', 'replicaset'],
  deployment: ['deploy', 'deployment', 'd'],
  statefulset: ['sts', 'statefulset'],
  daemonset: ['ds', 'daemonset'],
  job: ['job'],
  service: ['svc', 'service'],
  node: ['node', 'no'],
  ingress: ['ing', 'ingress'],
} as const;
export type SelectorKind = keyof typeof selectorKinds;

export interface LogQuery {
  /** Values per kind; each is OR within its kind. Labels are parsed selectors. */
  selectors: Partial<Record<Exclude<SelectorKind, 'label'>, string[]>> & {
    label?: LabelRequirement[][];
  };
  /** Milliseconds back from now, or an absolute RFC 3339 time. */
  since?: { ms: number } | { time: string };
  tail?: number;
  include: string[];
  exclude: string[];
  previous: boolean;
  initContainers: boolean;
  timestamps: boolean;
}

export class QueryError extends Error {
  constructor(
    message: string,
    /** The offending token and where it starts in the input. */
    readonly token: string,
    readonly index: number,
  ) {
    super(message);
  }
}

const alias = new Map<string, SelectorKind>(
  Object.entries(selectorKinds).flatMap(([kind, names]) =>
    names.map((n) => [n, kind as SelectorKind]),
  ),
);
const flags = new Set(['previous', 'init', 'timestamps']);

export interface Token {
  text: string;
  index: number;
  /** Where the token ends in the input (exclusive), quotes included. */
  end: number;
}

/** Splits on spaces, keeping "quoted text" and (parenthesised, lists) whole. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    if (/\s/.test(input[i]!)) {
      i++;
      continue;
    }
    const start = i;
    let text = '';
    let depth = 0;
    let quote = '';
    while (i < input.length && (quote || depth > 0 || !/\s/.test(input[i]!))) {
      const ch = input[i]!;
      if (quote) {
        if (ch === quote) quote = '';
        else text += ch;
      } else if (ch === '"' || ch === "'") quote = ch;
      else {
        if (ch === '(') depth++;
        if (ch === ')') depth--;
        text += ch;
      }
      i++;
    }
    if (quote) throw new QueryError('unclosed quote', input.slice(start), start);
    tokens.push({ text, index: start, end: i });
  }
  // `label:tier in (a,b)` written without quotes: glue the set expression back together.
  for (let t = 0; t + 2 < tokens.length; t++) {
    const [a, b, c] = [tokens[t]!, tokens[t + 1]!, tokens[t + 2]!];
    if (/^(label|l):/.test(a.text) && /^(in|notin)$/.test(b.text) && c.text.startsWith('(')) {
      tokens.splice(t, 3, { text: `${a.text} ${b.text} ${c.text}`, index: a.index, end: c.end });
    }
  }
  return tokens;
}

export function parseDuration(text: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms'];
    total += Number(m[1]) * unit;
    matched = re.lastIndex;
  }
  return matched === text.length && text.length > 0 ? total : undefined;
}

export function parseQuery(input: string): LogQuery {
  const query: LogQuery = {
    selectors: {},
    include: [],
    exclude: [],
    previous: false,
    initContainers: false,
    timestamps: false,
  };
  for (const { text, index } of tokenize(input)) {
    if (flags.has(text)) {
      if (text === 'previous') query.previous = true;
      if (text === 'init') query.initContainers = true;
      if (text === 'timestamps') query.timestamps = true;
      continue;
    }
    const colon = text.indexOf(':');
    if (colon <= 0)
      throw new QueryError(
        `"${text}" is not a selector: write kind:value, for example deploy:${text}`,
        text,
        index,
      );
    const rawKey = text.slice(0, colon);
    const value = text.slice(colon + 1);
    if (!value) throw new QueryError(`"${rawKey}:" needs a value`, text, index);
    const key = rawKey.replace(/^-/, '');

    if (key === 'since') {
      const ms = parseDuration(value);
      if (ms !== undefined) query.since = { ms };
      else if (!Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value))
        query.since = { time: value };
      else
        throw new QueryError(
          `since:${value} is neither a duration (10m, 1h30m) nor an RFC 3339 time`,
          text,
          index,
        );
      continue;
    }
    if (key === 'tail') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0)
        throw new QueryError(`tail:${value} must be a whole number`, text, index);
      query.tail = n;
      continue;
    }
    if (key === 'include' || key === 'exclude') {
      try {
        compileLinePattern(value);
      } catch (error) {
        throw new QueryError(
          `${key}:${value} is not a valid regular expression: ${(error as Error).message}`,
          text,
          index,
        );
      }
      // A leading dash is stern's flag spelling (-exclude:healthz); the word decides.
      (key === 'exclude' ? query.exclude : query.include).push(value);
      continue;
    }
    const kind = alias.get(key);
    if (!kind) {
      const known = [...alias.keys(), 'since', 'tail', 'include', 'exclude'].join(', ');
      throw new QueryError(`unknown selector "${rawKey}" (known: ${known})`, text, index);
    }
    if (kind === 'label') {
      try {
        (query.selectors.label ??= []).push(parseLabelSelector(value));
      } catch (error) {
        throw new QueryError((error as Error).message, text, index);
      }
    } else {
      (query.selectors[kind] ??= []).push(value);
    }
  }
  return query;
}

/** What the engine knows about one pod when deciding whether it matches. */
export interface PodFacts {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  node?: string;
  /** Owners up the chain, for example ReplicaSet web-abc and Deployment web. */
  owners: { kind: string; name: string }[];
  /** Services whose selector picks this pod, and Ingresses whose backends are those services. */
  services: string[];
  ingresses: string[];
}

const ownerKinds: Partial<Record<SelectorKind, string>> = {
  replicaset: 'ReplicaSet',
  deployment: 'Deployment',
  statefulset: 'StatefulSet',
  daemonset: 'DaemonSet',
  job: 'Job',
};

/** Kinds whose values name a namespaced object, as `name` or `namespace/name`. */
const namespacedKinds: Exclude<SelectorKind, 'label'>[] = [
  'pod',
  'service',
  'ingress',
  'replicaset',
  'deployment',
  'statefulset',
  'daemonset',
  'job',
];

/**
 * kail semantics: each kind given must match (AND); any of its values may (OR). Names of
 * namespaced objects may be qualified (deploy:team-b/worker, as kail writes them).
 */
export function podMatches(query: LogQuery, pod: PodFacts): boolean {
  const s = query.selectors;
  const anyOf = (values: string[] | undefined, test: (v: string) => boolean) =>
    !values || values.some(test);
  const named = (v: string, name: string) => v === name || v === `${pod.namespace}/${name}`;
  return (
    anyOf(s.namespace, (v) => v === pod.namespace) &&
    anyOf(s.pod, (v) => named(v, pod.name)) &&
    anyOf(s.node, (v) => v === pod.node) &&
    anyOf(s.service, (v) => pod.services.some((name) => named(v, name))) &&
    anyOf(s.ingress, (v) => pod.ingresses.some((name) => named(v, name))) &&
    (!s.label || s.label.some((reqs) => matchesLabels(reqs, pod.labels))) &&
    (Object.keys(ownerKinds) as SelectorKind[]).every((kind) =>
      anyOf(s[kind as Exclude<SelectorKind, 'label'>], (v) =>
        pod.owners.some((o) => o.kind === ownerKinds[kind] && named(v, o.name)),
      ),
    )
  );
}

/**
 * The namespaces to watch: those the query names (ns:…, or every name qualified as
 * namespace/name), else the current ones ('all' = every namespace).
 */
export function queryNamespaces(query: LogQuery, current: string[] | 'all'): string[] | 'all' {
  if (query.selectors.namespace) return [...new Set(query.selectors.namespace)];
  const values = namespacedKinds.flatMap((kind) => query.selectors[kind] ?? []);
  if (values.length > 0 && values.every((v) => v.includes('/')))
    return [...new Set(values.map((v) => v.slice(0, v.indexOf('/'))))].sort();
  return current;
}

/**
 * Splits filter-bar text into what the engine must restart for (selectors, since, tail…)
 * and the include/exclude expressions a viewer applies live to lines it already holds.
 * Throws QueryError like parseQuery.
 */
export function splitViewFilters(input: string): {
  engineQuery: string;
  include: string[];
  exclude: string[];
} {
  const query = parseQuery(input);
  const engineQuery = tokenize(input)
    .filter((t) => !/^-?(include|exclude):/.test(t.text))
    .map((t) => input.slice(t.index, t.end))
    .join(' ');
  return { engineQuery, include: query.include, exclude: query.exclude };
}
