import { formatRoute, objectParam, viewOfKind } from '../../data/route';
import type { DetailSectionProps } from '../../ui/detail/detail-sections';

/** An event's object, linked to its view when Pilothouse has one for its kind. */
export function InvolvedObject({ route, row }: DetailSectionProps) {
  const involved = row?.facts?.involved;
  if (!involved) return null;
  const view = viewOfKind(involved.kind);
  const label = `${involved.kind} ${involved.name}`;
  return (
    <p>
      Involved object:{' '}
      {view ? (
        <a
          href={formatRoute({
            ...route,
            view,
            object: objectParam(involved.namespace, involved.name),
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
