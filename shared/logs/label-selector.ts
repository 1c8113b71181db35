/**
 * Kubernetes label selectors (the syntax of `kubectl -l`): `app=web`, `app==web`,
 * `app!=web`, `tier in (a,b)`, `tier notin (a,b)`, `canary`, `!canary`, comma-separated
 * requirements that must all hold.
 */
export type LabelRequirement =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: 'in' | 'notin'; values: string[] };

const KEY =
  /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;

/** Parses a selector; throws an Error naming the bad requirement. */
export function parseLabelSelector(text: string): LabelRequirement[] {
  const requirements: LabelRequirement[] = [];
  for (const part of splitTopLevel(text.trim())) {
    const req = part.trim();
    if (!req) throw new Error(`empty requirement in "${text}"`);
    requirements.push(parseRequirement(req));
  }
  return requirements;
}

function parseRequirement(req: string): LabelRequirement {
  const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(req);
  if (set) {
    const values = set[3]!.split(',').map((v) => v.trim());
    values.forEach((v) => checkValue(v, req));
    return { key: checkKey(set[1]!, req), op: set[2] as 'in' | 'notin', values };
  }
  if (req.startsWith('!')) return { key: checkKey(req.slice(1).trim(), req), op: 'notexists' };
  const eq = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(req);
  if (eq) {
    const value = checkValue(eq[3]!.trim(), req);
    return {
      key: checkKey(eq[1]!.trim(), req),
      op: eq[2] === '!=' ? 'notin' : 'in',
      values: [value],
    };
  }
  return { key: checkKey(req, req), op: 'exists' };
}

function checkKey(key: string, req: string): string {
  if (!KEY.test(key) || key.length > 317) throw new Error(`invalid label key "${key}" in "${req}"`);
  return key;
}

function checkValue(value: string, req: string): string {
  if (!VALUE.test(value) || value.length > 63)
    throw new Error(`invalid label value "${value}" in "${req}"`);
  return value;
}

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

export function matchesLabels(
  requirements: LabelRequirement[],
  labels: Record<string, string> = {},
): boolean {
  return requirements.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case 'notexists':
        return !has;
      case 'in':
        return has && r.values.includes(labels[r.key]!);
      case 'notin':
        return !has || !r.values.includes(labels[r.key]!);
    }
  });
}
