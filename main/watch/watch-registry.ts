/**
 * Shares list+watches between subscribers: one WatchCache per (context, kind, namespace),
 * started by the first subscriber and stopped a grace period after the last one leaves,
 * so switching views back and forth does not relist.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeTransport } from '../platform/http';
import { WatchCache, type CacheListener, type Projected, type Projection } from './watch-cache';

const GRACE_MS = 15_000;

export class WatchRegistry {
  private readonly caches = new Map<
    string,
    { cache: WatchCache<Projected>; stopTimer?: NodeJS.Timeout }
  >();

  constructor(private readonly kubeConfig: (context: string) => KubeConfig) {}

  subscribe<R extends Projected>(
    context: string,
    kind: Projection<R>,
    namespace: string | undefined,
    listener: CacheListener<R>,
  ): () => void {
    const key = JSON.stringify([context, kind.id, namespace ?? '']);
    let slot = this.caches.get(key);
    if (!slot) {
      const describe = `${context}/${kind.id}${namespace ? `@${namespace}` : ''}`;
      const api = kubeTransport(() => this.kubeConfig(context));
      const cache = new WatchCache(api, kind, namespace, describe);
      slot = { cache: cache as unknown as WatchCache<Projected> };
      this.caches.set(key, slot);
    }
    clearTimeout(slot.stopTimer);
    // The key includes the projection id, so this cache projects to R.
    const remove = (slot.cache as unknown as WatchCache<R>).addListener(listener);
    const current = slot;
    return () => {
      remove();
      if (current.cache.listenerCount() > 0) return;
      current.stopTimer = setTimeout(() => {
        if (current.cache.listenerCount() > 0) return;
        current.cache.stop();
        this.caches.delete(key);
      }, GRACE_MS);
      current.stopTimer.unref();
    };
  }

  stopAll(): void {
    for (const slot of this.caches.values()) slot.cache.stop();
    this.caches.clear();
  }

  stats(): { caches: number; rows: number } {
    let rows = 0;
    for (const slot of this.caches.values()) rows += slot.cache.size();
    return { caches: this.caches.size, rows };
  }
}
