/**
 * Label and node selectors matched exactly as apimachinery's labels.Selector and
 * component-helpers' nodeaffinity do, because every filter of the fit engine (nodeSelector,
 * required node affinity, pod affinity terms, topology spread) rests on them:
 * - metav1.LabelSelector: nil selects nothing, {} selects everything (Empty() is true);
 *   matchLabels and In/NotIn/Exists/DoesNotExist expressions are ANDed.
 * - NodeSelectorRequirement: also Gt/Lt (both sides parsed as int64, a non-integer label
 *   value never matches); matchFields only on metadata.name with In/NotIn of one value.
 * - A NodeSelector's terms are ORed; an empty term selects nothing; a term that does not
 *   parse is skipped (the scheduler ignores parse errors for backwards compatibility).
 * Limits: keys and values are not validated as the API server would (it has done so).
 */
import { asArray, asRecord, asString } from '../kube/object-types';

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

export interface Requirement {
  key: string;
  op: Operator;
  values: readonly string[];
  /** Gt/Lt: the value parsed as int64. */
  bound?: bigint;
}

/** A parsed selector: `null` requirements = Nothing; [] = Everything. */
export interface Selector {
  requirements: readonly Requirement[] | null;
}

export const NOTHING: Selector = { requirements: null };
export const EVERYTHING: Selector = { requirements: [] };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INTEGER = /^[+-]?\d+$/;

/** Go's strconv.ParseInt(s, 10, 64); undefined where it errors. */
export function parseInt64(text: string): bigint | undefined {
  if (!INTEGER.test(text)) return undefined;
  const value = BigInt(text);
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

/** labels.NewRequirement's checks; a message when it would refuse. */
export function makeRequirement(
  key: string,
  op: string,
  values: readonly string[],
): Requirement | string {
  switch (op) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) return `${key}: for '${op}' operator, values set can't be empty`;
      return { key, op, values };
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0)
        return `${key}: values set must be empty for exists and does not exist`;
      return { key, op, values };
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1)
        return `${key}: for 'Gt', 'Lt' operators, exactly one value is required`;
      const bound = parseInt64(values[0]!);
      if (bound === undefined)
        return `${key}: for 'Gt', 'Lt' operators, the value must be an integer`;
      return { key, op, values, bound };
    }
    default:
      return `${key}: operator "${op}" is not supported`;
  }
}

/**
 * A label's value, or undefined. Label maps are plain JSON objects: a key such as
 * "constructor" must not find Object.prototype's.
 */
export function labelValue(
  labels: Readonly<Record<string, string>>,
  key: string,
): string | undefined {
  const v = labels[key];
  return typeof v === 'string' ? v : undefined;
}

export function requirementMatches(
  r: Requirement,
  labels: Readonly<Record<string, string>>,
): boolean {
  const v = labelValue(labels, r.key);
  switch (r.op) {
    case 'In':
      return v !== undefined && (r.values.length === 1 ? v === r.values[0] : r.values.includes(v));
    case 'NotIn':
      return v === undefined || (r.values.length === 1 ? v !== r.values[0] : !r.values.includes(v));
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    case 'Gt':
    case 'Lt': {
      if (v === undefined) return false;
      const value = parseInt64(v);
      if (value === undefined || r.bound === undefined) return false;
      return r.op === 'Gt' ? value > r.bound : value < r.bound;
    }
  }
}

export function selectorMatches(s: Selector, labels: Readonly<Record<string, string>>): boolean {
  if (s.requirements === null) return false;
  for (const r of s.requirements) if (!requirementMatches(r, labels)) return false;
  return true;
}

/** labels.Selector.Empty(): true only for Everything. */
export const selectorIsEmpty = (s: Selector): boolean =>
  s.requirements !== null && s.requirements.length === 0;

const stringValues = (value: unknown): string[] =>
  asArray(value).filter((v): v is string => typeof v === 'string');

export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asRecord(value))) if (typeof v === 'string') out[k] = v;
  return out;
}

/** labels.SelectorFromSet: every key equals its value (an empty set is Everything). */
export function selectorFromSet(set: Readonly<Record<string, string>>): Selector {
  return {
    requirements: Object.entries(set).map(([key, v]) => ({ key, op: 'In' as const, values: [v] })),
  };
}

