import { useState } from 'react';
import type { PilotApi } from '../../../../shared/contract/api';
import type { PilotErrorData } from '../../../../shared/contract/errors';
import {
  asArray,
  asRecord,
  asString,
  type ConditionLike,
  type ContainerStatusLike,
  type KubeObject,
} from '../../../../shared/kube/object-types';

/** Summary, containers, conditions, labels and annotations of any object. */
export function ObjectSummary(props: { api: PilotApi; context: string; object: KubeObject }) {
  const { object } = props;
  const meta = object.metadata ?? {};
  const spec = asRecord(object.spec);
  const status = asRecord(object.status);
  const conditions = asArray<ConditionLike>(status['conditions']);
  return (
    <div className="object-summary">
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{object.kind}</dd>
        {meta.namespace && (
          <>
            <dt>Namespace</dt>
            <dd>{meta.namespace}</dd>
          </>
        )}
        <dt>Created</dt>
        <dd>{meta.creationTimestamp ?? '—'}</dd>
        {typeof spec['nodeName'] === 'string' && (
          <>
            <dt>Node</dt>
            <dd>{spec['nodeName']}</dd>
          </>
        )}
        {typeof status['podIP'] === 'string' && (
          <>
            <dt>Pod IP</dt>
            <dd>{status['podIP']}</dd>
          </>
        )}
        {typeof spec['replicas'] === 'number' && (
          <>
            <dt>Replicas</dt>
            <dd>{spec['replicas']}</dd>
          </>
        )}
      </dl>
      {object.kind === 'Pod' && <Containers spec={spec} status={status} />}
      {object.kind === 'Secret' && meta.namespace && meta.name && (
        <SecretValues
          api={props.api}
          context={props.context}
          namespace={meta.namespace}
          name={meta.name}
          data={asRecord(object['data'])}
        />
      )}
      {conditions.length > 0 && (
        <section aria-label="Conditions">
          <h3>Conditions</h3>
          <table className="mini-table">
            <thead>
              <tr>
                <th>Type</th>
                <th>Status</th>
                <th>Reason</th>
                <th>Message</th>
              </tr>
            </thead>
            <tbody>
              {conditions.map((c) => (
                <tr key={c.type}>
                  <td>{c.type}</td>
                  <td>{c.status}</td>
                  <td>{c.reason ?? ''}</td>
                  <td className="wrap">{c.message ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <KeyValues title="Labels" values={meta.labels} />
      <KeyValues title="Annotations" values={meta.annotations} />
    </div>
  );
}

function KeyValues({
  title,
  values,
}: {
  title: string;
  values: Record<string, string> | undefined;
}) {
  const entries = Object.entries(values ?? {});
  if (entries.length === 0) return null;
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <ul className="chips">
        {entries.map(([k, v]) => (
          <li key={k} className="chip" title={`${k}=${v}`}>
            {k}={v.length > 120 ? `${v.slice(0, 120)}…` : v}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Containers({
  spec,
  status,
}: {
  spec: Record<string, unknown>;
  status: Record<string, unknown>;
}) {
  const statuses = new Map<string, ContainerStatusLike>();
  for (const s of [
    ...asArray<ContainerStatusLike>(status['initContainerStatuses']),
    ...asArray<ContainerStatusLike>(status['containerStatuses']),
  ]) {
    if (s.name) statuses.set(s.name, s);
  }
  const groups: [string, Record<string, unknown>[]][] = [
    ['Init containers', asArray(spec['initContainers'])],
    ['Containers', asArray(spec['containers'])],
  ];
  return (
    <>
      {groups
        .filter(([, list]) => list.length > 0)
        .map(([title, list]) => (
          <section aria-label={title} key={title}>
            <h3>{title}</h3>
            {list.map((c) => {
              const name = asString(c['name']) ?? '?';
              const s = statuses.get(name);
              const state = s?.state?.running
                ? 'running'
                : s?.state?.waiting
                  ? `waiting: ${s.state.waiting.reason ?? ''}`
                  : s?.state?.terminated
                    ? `terminated: ${s.state.terminated.reason ?? s.state.terminated.exitCode}`
                    : 'unknown';
              const resources = asRecord(c['resources']);
              const ports = asArray<Record<string, unknown>>(c['ports'])
                .map(
                  (p) =>
                    `${asString(p['name']) ? `${String(p['name'])}:` : ''}${String(p['containerPort'])}/${asString(p['protocol']) ?? 'TCP'}`,
                )
                .join(', ');
              return (
                <div className="container-card" key={name}>
                  <div className="container-head">
                    <strong>{name}</strong> <span className="muted">{state}</span>
                    {s?.restartCount ? (
                      <span className="muted"> · {s.restartCount} restarts</span>
                    ) : null}
                  </div>
                  <dl className="facts compact">
                    <dt>Image</dt>
                    <dd>{asString(c['image']) ?? '—'}</dd>
                    {ports && (
                      <>
                        <dt>Ports</dt>
                        <dd>{ports}</dd>
                      </>
                    )}
                    <dt>Requests</dt>
                    <dd>{quantities(resources['requests'])}</dd>
                    <dt>Limits</dt>
                    <dd>{quantities(resources['limits'])}</dd>
                  </dl>
                </div>
              );
            })}
          </section>
        ))}
    </>
  );
}

function quantities(value: unknown): string {
  const entries = Object.entries(asRecord(value));
  return entries.length === 0 ? '—' : entries.map(([k, v]) => `${k} ${String(v)}`).join(', ');
}

function SecretValues(props: {
  api: PilotApi;
  context: string;
  namespace: string;
  name: string;
  data: Record<string, unknown>;
}) {
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const keys = Object.keys(props.data);
  if (keys.length === 0) return null;
  const reveal = (key: string) =>
    props.api
      .request('secret.reveal', {
        context: props.context,
        namespace: props.namespace,
        name: props.name,
        key,
      })
      .then(
        (value) => setRevealed((r) => ({ ...r, [key]: value })),
        (e: PilotErrorData) => setError(e.message),
      );
  return (
    <section aria-label="Data">
      <h3>Data</h3>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <dl className="facts compact">
        {keys.map((key) => (
          <div key={key} className="secret-row">
            <dt>{key}</dt>
            <dd>
              {key in revealed ? (
                <>
                  <code className="secret-value">{revealed[key]}</code>{' '}
                  <button
                    type="button"
                    onClick={() => setRevealed(({ [key]: _, ...rest }) => rest)}
                  >
                    Hide
                  </button>
                </>
              ) : (
                <button type="button" aria-label={`Reveal ${key}`} onClick={() => void reveal(key)}>
                  Reveal
                </button>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
