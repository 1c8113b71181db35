import { useCallback, useState } from 'react';
import type { NamespaceChoice } from '../../../shared/contract/cluster';
import type { Row } from '../../../shared/resources/rows';
import { eventCells } from '../../../shared/resources/cluster';
import { groupRepeats } from '../data/event-rows';
import type { Route } from '../data/route';
import { ResourceView } from './ResourceView';

/**
 * Events, newest first. Repeats of the same reason and message on the same object are
 * grouped into one row with their counts added; "Warnings only" hides Normal events.
 */
export function EventsView(props: { route: Route; context: string; namespaces: NamespaceChoice }) {
  const [warningsOnly, setWarningsOnly] = useState(false);
  const [grouped, setGrouped] = useState(true);
  const transform = useCallback(
    (rows: Row[]) => {
      const kept = warningsOnly ? rows.filter((r) => eventCells(r).type === 'Warning') : rows;
      return grouped ? groupRepeats(kept) : kept;
    },
    [warningsOnly, grouped],
  );
  return (
    <ResourceView
      route={props.route}
      context={props.context}
      kind="events"
      namespaces={props.namespaces}
      transform={transform}
      initialSort={{ column: 'lastSeen', direction: 'asc' }}
      toolbar={
        <>
          <label className="toggle">
            <input
              type="checkbox"
              checked={warningsOnly}
              onChange={(e) => setWarningsOnly(e.target.checked)}
            />{' '}
            Warnings only
          </label>
          <label className="toggle">
            <input
              type="checkbox"
              checked={grouped}
              onChange={(e) => setGrouped(e.target.checked)}
            />{' '}
            Group repeats
          </label>
        </>
      }
    />
  );
}
