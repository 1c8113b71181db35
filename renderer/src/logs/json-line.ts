/**
 * JSON log lines pretty-printed on demand. Only objects and arrays count: a line that is
 * just `42` or `"ok"` is left as it is, and so is anything that does not parse.
 */
const cache = new Map<string, string | null>();
const CACHE_LIMIT = 2000;

export function prettyJson(text: string): string | undefined {
  const trimmed = text.trim();
  const first = trimmed[0];
  if (first !== '{' && first !== '[') return undefined;
  const known = cache.get(text);
  if (known !== undefined) return known ?? undefined;
  let pretty: string | null;
  try {
    pretty = JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    pretty = null;
  }
  // Rows re-render as lines arrive; keep the parse of what is on screen, nothing more.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, pretty);
  return pretty ?? undefined;
}
