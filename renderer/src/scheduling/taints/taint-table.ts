/**
 * The taints and labels table, from `scheduling.taints`: one row per node, one column per
 * taint key in use (each cell the node's taints of that key, "value:Effect"), then the
 * chosen label keys. Also the filter and the lookup of who tolerates a taint. Pure.
 */
import type {
  NodeTaint,
  TaintedNode,
  TaintTolerators,
  TaintsView,
} from '../../../../shared/contract/scheduling';

/** One collator for every sort: `localeCompare` with a locale builds one per call (slow at 5,000 rows). */
const byName = new Intl.Collator('en', { numeric: true });

/** What a taint cell shows: "present:NoSchedule", or ":NoExecute" with no value. */
export function taintCell(taints: readonly NodeTaint[]): string {
  return taints.map((t) => `${t.value ? t.value : ''}:${t.effect}`).join(', ');
}

export function taintsOfKey(node: TaintedNode, key: string): NodeTaint[] {
  return node.taints.filter((t) => t.key === key);
}

/** Nodes whose name, a taint or a chosen label contains the text (case-insensitive), by name. */
export function filterNodes(view: TaintsView, text: string): TaintedNode[] {
  const needle = text.trim().toLowerCase();
  const nodes = [...view.nodes].sort((a, b) => byName.compare(a.name, b.name));
  if (!needle) return nodes;
  return nodes.filter(
    (n) =>
      n.name.toLowerCase().includes(needle) ||
      n.taints.some((t) => `${t.key}=${t.value}:${t.effect}`.toLowerCase().includes(needle)) ||
      Object.entries(n.labels).some(([k, v]) => `${k}=${v}`.toLowerCase().includes(needle)),
  );
}

/** The tolerators entries of one taint key (one per distinct value and effect). */
export function tolerationsOfKey(view: TaintsView, key: string): TaintTolerators[] {
  return view.tolerators.filter((t) => t.taint.key === key);
}

/** The label keys after toggling one: added at the end, or removed. */
export function toggleKey(keys: readonly string[], key: string): string[] {
  return keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key];
}
