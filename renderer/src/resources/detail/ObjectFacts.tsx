import { asArray, asRecord, type ConditionLike } from '../../../../shared/kube/object-types';
import type { SummarySectionProps } from '../../ui/detail/detail-sections';

/** What any object says about itself: kind, namespace, creation, node, IP, replicas. */
export function ObjectFacts({ object }: SummarySectionProps) {
  const meta = object.metadata ?? {};
  const spec = asRecord(object.spec);
  const status = asRecord(object.status);
  return (
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
  );
}

/** The status conditions of any object that has them. */
export function Conditions({ object }: SummarySectionProps) {
  const conditions = asArray<ConditionLike>(asRecord(object.status)['conditions']);
  if (conditions.length === 0) return null;
  return (
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
  );
}

export const Labels = ({ object }: SummarySectionProps) => (
  <KeyValues title="Labels" values={object.metadata?.labels} />
);

export const Annotations = ({ object }: SummarySectionProps) => (
  <KeyValues title="Annotations" values={object.metadata?.annotations} />
);

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
