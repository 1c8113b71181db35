import { useMemo } from 'react';
import type { PilotApi } from '../../../../shared/contract/api';
import { eventCells } from '../../../../shared/resources/cluster';
import { useResourceFeed } from '../../data/resource-feed';
import { Age } from '../../ui/table/ResourceTable';
import { newestFirst } from '../../data/event-rows';
import type { SummarySectionProps } from '../../ui/detail/detail-sections';

/** The Events section of the summary: this object's events, by its uid. */
export function EventsSection({ api, target, object }: SummarySectionProps) {
  const uid = object.metadata?.uid;
  return (
    <section aria-label="Events">
      <h3>Events</h3>
      {uid && (
        <ObjectEvents api={api} context={target.context} namespace={target.namespace} uid={uid} />
      )}
    </section>
  );
}

/** This object's events, newest first, from the same shared events watch as the Events view. */
function ObjectEvents(props: {
  api: PilotApi;
  context: string;
  namespace: string | undefined;
  uid: string;
}) {
  const feed = useResourceFeed(
    props.api,
    props.context,
    'events',
    props.namespace ? { all: false, namespaces: [props.namespace] } : { all: true },
  );
  const events = useMemo(
    () => newestFirst(feed.rows.filter((r) => r.facts?.involved?.uid === props.uid)),
    [feed.rows, props.uid],
  );
  if (!feed.loaded) return <p className="muted">Loading events…</p>;
  if (events.length === 0) return <p className="muted">No events for this object.</p>;
  return (
    <ul className="event-list" aria-label="Events of this object">
      {events.map((row) => {
        const e = eventCells(row);
        return (
          <li key={row.uid} className={e.type === 'Warning' ? 'warning' : ''}>
            <span className="event-meta">
              {e.lastSeen ? <Age at={e.lastSeen} /> : null} · {e.type} · <strong>{e.reason}</strong>
              {e.count > 1 ? ` ×${e.count}` : ''}
            </span>
            <span className="event-message">{e.message}</span>
          </li>
        );
      })}
    </ul>
  );
}
