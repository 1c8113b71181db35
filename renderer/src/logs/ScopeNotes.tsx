import type { ScopeStatus } from '../../../shared/contract/resources';

/**
 * The pod watches behind the query, per namespace, when they are not simply ready:
 * a broken watch (new pods may be missed until it is back) or a namespace Pilothouse may
 * not watch (its pods' logs cannot be followed at all).
 */
export function ScopeNotes({ scopes }: { scopes: Readonly<Record<string, ScopeStatus>> }) {
  const entries = Object.entries(scopes);
  const where = (scope: string) => (scope ? ` in ${scope}` : '');
  return (
    <>
      {entries.map(([scope, s]) =>
        s.phase === 'reconnecting' ? (
          <div
            key={scope || '*'}
            role="status"
            aria-label="Reconnecting"
            className="banner banner-warning"
          >
            <strong>Reconnecting{where(scope)}…</strong> Pods that start matching meanwhile show up
            once the watch is back; streams already open go on.{' '}
            <span className="muted">{s.message}</span>
          </div>
        ) : s.phase === 'forbidden' || s.phase === 'error' ? (
          <div
            key={scope || '*'}
            role="alert"
            aria-label={s.phase === 'forbidden' ? 'Forbidden' : 'Error'}
            className="banner banner-bad"
          >
            <strong>{s.phase === 'forbidden' ? 'Forbidden' : 'Error'}</strong>
            {where(scope)}: {s.message}
          </div>
        ) : null,
      )}
    </>
  );
}
