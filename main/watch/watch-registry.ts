/**
 * Shares list+watches between subscribers: one WatchCache per (context, kind, namespace),
 * started by the first subscriber and stopped a grace period after the last one leaves,
 * so switching views back and forth does not relist.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeTransport } from '../platform/http';
import {
  UNPAGED,
  WatchCache,
  type CacheListener,
  type Projected,
  type Projection,
} from './watch-cache';

const GRACE_MS = 15_000;

/**
 * Objects per list request: by default none (UNPAGED), one streamed request per list,
 * which the API server answers from its watch cache like `kubectl get --raw` (a 10,000-pod
 * list in pages of 500 is 20 round trips, and every page after the first is read from etcd).
 * PILOTHOUSE_LIST_PAGE_SIZE=500 brings back paged lists, for an API server whose watch
 * cache is off, where a whole collection in one request is one large etcd read.
 */
export function listPageSize(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env['PILOTHOUSE_LIST_PAGE_SIZE'] ?? UNPAGED);
  return Number.isSafeInteger(value) && value > 0 ? value : UNPAGED;
}

export class WatchRegistry {
  private readonly caches = new Map<
    string,
    { cache: WatchCache<Projected>; stopTimer?: NodeJS.Timeout }
  >();

  constructor(
    private readonly kubeConfig: (context: string) => KubeConfig,
    private readonly pageSize = listPageSize(),
  ) {}

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
      const cache = new WatchCache(api, kind, namespace, describe, this.pageSize);
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
