import { formatRoute, views, type Route } from '../routing/route';

/** Sections of the app; each link keeps the context and namespaces of the current route. */
export function Sidebar({ route }: { route: Route }) {
  return (
    <nav aria-label="Sections" className="sidebar">
      <ul>
        {views.map((v) => (
          <li key={v.id}>
            <a
              href={formatRoute({ ...route, view: v.id })}
              aria-current={route.view === v.id ? 'page' : undefined}
            >
              {v.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