/**
 * metav1.LabelSelectorAsSelector. Returns the selector, or an error text where the
 * scheduler's conversion would fail.
 */
export function labelSelector(value: unknown): Selector | string {
  if (value === undefined || value === null) return NOTHING;
  const raw = asRecord(value);
  const requirements: Requirement[] = [];
  for (const [key, v] of Object.entries(stringMap(raw.matchLabels)))
    requirements.push({ key, op: 'In', values: [v] });
  for (const expression of asArray(raw.matchExpressions)) {
    const e = asRecord(expression);
    const op = asString(e.operator) ?? '';
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(op))
      return `"${op}" is not a valid label selector operator`;
    const r = makeRequirement(asString(e.key) ?? '', op, stringValues(e.values));
    if (typeof r === 'string') return r;
    requirements.push(r);
  }
  return { requirements };
}

/** One parsed NodeSelectorTerm. `error` set when it does not parse (it never matches). */
export interface NodeTerm {
  labels: Selector | null;
  /** metadata.name equality tests: [value, wantEqual]. */
  fields: readonly (readonly [string, boolean])[] | null;
  error?: string;
}

export function isEmptyNodeTerm(term: unknown): boolean {
  const t = asRecord(term);
  return asArray(t.matchExpressions).length === 0 && asArray(t.matchFields).length === 0;
}

export function nodeTerm(term: unknown): NodeTerm {
  const t = asRecord(term);
  const out: {
    labels: Selector | null;
    fields: (readonly [string, boolean])[] | null;
    error?: string;
  } = {
    labels: null,
    fields: null,
  };
  const expressions = asArray(t.matchExpressions);
  if (expressions.length > 0) {
    const requirements: Requirement[] = [];
    for (const expression of expressions) {
      const e = asRecord(expression);
      const r = makeRequirement(
        asString(e.key) ?? '',
        asString(e.operator) ?? '',
        stringValues(e.values),
      );
      if (typeof r === 'string') out.error = r;
      else requirements.push(r);
    }
    out.labels = { requirements };
  }
  const fields = asArray(t.matchFields);
  if (fields.length > 0) {
    out.fields = [];
    for (const field of fields) {
      const f = asRecord(field);
      const op = asString(f.operator);
      const values = stringValues(f.values);
      if ((op === 'In' || op === 'NotIn') && values.length === 1) {
        // fields.Set of a node holds only metadata.name; any other key reads as "".
        const key = asString(f.key) ?? '';
        out.fields.push([
          key === 'metadata.name' ? values[0]! : `\u0000${values[0]!}`,
          op === 'In',
        ]);
      } else
        out.error = `matchFields: operator ${op ?? ''} with ${values.length} values is not supported`;
    }
  }
  return out;
}

/** nodeSelectorTerm.match: labels AND fields (fields only when the node has a name). */
export function nodeTermMatches(
  term: NodeTerm,
  nodeName: string,
  labels: Readonly<Record<string, string>>,
): boolean {
  if (term.error !== undefined) return false;
  if (term.labels && !selectorMatches(term.labels, labels)) return false;
  if (term.fields && nodeName !== '') {
    for (const [value, equal] of term.fields) if ((value === nodeName) !== equal) return false;
  }
  return true;
}

/** A required NodeSelector: its non-empty terms, ORed (none left selects nothing). */
export function nodeSelectorTerms(selector: unknown): NodeTerm[] {
  return asArray(asRecord(selector).nodeSelectorTerms)
    .filter((t) => !isEmptyNodeTerm(t))
    .map(nodeTerm);
}

export function nodeTermsMatch(
  terms: readonly NodeTerm[],
  nodeName: string,
  labels: Readonly<Record<string, string>>,
): boolean {
  for (const term of terms) if (nodeTermMatches(term, nodeName, labels)) return true;
  return false;
}

/** Human text of a requirement for the matrix ("zone In [a b]", "gpu Gt 2"). */
export function requirementText(r: Requirement): string {
  if (r.op === 'Exists' || r.op === 'DoesNotExist') return `${r.key} ${r.op}`;
  if (r.op === 'In' && r.values.length === 1) return `${r.key}=${r.values[0]!}`;
  return `${r.key} ${r.op} [${r.values.join(' ')}]`;
}
