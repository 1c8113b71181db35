import type { CustomKindRef } from '../../../shared/contract/resources';
import { customKindId } from '../../../shared/kube/kinds';
import { formatRoute, sidebarSections, views, type Route } from '../data/route';
import './sidebar.css';

/** Sections of the app; each link keeps the context and namespaces of the current route. */
export function Sidebar({ route, customKinds }: { route: Route; customKinds: CustomKindRef[] }) {
  const { object: _object, crd: _crd, query: _query, ...keep } = route;
  return (
    <nav aria-label="Sections" className="sidebar">
      {sidebarSections.map((section) => (
        <div key={section} className="sidebar-section">
          <h2 className="sidebar-heading">{section}</h2>
          <ul>
            {views
              .filter((v) => v.section === section)
              .map((v) => {
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
      {customKinds.length > 0 && (
        <div className="sidebar-section">
          <h2 className="sidebar-heading">Custom resources</h2>
          <ul>
            {customKinds.map((k) => {
              const crd = customKindId(k);
              return (
                <li key={crd}>
                  <a
                    href={formatRoute({ ...keep, view: 'custom', crd })}
                    aria-current={route.view === 'custom' && route.crd === crd ? 'page' : undefined}
                    title={`${k.kind} (${crd})`}
                  >
                    {k.kind}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </nav>
  );
}
