import type { KubeconfigFileReport } from '../../../shared/contract/cluster';
import '../ui/banner.css';

/** Files that could not be used, said plainly; the other files keep working. */
export function KubeconfigProblems({ files }: { files: KubeconfigFileReport[] }) {
  const broken = files.filter((f) => f.status === 'error');
  if (broken.length === 0) return null;
  return (
    <div role="alert" className="banner banner-warning" aria-label="Kubeconfig problems">
      <strong>
        {broken.length === 1
          ? 'A kubeconfig file was skipped'
          : `${broken.length} kubeconfig files were skipped`}
      </strong>{' '}
      (contexts from the other files still work):
      <ul>
        {broken.map((f) => (
          <li key={f.path}>
            <code>{f.path}</code>: {f.error}
          </li>
        ))}
      </ul>
    </div>
  );
}
