/**
 * A container's requests as one line of text, "cpu=100m, memory=64Mi, nvidia.com/gpu=1",
 * for the what-if form; quantities are checked with the shared parser (every suffix
 * Kubernetes accepts), so a typo is named before any fit is asked. Pure.
 */
import { parseQuantity } from '../../../shared/kube/quantity';

export type ParsedList = { ok: true; list: Record<string, string> } | { ok: false; error: string };

/** Resource names as the API accepts them: an optional DNS prefix, then a name. */
const RESOURCE_NAME =
  /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

export function resourceListText(list: Record<string, string>): string {
  return Object.entries(list)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

export function parseResourceList(text: string): ParsedList {
  const list: Record<string, string> = {};
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq <= 0) return { ok: false, error: `“${item}” is not name=quantity (cpu=100m).` };
    const name = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (!RESOURCE_NAME.test(name) || name.length > 253)
      return { ok: false, error: `“${name}” is not a resource name.` };
    if (!parseQuantity(value))
      return { ok: false, error: `${name}: “${value}” is not a quantity (100m, 1.5, 64Mi, 2G…).` };
    if (Object.hasOwn(list, name)) return { ok: false, error: `${name} is given twice.` };
    list[name] = value;
  }
  return { ok: true, list };
}
