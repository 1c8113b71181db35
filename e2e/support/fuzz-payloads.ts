/**
 * Payloads for the contract fuzz (e2e/integration/contract-fuzz.test.ts), generated from a
 * channel's input schema, so a new channel or field is fuzzed without editing the test:
 * the zod schema goes through zod's own JSON Schema export, and each JSON Schema node
 * becomes a fast-check arbitrary. Three families per channel:
 * - valid: samples of the schema, with names that exist (the kubeconfig's contexts, the
 *   cluster's namespaces and objects, from `hints`) so they reach the cluster;
 * - invalid: a valid sample mutated so the schema must refuse it (a required field gone,
 *   an extra field, a field of the wrong type or out of its bounds): the reply must be
 *   `Invalid`;
 * - hostile: anything at all as the input (fast-check's `anything`, prototype keys,
 *   huge, deep or odd values), and boundary values of every field: any typed reply.
 */
import fc from 'fast-check';
import { z } from 'zod';

interface JsonSchema {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
}

/** Values that exist, by property name, so valid payloads do real work. */
export type Hints = Record<string, readonly string[]>;

export interface FuzzCase {
  family: 'valid' | 'invalid' | 'hostile';
  /** How it was made, for the figures. */
  how: string;
  input: unknown;
  /** The input as JSON text, when it cannot be an object here (too deep to stringify). */
  json?: string;
}

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** An arbitrary of values the schema accepts (hints take the place of free strings). */
export function validArbitrary(schema: JsonSchema, hints: Hints, key = ''): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return fc.oneof(...options.map((o) => validArbitrary(o, hints, key)));
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const shape = Object.fromEntries(
        Object.entries(properties).map(([k, s]) => [k, validArbitrary(s, hints, k)]),
      );
      return fc.record(shape, { requiredKeys: schema.required ?? [] });
    }
    case 'array':
      return fc.array(validArbitrary(schema.items ?? {}, hints, key), {
        maxLength: Math.min(schema.maxItems ?? 5, 5),
      });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'string':
      return stringArbitrary(schema, hints[key]);
    default:
      return fc.anything();
  }
}

function stringArbitrary(schema: JsonSchema, hint: readonly string[] | undefined) {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 64, 64);
  const free = schema.pattern
    ? fc.stringMatching(new RegExp(schema.pattern), { size: 'small' })
    : fc.string({ minLength: min, maxLength: Math.max(min, max), unit: 'grapheme' });
  const fits = (s: string) => s.length >= min && s.length <= (schema.maxLength ?? Infinity);
  const bounded = free.filter(fits);
  return hint?.length
    ? fc.oneof({ arbitrary: fc.constantFrom(...hint), weight: 4 }, bounded)
    : bounded;
}

/** Values never valid for a field of this JSON type (strings are sorted out by the caller). */
function wrongFor(schema: JsonSchema): unknown[] {
  const byType: Record<string, unknown[]> = {
    string: ['', 'x'.repeat(70_000)],
    number: [-1, 1.5, 1e308],
    boolean: [true, false],
    object: [{}],
    array: [[], [1, 2]],
    null: [null],
  };
  // Unions and enums count as objects here: `{}` and strings are left out for them below.
  const type = schema.type === 'integer' ? 'number' : (schema.type ?? 'object');
  return Object.entries(byType)
    .filter(([t]) => t !== type)
    .flatMap(([, values]) => values);
}

/** Objects whose own keys are prototype names, as JSON.parse makes them. */
const prototypeKeys = [
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}') as unknown,
  JSON.parse('{"__proto__":null,"toString":"x","hasOwnProperty":1,"valueOf":[]}') as unknown,
];

/** JSON text nested `levels` deep (JSON.stringify would overflow the test's own stack). */
function deepJson(levels: number, inner = '"bottom"'): string {
  let open = '';
  let close = '';
  for (let i = 0; i < levels; i++) {
    open += i % 2 ? '[' : '{"a":';
    close = (i % 2 ? ']' : '}') + close;
  }
  return open + inner + close;
}

/** Whole inputs as JSON text: deeper than anything else could send, and NaN-free but odd. */
export const hostileJson: readonly string[] = [
  deepJson(50_000),
  `{"context":${deepJson(20_000)}}`,
  '1e999',
  '-0',
  '{"context":"a","context":"fuzz-view"}',
  '{"__proto__":{"context":"fuzz-view"}}',
];

/** Whole-input values: hostile shapes, sizes and characters. */
export const hostileInputs: readonly unknown[] = [
  undefined,
  null,
  0,
  -0,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  'x'.repeat(900_000),
  [],
  Array.from({ length: 50_000 }, (_, i) => i),
  ...prototypeKeys,
  { context: '\u202e\u0000\u001b]52;c;aGk=\u0007' },
  { context: '\ud800' },
  { context: '😀'.repeat(200) },
];

