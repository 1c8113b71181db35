import { logQueryFor } from '../../../../shared/logs/object-query';
import { formatRoute } from '../../data/route';
import type { DetailSectionProps } from '../../ui/detail/detail-sections';
import '../../ui/buttons.css';

/**
 * Opens the Logs view on this object's pods, with its selector filled in: a route to the
 * 'logs' view built from the registry's log selector, not an import of the logs feature.
 */
export function LogsLink({ route, target }: DetailSectionProps) {
  const query = logQueryFor(target.kind, target.namespace, target.name);
  if (!query) return null;
  const { object: _object, crd: _crd, ...keep } = route;
  return (
    <a
      className="button-link"
      href={formatRoute({ ...keep, view: 'logs', context: target.context, query })}
      title={`Follow logs: ${query}`}
    >
      Logs
    </a>
  );
}
