import './common.css';
/** A section that later work fills; says so instead of showing an empty frame. */
export function PlaceholderPage({
  title,
  children,
}: {
  title: string;
  children?: React.ReactNode;
}) {
  return (
    <section aria-labelledby="placeholder-title" className="page">
      <h1 id="placeholder-title" className="page-title">
        {title}
      </h1>
      <div className="empty-state">
        {children ?? (
          <>
            <p>This view is not built yet in this version of Pilothouse.</p>
            <p className="muted">The context and namespace choice above already apply to it.</p>
          </>
        )}
      </div>
    </section>
  );
}
