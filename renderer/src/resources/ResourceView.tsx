import { useMemo } from 'react';
import type { AnyKind } from '../../../shared/contract/resources';
import type { NamespaceChoice } from '../../../shared/contract/cluster';
import { resolveKind } from '../../../shared/kube/kinds';
import type { Row } from '../../../shared/resources/rows';
import { navigate } from '../data/use-route';
import { objectParam, type Route } from '../data/route';
import { useResourceFeed } from '../data/resource-feed';
import { useWorkspace } from '../data/workspace-context';
import { DetailPanel } from './detail/DetailPanel';
import { ResourceTable } from '../ui/table/ResourceTable';
import { ScopeBanners } from '../ui/ScopeBanners';
import type { SortState } from '../ui/table/row-order';
import { useProvidedColumns } from '../ui/table/use-provided-columns';
import '../ui/common.css';
import '../ui/banner.css';
import './resources.css';

/** A live table of one kind in the chosen namespaces, with the detail panel of the selected row. */
export function ResourceView(props: {
  route: Route;
  context: string;
  kind: AnyKind;
  namespaces: NamespaceChoice;
  /** Rows to show instead of the raw feed (the Events view groups repeats). */
  transform?: (rows: Row[]) => Row[];
  toolbar?: React.ReactNode;
  initialSort?: SortState;
}) {
  const { api } = useWorkspace();
  const kind = resolveKind(props.kind)!;
  const feed = useResourceFeed(api, props.context, props.kind, props.namespaces);
  const { transform } = props;
  const rows = useMemo(
    () => (transform ? transform(feed.rows) : feed.rows),
    [feed.rows, transform],
  );
  const columns = useProvidedColumns(
    { api, context: props.context, kind: props.kind, namespaces: props.namespaces },
    kind.columns,
    feed.loaded,
  );
  const noun = kind.label.toLowerCase();
  const selected = parseObject(props.route.object, kind.namespaced);
  const selectedRow = selected
    ? rows.find(
        (r) => r.name === selected.name && (r.namespace ?? '') === (selected.namespace ?? ''),
      )
    : undefined;
  const singleNamespace =
    kind.namespaced && !props.namespaces.all && props.namespaces.namespaces.length === 1;

  const open = (row: Row) =>
    navigate({ ...props.route, object: objectParam(row.namespace, row.name) }, true);
  const close = () => {
    const { object: _object, ...rest } = props.route;
    navigate(rest, true);
  };

  const statuses = Object.values(feed.statuses);
  const allDenied = statuses.length > 0 && statuses.every((s) => s.phase === 'forbidden');
  const empty = feed.error ? (
    <p role="alert">{feed.error.message}</p>
  ) : !feed.loaded ? (
    <p className="muted" aria-busy="true">
      Loading {noun}…
    </p>
  ) : allDenied ? (
    <p>
      You may not list {noun} here. Ask your cluster admin for the list permission, or pick other
      namespaces.
    </p>
  ) : (
    <p>
      No {noun} in{' '}
      {props.namespaces.all || !kind.namespaced
        ? 'this cluster'
        : props.namespaces.namespaces.join(', ') || 'the chosen namespaces'}
      .
    </p>
  );

  return (
    <section
      className={`page resource-page${selected ? ' with-detail' : ''}`}
      aria-labelledby="view-title"
    >
      <div className="resource-main">
        <h1 id="view-title" className="page-title">
          {kind.label}
        </h1>
        <ScopeBanners statuses={feed.statuses} noun={noun} />
        <ResourceTable
          label={kind.label}
          noun={noun}
          columns={columns}
          rows={rows}
          selectedUid={selectedRow?.uid}
          onOpen={open}
          empty={empty}
          hideNamespace={singleNamespace}
          loading={!feed.loaded && rows.length > 0}
          toolbar={props.toolbar}
          {...(props.initialSort ? { initialSort: props.initialSort } : {})}
        />
      </div>
      {selected && (
        <DetailPanel
          api={api}
          route={props.route}
          target={{
            context: props.context,
            kind: props.kind,
            def: kind,
            namespace: selected.namespace,
            name: selected.name,
          }}
          row={selectedRow}
          onClose={close}
        />
      )}
    </section>
  );
}

function parseObject(
  object: string | undefined,
  namespaced: boolean,
): { namespace?: string; name: string } | undefined {
  if (!object) return undefined;
  if (!namespaced) return { name: object };
  const slash = object.indexOf('/');
  return slash < 0
    ? { name: object }
    : { namespace: object.slice(0, slash), name: object.slice(slash + 1) };
}
