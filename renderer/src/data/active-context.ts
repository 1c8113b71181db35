import type { KubeconfigSnapshot } from '../../../shared/contract/cluster';

/**
 * The context to show: the one in the URL, else the one chosen last time, else the
 * kubeconfig's current-context, else the first one. A name that no longer exists is
 * passed over, so a stale bookmark still opens a working view.
 */
export function pickActiveContext(
  snapshot: KubeconfigSnapshot,
  fromUrl: string | undefined,
  lastUsed: string | undefined,
): string | undefined {
  const names = new Set(snapshot.contexts.map((c) => c.name));
  for (const candidate of [fromUrl, lastUsed, snapshot.currentContext]) {
    if (candidate && names.has(candidate)) return candidate;
  }
  return snapshot.contexts[0]?.name;
}
