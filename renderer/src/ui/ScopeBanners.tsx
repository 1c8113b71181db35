import type { ScopeStatus } from '../../../shared/contract/resources';
import './banner.css';

/**
 * Says plainly when rows may be stale (reconnecting) or missing (forbidden), per namespace.
 * Never silent: a view with stale rows always carries the reconnecting banner.
 */
export function ScopeBanners({
  statuses,
  noun,
}: {
  statuses: Record<string, ScopeStatus>;
  noun: string;
}) {
  const entries = Object.entries(statuses);
  const reconnecting = entries.filter(([, s]) => s.phase === 'reconnecting');
  const denied = entries.filter(([, s]) => s.phase === 'forbidden' || s.phase === 'error');
  return (
    <>
      {reconnecting.length > 0 && (
        <div role="status" aria-label="Reconnecting" className="banner banner-warning">
          <strong>Reconnecting…</strong> The watch on {noun} broke; the rows below may be out of
          date until it is back.{' '}
          <span className="muted">
            {reconnecting[0]![1].phase === 'reconnecting' ? reconnecting[0]![1].message : ''}
          </span>
        </div>
      )}
      {denied.map(([scope, s]) => (
        <div
          role="alert"
          key={scope || '*'}
          className="banner banner-bad"
          aria-label={s.phase === 'forbidden' ? 'Forbidden' : 'Error'}
        >
          <strong>{s.phase === 'forbidden' ? 'Forbidden' : 'Error'}</strong>
          {scope ? ` in ${scope}` : ''}: {'message' in s ? s.message : ''}
        </div>
      ))}
    </>
  );
}
