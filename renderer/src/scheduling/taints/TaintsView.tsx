import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PilotErrorData } from '../../../../shared/contract/errors';
import type { TaintedNode, TaintsView as TaintsData } from '../../../../shared/contract/scheduling';
import type { Route } from '../../data/route';
import { navigate } from '../../data/use-route';
import { useWorkspace } from '../../data/workspace-context';
import { NodeOperations } from '../nodes/NodeOperations';
import { taintText } from '../nodes/node-dialogs';
import { filterNodes, taintCell, taintsOfKey, toggleKey } from './taint-table';
import { Tolerators } from './Tolerators';
import '../../ui/common.css';
import '../../ui/banner.css';
import '../scheduling.css';

const ROW_HEIGHT = 30;

type Loaded =
  | { status: 'loading' }
  | { status: 'ready'; view: TaintsData }
  | { status: 'error'; message: string };

/**
 * "Taints & labels": every node as a row, every taint key in use as a column (the node's
 * values and effects), then the chosen label keys (zone, region, instance type by default,
 * any other the nodes carry). A taint column's header shows which workloads tolerate it;
 * a row opens the node's operations (cordon, drain, taints) beside the table.
 */
export function TaintsView(props: { route: Route; context: string }) {
  const { api } = useWorkspace();
  const [labelKeys, setLabelKeys] = useState<string[]>();
  const [refreshes, setRefreshes] = useState(0);
  const [state, setState] = useState<{ key: string; loaded: Loaded }>();
  const [filter, setFilter] = useState('');
  const [taintKey, setTaintKey] = useState<string>();
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const key = JSON.stringify([props.context, labelKeys, refreshes]);

  useEffect(() => {
    const controller = new AbortController();
    api
      .request(
        'scheduling.taints',
        { context: props.context, ...(labelKeys ? { labelKeys } : {}) },
        controller.signal,
      )
      .then(
        (view) => setState({ key, loaded: { status: 'ready', view } }),
        (error: PilotErrorData) => {
          if (!controller.signal.aborted)
            setState({ key, loaded: { status: 'error', message: error.message } });
        },
      );
    return () => controller.abort();
  }, [api, props.context, labelKeys, key]);

  // The last answer stays shown while a newer one (other columns, a refresh) is asked.
  const [shown, setShown] = useState<TaintsData>();
  const loaded: Loaded = state?.key === key ? state.loaded : { status: 'loading' };
  if (loaded.status === 'ready' && loaded.view !== shown) setShown(loaded.view);
  const selected = props.route.object;
  const selectedNode = shown?.nodes.find((n) => n.name === selected);

  const select = (name: string | undefined) => {
    const { object: _o, ...rest } = props.route;
    navigate(name ? { ...rest, object: name } : rest);
  };

  return (
    <section
      className={`page taints-page${selectedNode ? ' with-detail' : ''}`}
      aria-labelledby="view-title"
    >
      <div className="taints-main">
        <h1 id="view-title" className="page-title">
          Taints &amp; labels
        </h1>
        <div className="taints-toolbar">
          <input
            type="search"
            aria-label="Filter nodes"
            placeholder="Filter by node, taint or label"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <button type="button" onClick={() => setRefreshes((n) => n + 1)}>
            Refresh
          </button>
          {shown && (
            <LabelChooser
              chosen={shown.labelKeys}
              available={shown.availableLabelKeys}
              onChange={setLabelKeys}
            />
          )}
        </div>
        {loaded.status === 'error' && (
          <p role="alert" className="banner banner-bad">
            {loaded.message}
          </p>
        )}
        {shown?.warnings.map((w) => (
          <p key={w} className="banner banner-warning">
            {w}
          </p>
        ))}
        {!shown && loaded.status === 'loading' && (
          <p className="muted" aria-busy="true">
            Loading nodes…
          </p>
        )}
        {shown && shown.nodes.length === 0 && (
          <p className="empty-state">This cluster has no nodes.</p>
        )}
        {shown && shown.nodes.length > 0 && (
          <NodeGrid
            view={shown}
            nodes={filterNodes(shown, filter)}
            selected={selected}
            onSelect={(name) => select(name === selected ? undefined : name)}
            onTaintKey={(k) => setTaintKey(k === taintKey ? undefined : k)}
          />
        )}
        {shown && taintKey && (
          <Tolerators view={shown} taintKey={taintKey} onClose={() => setTaintKey(undefined)} />
        )}
      </div>
      {selectedNode && (
        <aside className="taints-detail" aria-label={`Node ${selectedNode.name}`}>
          <header className="detail-head">
            <h2 className="detail-title">{selectedNode.name}</h2>
            <button type="button" aria-label="Close node" onClick={() => select(undefined)}>
              ✕
            </button>
          </header>
          {notice && (
            <p
              role={notice.ok ? 'status' : 'alert'}
              className={`banner ${notice.ok ? 'banner-ok' : 'banner-bad'}`}
            >
              {notice.text}
            </p>
          )}
          <NodeOperations
            key={selectedNode.name}
            api={api}
            node={{
              context: props.context,
              name: selectedNode.name,
              uid: selectedNode.uid,
              unschedulable: selectedNode.unschedulable,
              taints: selectedNode.taints,
            }}
            report={{
              done: (text) => {
                setNotice({ ok: true, text });
                setRefreshes((n) => n + 1);
              },
              failed: (text) => setNotice({ ok: false, text }),
            }}
          />
        </aside>
      )}
    </section>
  );
}

