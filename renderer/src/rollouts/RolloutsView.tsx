import { useCallback, useMemo } from 'react';
import type { NamespaceChoice } from '../../../shared/contract/cluster';
import type { RolloutRow } from '../../../shared/contract/rollouts';
import type { Column, Row } from '../../../shared/resources/rows';
import { navigate } from '../data/use-route';
import { objectParam, viewOfKind, type Route } from '../data/route';
import { useWorkspace } from '../data/workspace-context';
import { ResourceTable } from '../ui/table/ResourceTable';
import { ScopeBanners } from '../ui/ScopeBanners';
import { ProgressBar } from './ProgressBar';
import { useRolloutFeed } from './rollout-feed';
import { rolloutColumns, tableRow } from './rollout-table';
import '../ui/common.css';
import '../ui/banner.css';
import './rollouts.css';

const NOUN = 'workloads';

/**
 * Every Deployment, StatefulSet and DaemonSet in the chosen namespaces, live: strategy with
 * its numbers resolved, progress split between old and new revision, revision, kubectl's
 * rollout status. A row opens the object's detail panel in its kind's view (by route: this
 * feature does not import the resources feature).
 */
export function RolloutsView(props: {
  route: Route;
  context: string;
  namespaces: NamespaceChoice;
}) {
  const { api } = useWorkspace();
  const feed = useRolloutFeed(api, props.context, props.namespaces);
  const byUid = useMemo(() => new Map(feed.rows.map((r) => [r.uid, r])), [feed.rows]);
  const rows = useMemo(() => feed.rows.map(tableRow), [feed.rows]);
  const singleNamespace = !props.namespaces.all && props.namespaces.namespaces.length === 1;

  const renderCell = useCallback(
    (row: Row, column: Column) => {
      // Long text is cut to the column; the whole of it is the cell's tooltip.
      if (column.id === 'strategy' || column.id === 'message') {
        const text = String(row.cells[column.id] ?? '');
        return (
          <span className="cut" title={text}>
            {text}
          </span>
        );
      }
      if (column.id !== 'progress') return undefined;
      const rollout = byUid.get(row.uid);
      return rollout ? <ProgressBar row={rollout} /> : undefined;
    },
    [byUid],
  );

  const open = (row: Row) => {
    const rollout: RolloutRow | undefined = byUid.get(row.uid);
    const view = rollout && viewOfKind(rollout.kind);
    if (!view) return;
    navigate({
      view,
      context: props.context,
      namespaces: props.namespaces,
      object: objectParam(rollout.namespace, rollout.name),
    });
  };

  const statuses = Object.values(feed.statuses);
  const allDenied = statuses.length > 0 && statuses.every((s) => s.phase === 'forbidden');
  const where = props.namespaces.all
    ? 'this cluster'
    : props.namespaces.namespaces.join(', ') || 'the chosen namespaces';
  const empty = feed.error ? (
    <p role="alert">{feed.error.message}</p>
  ) : !feed.loaded ? (
    <p className="muted" aria-busy="true">
      Loading rollouts…
    </p>
  ) : allDenied ? (
    <p>
      You may not list Deployments, StatefulSets or DaemonSets here. Ask your cluster admin for the
      list permission, or pick other namespaces.
    </p>
  ) : (
    <p>No Deployments, StatefulSets or DaemonSets in {where}.</p>
  );

  return (
    <section className="page resource-page rollouts-page" aria-labelledby="view-title">
      <div className="resource-main">
        <h1 id="view-title" className="page-title">
          Rollouts
        </h1>
        <ScopeBanners statuses={feed.statuses} noun={NOUN} />
        <ResourceTable
          label="Rollouts"
          noun={NOUN}
          columns={rolloutColumns}
          rows={rows}
          onOpen={open}
          empty={empty}
          hideNamespace={singleNamespace}
          loading={!feed.loaded && rows.length > 0}
          renderCell={renderCell}
          initialSort={{ column: 'name', direction: 'asc' }}
        />
      </div>
    </section>
  );
}
