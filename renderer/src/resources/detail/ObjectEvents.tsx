import { useMemo } from 'react';
import type { PilotApi } from '../../../../shared/contract/api';
import { useResourceFeed } from '../../data/resource-feed';
import { Age } from '../../ui/table/ResourceTable';
import { newestFirst } from '../../data/event-rows';

/** This object's events, newest first, from the same shared events watch as the Events view. */
export function ObjectEvents(props: {
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
    () => newestFirst(feed.rows.filter((r) => r.cells['involvedUid'] === props.uid)),
    [feed.rows, props.uid],
  );
  if (!feed.loaded) return <p className="muted">Loading events…</p>;
  if (events.length === 0) return <p className="muted">No events for this object.</p>;
  return (
    <ul className="event-list" aria-label="Events of this object">
      {events.map((e) => (
        <li key={e.uid} className={e.cells['type'] === 'Warning' ? 'warning' : ''}>
          <span className="event-meta">
            {typeof e.cells['lastSeen'] === 'string' ? <Age at={e.cells['lastSeen']} /> : null} ·{' '}
            {String(e.cells['type'])} · <strong>{String(e.cells['reason'])}</strong>
            {Number(e.cells['count']) > 1 ? ` ×${String(e.cells['count'])}` : ''}
          </span>
          <span className="event-message">{String(e.cells['message'])}</span>
        </li>
      ))}
    </ul>
  );
}