/** The label columns: the chosen keys as checkboxes among every key the nodes carry. */
function LabelChooser(props: {
  chosen: string[];
  available: string[];
  onChange(keys: string[]): void;
}) {
  const keys = [...new Set([...props.chosen, ...props.available])];
  return (
    <details className="label-chooser">
      <summary>Label columns ({props.chosen.length})</summary>
      <fieldset aria-label="Label columns">
        {keys.map((k) => (
          <label key={k} className="toggle">
            <input
              type="checkbox"
              checked={props.chosen.includes(k)}
              disabled={!props.chosen.includes(k) && props.chosen.length >= 32}
              onChange={() => props.onChange(toggleKey(props.chosen, k))}
            />
            {k}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

function NodeGrid(props: {
  view: TaintsData;
  nodes: TaintedNode[];
  selected: string | undefined;
  onSelect(name: string): void;
  onTaintKey(key: string): void;
}) {
  const { view, nodes } = props;
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns fresh functions each render (see ResourceTable): opted out knowingly.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: nodes.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const taintColumns = `repeat(${view.taintKeys.length}, minmax(10em, 1.2fr))`;
  const labelColumns = `repeat(${view.labelKeys.length}, minmax(8em, 1fr))`;
  const template = `minmax(10em, 1.4fr) 7.5em ${view.taintKeys.length ? taintColumns : ''} ${view.labelKeys.length ? labelColumns : ''}`;
  const minWidth = `${10 + 7.5 + view.taintKeys.length * 10 + view.labelKeys.length * 8 + 2}em`;
  const count = useMemo(
    () =>
      nodes.length === view.nodes.length
        ? `${nodes.length} nodes`
        : `${nodes.length} of ${view.nodes.length} nodes`,
    [nodes.length, view.nodes.length],
  );
  return (
    <div className="taints-grid-wrap">
      <p className="row-count">{count}</p>
      <div
        role="table"
        aria-label="Taints and labels"
        aria-rowcount={nodes.length + 1}
        className="taints-grid"
        style={{ minWidth }}
      >
        <div role="rowgroup">
          <div
            role="row"
            className="taints-row taints-head"
            style={{ gridTemplateColumns: template }}
          >
            <span role="columnheader">Node</span>
            <span role="columnheader">Schedulable</span>
            {view.taintKeys.map((t) => (
              <span role="columnheader" key={`taint:${t.key}`} className="taint-col">
                <button
                  type="button"
                  className="link-button cut"
                  title={`Taint ${t.key} (${t.effects.join(', ')}): who tolerates it`}
                  aria-label={`Taint ${t.key}: who tolerates it`}
                  onClick={() => props.onTaintKey(t.key)}
                >
                  <span aria-hidden="true">⚑ </span>
                  {t.key}
                </button>
              </span>
            ))}
            {view.labelKeys.map((k) => (
              <span role="columnheader" key={`label:${k}`} className="cut" title={`Label ${k}`}>
                {k}
              </span>
            ))}
          </div>
        </div>
        <div role="rowgroup" ref={scroller} className="taints-body">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const node = nodes[item.index]!;
              return (
                <div
                  key={node.name}
                  role="row"
                  aria-label={`Node ${node.name}`}
                  aria-selected={props.selected === node.name}
                  tabIndex={0}
                  className="taints-row"
                  style={{
                    gridTemplateColumns: template,
                    transform: `translateY(${item.start}px)`,
                    height: ROW_HEIGHT,
                  }}
                  onClick={() => props.onSelect(node.name)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') props.onSelect(node.name);
                  }}
                >
                  <span role="cell" className="cut" title={node.name}>
                    {node.name}
                  </span>
                  <span role="cell">{node.unschedulable ? '⊘ cordoned' : '✓ yes'}</span>
                  {view.taintKeys.map((t) => {
                    const taints = taintsOfKey(node, t.key);
                    const text = taintCell(taints);
                    return (
                      <span
                        role="cell"
                        key={`taint:${t.key}`}
                        className={`cut taint-cell${taints.length ? ` effect-${taints[0]!.effect}` : ''}`}
                        title={taints.map(taintText).join(', ')}
                        aria-label={taints.length ? `${t.key} ${text}` : `${t.key} none`}
                      >
                        {text || '–'}
                      </span>
                    );
                  })}
                  {view.labelKeys.map((k) => (
                    <span
                      role="cell"
                      key={`label:${k}`}
                      className="cut"
                      title={node.labels[k] ?? ''}
                    >
                      {node.labels[k] ?? '–'}
                    </span>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
