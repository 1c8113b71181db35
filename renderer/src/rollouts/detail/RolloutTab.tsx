import { Fragment, useMemo } from 'react';
import type { PilotApi } from '../../../../shared/contract/api';
import type { RolloutKind } from '../../../../shared/contract/rollouts';
import { eventCells } from '../../../../shared/resources/cluster';
import { asArray, asRecord, type ConditionLike } from '../../../../shared/kube/object-types';
import { useResourceFeed } from '../../data/resource-feed';
import { newestFirst } from '../../data/event-rows';
import { Age } from '../../ui/table/ResourceTable';
import type { SummarySectionProps } from '../../ui/detail/detail-sections';
import { useRolloutHistory } from './use-rollout-history';
import { RolloutActions } from './RolloutActions';
import { rolloutStatusLine, replicaCounts, strategyFacts } from './rollout-summary';
import { rolloutKindOf } from './rollout-kind';
import './rollouts.css';

/**
 * The Rollout tab: the status line, the actions, the strategy, the replica counts and
 * conditions (the panel refetches the object when its row changes), the revisions that
 * hold pods with their counts (live, from `rollout.history`), and the events of the
 * workload and its ReplicaSets as a timeline.
 */
export function RolloutTab(props: SummarySectionProps) {
  const kind = rolloutKindOf(props.target.kind);
  const namespace = props.target.namespace;
  if (!kind || !namespace) return null;
  return <Rollout {...props} kind={kind} namespace={namespace} />;
}

function Rollout(props: SummarySectionProps & { kind: RolloutKind; namespace: string }) {
  const { api, target, object, kind, namespace } = props;
  const history = useRolloutHistory(api, {
    context: target.context,
    kind,
    namespace,
    name: target.name,
  });
  const conditions = asArray<ConditionLike>(asRecord(object.status)['conditions']);
  const revisions =
    history.status === 'ready'
      ? history.history.revisions.filter((r) => r.current || r.pods > 0).reverse()
      : [];
  return (
    <section aria-label="Rollout" className="rollout-tab">
      {/* kubectl's `rollout status` message, as the Rollouts table shows it. */}
      <p className="rollout-status" data-slot="rollout-status" aria-label="Rollout status">
        {rolloutStatusLine(kind, object)}
      </p>
      <RolloutActions {...props} />
      <h3>Strategy</h3>
      <dl className="facts">
        {strategyFacts(kind, object).map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
      <h3>Pods</h3>
      <dl className="facts" aria-label="Replica counts">
        {replicaCounts(kind, object).map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
      <h3>{kind === 'deployments' ? 'ReplicaSets' : 'Revisions'}</h3>
      {history.status === 'loading' && <p className="muted">Loading…</p>}
      {history.status !== 'loading' && history.status !== 'ready' && (
        <p className="banner banner-bad">{history.message}</p>
      )}
      {revisions.length > 0 && (
        <table className="mini-table" aria-label="Revisions with pods">
          <thead>
            <tr>
              <th />
              <th>Revision</th>
              <th>{kind === 'deployments' ? 'ReplicaSet' : 'ControllerRevision'}</th>
              <th>Pods</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr key={r.revision} aria-label={`Revision ${r.revision} pods`}>
                <td>{r.current ? 'new' : 'old'}</td>
                <td>{r.revision}</td>
                <td>{r.source}</td>
                <td>{r.pods}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {conditions.length > 0 && (
        <>
          <h3>Conditions</h3>
          <table className="mini-table" aria-label="Conditions">
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
                  <td>{c.reason}</td>
                  <td>{c.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>Events</h3>
      <RolloutEvents
        api={api}
        context={target.context}
        namespace={namespace}
        uid={object.metadata?.uid ?? ''}
        sources={history.status === 'ready' ? history.history.revisions.map((r) => r.source) : []}
      />
    </section>
  );
}

/** Events of the workload (by uid) and of its ReplicaSets (by name), newest first. */
function RolloutEvents(props: {
  api: PilotApi;
  context: string;
  namespace: string;
  uid: string;
  sources: string[];
}) {
  const feed = useResourceFeed(props.api, props.context, 'events', {
    all: false,
    namespaces: [props.namespace],
  });
  const key = props.sources.join('\n');
  const events = useMemo(() => {
    const names = new Set(key.split('\n'));
    return newestFirst(
      feed.rows.filter((r) => {
        const involved = r.facts?.involved;
        if (!involved) return false;
        return (
          (props.uid !== '' && involved.uid === props.uid) ||
          (involved.kind === 'ReplicaSet' && names.has(involved.name))
        );
      }),
    );
  }, [feed.rows, props.uid, key]);
  if (!feed.loaded) return <p className="muted">Loading events…</p>;
  if (events.length === 0) return <p className="muted">No events for this rollout.</p>;
  return (
    <ol className="rollout-timeline" aria-label="Rollout events">
      {events.map((row) => {
        const e = eventCells(row);
        return (
          <li key={row.uid} className={e.type === 'Warning' ? 'warning' : ''}>
            <span className="event-meta">
              {e.lastSeen ? <Age at={e.lastSeen} /> : null} · {row.facts?.involved?.kind}{' '}
              {row.facts?.involved?.name} · <strong>{e.reason}</strong>
              {e.count > 1 ? ` ×${e.count}` : ''}
            </span>
            <span className="event-message">{e.message}</span>
          </li>
        );
      })}
    </ol>
  );
}
