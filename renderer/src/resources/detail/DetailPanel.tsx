import { useState } from 'react';
import { stringify } from 'yaml';
import type { PilotApi } from '../../../../shared/contract/api';
import type { AnyKind, KindId } from '../../../../shared/contract/resources';
import type { PilotErrorData } from '../../../../shared/contract/errors';
import type { Row } from '../../../../shared/resources/rows';
import { formatRoute, objectParam, viewOfKind, type Route } from '../../data/route';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ObjectEvents } from './ObjectEvents';
import { ObjectSummary } from './ObjectSummary';
import { OwnerChain } from './OwnerChain';
import { useObject } from './use-object';
import { logQueryFor } from '../../../../shared/logs/object-query';

const scalable = new Set<KindId>(['deployments', 'statefulsets', 'replicasets']);

/** The side panel for one object: summary, owners, events, YAML, and its actions. */
export function DetailPanel(props: {
  api: PilotApi;
  route: Route;
  context: string;
  kind: AnyKind;
  kindLabel: string;
  namespace: string | undefined;
  name: string;
  /** The live row, when the object is in the table; its identity changes on every update. */
  row: Row | undefined;
  onClose(): void;
}) {
  const [tab, setTab] = useState<'summary' | 'yaml'>('summary');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const ref = {
    context: props.context,
    kind: props.kind,
    namespace: props.namespace,
    name: props.name,
  };
  const state = useObject(props.api, ref, props.row);
  const logQuery = logQueryFor(props.kind, props.namespace, props.name);
  const target = {
    context: props.context,
    kind: props.kind,
    name: props.name,
    ...(props.namespace ? { namespace: props.namespace } : {}),
  };

  const remove = async () => {
    setConfirmDelete(false);
    try {
      await props.api.request('resource.delete', target);
      setNotice(`Deleted ${props.name}.`);
      setActionError(undefined);
    } catch (error) {
      setActionError((error as PilotErrorData).message);
    }
  };

  return (
    <aside className="detail-panel" aria-label={`${props.kindLabel} ${props.name}`}>
      <header className="detail-head">
        <div>
          <div className="muted">{props.kindLabel}</div>
          <h2 className="detail-title">{props.name}</h2>
        </div>
        <button type="button" aria-label="Close details" onClick={props.onClose}>
          ✕
        </button>
      </header>
      <div className="detail-actions">
        <div role="tablist" aria-label="Detail views">
          {(['summary', 'yaml'] as const).map((t) => (
            <button
              key={t}
              role="tab"
              type="button"
              aria-selected={tab === t}
              onClick={() => setTab(t)}
            >
              {t === 'summary' ? 'Summary' : 'YAML'}
            </button>
          ))}
        </div>
        {typeof props.kind === 'string' && scalable.has(props.kind) && props.namespace && (
          <ScaleControl
            current={
              typeof props.row?.cells['desired'] === 'number'
                ? props.row.cells['desired']
                : undefined
            }
            onScale={async (replicas) => {
              try {
                await props.api.request('resource.scale', {
                  ...target,
                  kind: props.kind as 'deployments',
                  namespace: props.namespace!,
                  replicas,
                });
                setActionError(undefined);
                setNotice(`Scaled to ${replicas}.`);
              } catch (error) {
                setActionError((error as PilotErrorData).message);
              }
            }}
          />
        )}
        <LogsLink route={props.route} context={props.context} query={logQuery} />
        {props.kind === 'pods' && (
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        )}
      </div>
      {actionError && (
        <p role="alert" className="banner banner-bad">
          {actionError}
        </p>
      )}
      {notice && !actionError && (
        <p role="status" className="banner banner-ok">
          {notice}
        </p>
      )}
      {props.kind === 'events' && props.row?.cells['involvedKind'] && (
        <InvolvedObject route={props.route} row={props.row} />
      )}
      {state.status === 'ready' && state.gone && (
        <p className="banner banner-warning">
          This object no longer exists; showing its last known state.
        </p>
      )}
      {!props.row && state.status === 'ready' && !state.gone && (
        <p className="muted">
          This object is not in the current table (deleted, or outside the filter).
        </p>
      )}
      <div className="detail-body">
        {state.status === 'loading' && <p className="muted">Loading…</p>}
        {state.status === 'error' && (
          <p role="alert" className="banner banner-bad">
            {state.error.message}
          </p>
        )}
        {state.status === 'ready' &&
          (tab === 'summary' ? (
            <>
              <OwnerChain
                api={props.api}
                route={props.route}
                context={props.context}
                object={state.object}
              />
              <ObjectSummary api={props.api} context={props.context} object={state.object} />
              <section aria-label="Events">
                <h3>Events</h3>
                {state.object.metadata?.uid && (
                  <ObjectEvents
                    api={props.api}
                    context={props.context}
                    namespace={props.namespace}
                    uid={state.object.metadata.uid}
                  />
                )}
              </section>
            </>
          ) : (
            <pre className="yaml" aria-label="YAML">
              {stringify(state.object, { lineWidth: 0 })}
            </pre>
          ))}
      </div>
      {confirmDelete && (
        <ConfirmDialog
          title={`Delete pod ${props.name}?`}
          confirmLabel="Delete"
          danger
          onConfirm={() => void remove()}
          onCancel={() => setConfirmDelete(false)}
        >
          <p>
            The pod <strong>{props.name}</strong> in <strong>{props.namespace}</strong> will be
            deleted. If a controller owns it, a replacement will be created.
          </p>
        </ConfirmDialog>
      )}
    </aside>
  );
}

function ScaleControl({
  current,
  onScale,
}: {
  current: number | undefined;
  onScale(replicas: number): Promise<void>;
}) {
  const [value, setValue] = useState<string>(current === undefined ? '' : String(current));
  const n = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 100000;
  return (
    <form
      className="scale-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void onScale(n);
      }}
    >
      <label>
        Replicas{' '}
        <input
          type="number"
          min={0}
          max={100000}
          aria-label="Replicas"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <button type="submit" disabled={!valid}>
        Scale
      </button>
    </form>
  );
}

function InvolvedObject({ route, row }: { route: Route; row: Row }) {
  const kind = String(row.cells['involvedKind']);
  const name = String(row.cells['involvedName'] ?? '');
  const namespace = row.cells['involvedNamespace'];
  const view = viewOfKind(kind);
  const label = `${kind} ${name}`;
  return (
    <p>
      Involved object:{' '}
      {view ? (
        <a
          href={formatRoute({
            ...route,
            view,
            object: objectParam(typeof namespace === 'string' ? namespace : undefined, name),
          })}
        >
          {label}
        </a>
      ) : (
        label
      )}
    </p>
  );
}

/** Opens the Logs view on this object's pods, with its selector filled in. */
function LogsLink(props: { route: Route; context: string; query: string | undefined }) {
  if (!props.query) return null;
  const { object: _object, crd: _crd, ...keep } = props.route;
  return (
    <a
      className="button-link"
      href={formatRoute({ ...keep, view: 'logs', context: props.context, query: props.query })}
      title={`Follow logs: ${props.query}`}
    >
      Logs
    </a>
  );
}