function mutate(valid: Record<string, unknown>, schema: JsonSchema, pick: number): FuzzCase[] {
  const properties = schema.properties ?? {};
  const cases: FuzzCase[] = [];
  for (const key of schema.required ?? []) {
    const rest = { ...valid };
    delete rest[key];
    cases.push({ family: 'invalid', how: `without ${key}`, input: rest });
  }
  cases.push({ family: 'invalid', how: 'an extra field', input: { ...valid, extra: pick } });
  cases.push({
    family: 'invalid',
    how: 'a __proto__ field',
    input: { ...valid, ...(JSON.parse('{"__proto__":{"admin":true}}') as object) },
  });
  for (const [key, field] of Object.entries(properties)) {
    for (const wrong of wrongFor(field)) {
      // Strings only where the field is no string; '' and 70,000 chars break a bound.
      if (typeof wrong === 'string' && field.type === 'string') {
        const tooLong = wrong.length > (field.maxLength ?? Infinity);
        const tooShort = wrong.length < (field.minLength ?? 0);
        if (!tooLong && !tooShort) continue;
      }
      const union = field.enum || field.anyOf || field.oneOf;
      if (union && (typeof wrong === 'string' || (typeof wrong === 'object' && wrong !== null)))
        continue;
      cases.push({
        family: 'invalid',
        how: `${key}: wrong type`,
        input: { ...valid, [key]: wrong },
      });
    }
    if (field.type === 'integer') {
      if (field.minimum !== undefined)
        cases.push({
          family: 'invalid',
          how: `${key} below min`,
          input: { ...valid, [key]: field.minimum - 1 },
        });
      if (field.maximum !== undefined)
        cases.push({
          family: 'invalid',
          how: `${key} above max`,
          input: { ...valid, [key]: field.maximum + 1 },
        });
      cases.push({ family: 'invalid', how: `${key} fraction`, input: { ...valid, [key]: 100.5 } });
    }
  }
  return cases;
}

/** Boundary values of each field of a valid sample (any typed reply is fine). */
function boundaries(valid: Record<string, unknown>, schema: JsonSchema): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const [key, field] of Object.entries(schema.properties ?? {})) {
    const at = (value: unknown, how: string) =>
      cases.push({ family: 'hostile', how: `${key} ${how}`, input: { ...valid, [key]: value } });
    if (field.type === 'string') {
      if (field.maxLength !== undefined) {
        at('a'.repeat(field.maxLength), 'at max length');
        at('a'.repeat(field.maxLength + 1), 'over max length');
      }
      at('é\u0301\u200d🧪\u202e', 'unicode');
      at('__proto__', '__proto__');
      at('constructor', 'constructor');
    }
    if (field.type === 'integer') {
      if (field.minimum !== undefined) at(field.minimum, 'at min');
      if (field.maximum !== undefined) at(field.maximum, 'at max');
    }
  }
  return cases;
}

/**
 * About `count` cases or more for one channel's input schema, from a fixed seed: hostile
 * ones, then `count / 2` valid samples each followed by one of its mutations (and, for the
 * first, the boundary values of every field).
 */
export function casesFor(schema: z.ZodType, hints: Hints, count: number, seed: number): FuzzCase[] {
  const json = jsonSchemaOf(schema);
  const valid = fc.sample(validArbitrary(json, hints), { seed, numRuns: Math.ceil(count / 2) });
  const anything = fc.sample(
    fc.anything({
      withObjectString: true,
      withNullPrototype: true,
      withBigInt: false,
      maxDepth: 4,
    }),
    { seed: seed + 1, numRuns: Math.ceil(count / 10) },
  );
  const cases: FuzzCase[] = [
    ...hostileInputs.map((input) => ({ family: 'hostile' as const, how: 'hostile input', input })),
    ...hostileJson.map((json) => ({
      family: 'hostile' as const,
      how: 'hostile JSON',
      input: undefined,
      json,
    })),
    ...anything.map((input) => ({ family: 'hostile' as const, how: 'fc.anything', input })),
  ];
  valid.forEach((sample, i) => {
    cases.push({ family: 'valid', how: 'valid sample', input: sample });
    if (json.type !== 'object' || typeof sample !== 'object' || sample === null) return;
    const record = sample as Record<string, unknown>;
    if (i === 0) cases.push(...boundaries(record, json));
    const mutations = mutate(record, json, i);
    cases.push(mutations[i % mutations.length]!);
  });
  return cases;
}
