/** Table rows for the ordering tests (row-order, kept-order). */
import type { Row } from '../../../../shared/resources/rows';

export const row = (
  name: string,
  namespace: string,
  status: string,
  restarts: number,
  created: string,
  labels?: Record<string, string>,
): Row => ({
  uid: `${namespace}/${name}`,
  name,
  namespace,
  status,
  created,
  cells: { status, restarts },
  ...(labels ? { labels } : {}),
});

/** Three pods whose natural order (web-9 before web-10) differs from a plain one. */
export const rows = [
  row('web-10', 'team-a', 'Running', 0, '2026-01-01T00:00:00Z', { app: 'web' }),
  row('web-9', 'team-a', 'Pending', 3, '2026-01-03T00:00:00Z', { app: 'web' }),
  row('db-0', 'team-b', 'Running', 1, '2026-01-02T00:00:00Z'),
];
