import { formatRoute, views, type Route } from '../routing/route';

const sections = ['Cluster', 'Workloads', 'Network', 'Config', 'Tools'] as const;

/** Sections of the app; each link keeps the context and namespaces of the current route. */
export function Sidebar({ route }: { route: Route }) {
  return (
    <nav aria-label="Sections" className="sidebar">
      {sections.map((section) => (
        <div key={section} className="sidebar-section">
          <h2 className="sidebar-heading">{section}</h2>
          <ul>
            {views
              .filter((v) => v.section === section)
              .map((v) => {
                const { object: _object, ...keep } = route;
                return (
                  <li key={v.id}>
                    <a
                      href={formatRoute({ ...keep, view: v.id })}
                      aria-current={route.view === v.id ? 'page' : undefined}
                    >
                      {v.label}
                    </a>
                  </li>
                );
              })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
