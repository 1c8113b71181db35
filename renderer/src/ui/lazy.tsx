/**
 * Code loaded when first needed (issue 15: the renderer loads only the shell and the
 * current view before the first view). A `LazyModule` wraps one dynamic `import()`: vite
 * makes it a chunk of its own, fetched on the first `load()` (or `prefetch()` when idle) and
 * never again. Components from it render through React.lazy, but with a thenable that
 * answers synchronously once the module is loaded: a view or section whose chunk is already
 * here renders in the same pass, never showing its fallback for a frame (React would
 * otherwise suspend on every first mount, and hold the content back for its fallback
 * throttle).
 */
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import './lazy.css';

export interface LazyModule<M> {
  /** The module, once loaded. */
  current(): M | undefined;
  /** Loads the module (once; a failed load is tried again on the next call). */
  load(): Promise<M>;
}

export function lazyModule<M>(importer: () => Promise<M>): LazyModule<M> {
  let loaded: M | undefined;
  let pending: Promise<M> | undefined;
  return {
    current: () => loaded,
    load() {
      if (loaded !== undefined) return Promise.resolve(loaded);
      pending ??= importer().then(
        (module) => (loaded = module),
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
  };
}

/**
 * What React.lazy is given: once the module is loaded, a thenable that calls back at once
 * (React calls `then(resolve, reject)` and ignores what it returns), so the lazy component
 * resolves without suspending; before, the load itself.
 */
function moduleThenable<M, P>(
  module: LazyModule<M>,
  pick: (m: M) => ComponentType<P>,
): Promise<{ default: ComponentType<P> }> {
  const now = module.current();
  if (now === undefined) return module.load().then((m) => ({ default: pick(m) }));
  const value = { default: pick(now) };
  const settled = { then: (onLoaded: (loaded: typeof value) => void) => void onLoaded(value) };
  return settled as unknown as Promise<typeof value>;
}

/** A component of a lazy module; it suspends only while the module is not yet loaded. */
export function lazyComponent<M, P extends object>(
  module: LazyModule<M>,
  pick: (m: M) => ComponentType<P>,
): ComponentType<P> {
  return lazy(() => moduleThenable(module, pick)) as unknown as ComponentType<P>;
}

/**
 * A component of a lazy module in its own Suspense boundary: the registration of a detail
 * section stays tiny and eager, the component arrives with its chunk. While the chunk is in
 * flight an action or a notice shows nothing (`'none'`), a tab's content the quiet fallback.
 */
export function lazySection<M, P extends object>(
  module: LazyModule<M>,
  pick: (m: M) => ComponentType<P>,
  fallback: 'none' | 'quiet' = 'none',
): ComponentType<P> {
  const Lazy = lazyComponent(module, pick);
  function LazySection(props: P) {
    return (
      <LoadBoundary>
        <Suspense fallback={fallback === 'quiet' ? <QuietFallback /> : null}>
          <Lazy {...props} />
        </Suspense>
      </LoadBoundary>
    );
  }
  return LazySection;
}

/**
 * What a part being loaded shows: nothing at first, then a muted line, so a chunk that
 * arrives within a few hundred milliseconds never flashes a loading message.
 */
export function QuietFallback(props: { label?: string }) {
  return (
    <div className="lazy-fallback" aria-busy="true">
      <p className="muted">{props.label ?? 'Loading…'}</p>
    </div>
  );
}

/**
 * Catches a chunk that could not be fetched (the server restarted with a newer build, the
 * connection dropped) and says so instead of unmounting the whole app.
 */
export class LoadBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <p role="alert" className="banner banner-bad">
        This part of Pilothouse could not be shown: {this.state.error.message}.{' '}
        <a href={location.href} onClick={() => location.reload()}>
          Reload
        </a>
      </p>
    );
  }
}
