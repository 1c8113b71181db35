import { useMemo } from 'react';
import type { NamespaceChoice } from '../../../shared/contract/cluster';
import type { Row } from '../../../shared/resources/rows';
import { eventCells } from '../../../shared/resources/cluster';
import { formatRoute, objectParam, type Route } from '../data/route';
import { useResourceFeed } from '../data/resource-feed';
import { useWorkspace } from '../data/workspace-context';
import { Age } from '../ui/table/ResourceTable';
import { statusCounts } from '../ui/table/row-order';
import { newestFirst } from '../data/event-rows';

/** Pods by status, workloads short of their desired replicas, and the latest warnings. */
export function ClusterSummary(props: {
  route: Route;
  context: string;
  namespaces: NamespaceChoice;
}) {
  const { api } = useWorkspace();
  const pods = useResourceFeed(api, props.context, 'pods', props.namespaces);
  const deployments = useResourceFeed(api, props.context, 'deployments', props.namespaces);
  const statefulsets = useResourceFeed(api, props.context, 'statefulsets', props.namespaces);
  const daemonsets = useResourceFeed(api, props.context, 'daemonsets', props.namespaces);
  const events = useResourceFeed(api, props.context, 'events', props.namespaces);

  const byStatus = useMemo(() => countBy(pods.rows), [pods.rows]);
  const lagging = useMemo(
    () =>
      [
        ...deployments.rows.map((r) => ['deployments', r] as const),
        ...statefulsets.rows.map((r) => ['statefulsets', r] as const),
        ...daemonsets.rows.map((r) => ['daemonsets', r] as const),
      ].filter(([, r]) => r.tone === 'warn' || r.tone === 'bad'),
    [deployments.rows, statefulsets.rows, daemonsets.rows],
  );
  const warnings = useMemo(
    () => newestFirst(events.rows.filter((r) => eventCells(r).type === 'Warning')).slice(0, 8),
    [events.rows],
  );
  const link = (view: Route['view'], row?: Row) =>
    formatRoute({
      ...props.route,
      view,
      ...(row ? { object: objectParam(row.namespace, row.name) } : {}),
    });

  return (
    <div className="summary-grid">
      <section aria-labelledby="pods-by-status" className="card">
        <h2 id="pods-by-status">Pods</h2>
        {!pods.loaded ? (
          <p className="muted">Loading…</p>
        ) : (
          <>
            <p className="big-number">
              <a href={link('pods')}>{pods.rows.length.toLocaleString('en-US')}</a>
            </p>
            <ul className="status-counts" aria-label="Pods by status">
              {byStatus.map(([status, n, tone]) => (
                <li key={status}>
                  <span className={`tone tone-${tone}`}>
                    <span className="dot" aria-hidden="true" />
                    {status}
                  </span>{' '}
                  <strong>{n.toLocaleString('en-US')}</strong>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="lagging" className="card">
        <h2 id="lagging">Workloads not at desired replicas</h2>
        {lagging.length === 0 ? (
          <p className="muted">
            {deployments.loaded ? 'All workloads have their replicas.' : 'Loading…'}
          </p>
        ) : (
          <ul className="plain-list">
            {lagging.map(([view, r]) => (
              <li key={r.uid}>
                <a href={link(view, r)}>
                  {r.namespace}/{r.name}
                </a>{' '}
                <span className={`tone tone-${r.tone ?? 'muted'}`}>{r.status}</span>{' '}
                <span className="muted">
                  {r.facts?.ready ?? 0}/{r.facts?.desired ?? 0}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="warnings" className="card wide">
        <h2 id="warnings">Recent warnings</h2>
        {warnings.length === 0 ? (
          <p className="muted">{events.loaded ? 'No warning events.' : 'Loading…'}</p>
        ) : (
          <ul className="event-list">
            {warnings.map((row) => {
              const e = eventCells(row);
              return (
                <li key={row.uid} className="warning">
                  <span className="event-meta">
                    {e.lastSeen ? <Age at={e.lastSeen} /> : null} · <strong>{e.reason}</strong> ·{' '}
                    <a href={link('events', row)}>{e.object}</a>
                  </span>
                  <span className="event-message">{e.message}</span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}

/** The status filter's counts, with each status's colour. */
function countBy(rows: Row[]): [string, number, string][] {
  const tones = new Map(rows.map((r) => [r.status, r.tone ?? 'muted']));
  return statusCounts(rows).map(([status, n]) => [status, n, tones.get(status) ?? 'muted']);
}
