import type { KubeconfigSnapshot } from '../../../shared/contract/cluster';

/** Shown when no kubeconfig gave a single context: where we looked, and how to add one. */
export function FirstRun({ snapshot }: { snapshot: KubeconfigSnapshot }) {
  const from = {
    KUBECONFIG: 'the files listed in the KUBECONFIG environment variable',
    '--kubeconfig': 'the file given with --kubeconfig',
    default: 'the default kubeconfig file',
  }[snapshot.searchedFrom];
  return (
    <main className="first-run" aria-labelledby="first-run-title">
      <h1 id="first-run-title">Welcome to Pilothouse</h1>
      <p>No Kubernetes contexts were found. Pilothouse looked in {from}:</p>
      <ul className="file-list">
        {snapshot.files.map((f) => (
          <li key={f.path}>
            <code>{f.path}</code> —{' '}
            {f.status === 'missing'
              ? 'does not exist'
              : f.status === 'error'
                ? `cannot be used: ${f.error}`
                : 'has no contexts'}
          </li>
        ))}
      </ul>
      <h2>Add a cluster</h2>
      <ul>
        <li>
          Most cloud CLIs write a context for you, for example{' '}
          <code>aws eks update-kubeconfig --name CLUSTER</code>,{' '}
          <code>gcloud container clusters get-credentials CLUSTER</code> or{' '}
          <code>az aks get-credentials</code>.
        </li>
        <li>
          Or put a kubeconfig file at <code>~/.kube/config</code>, or point <code>KUBECONFIG</code>{' '}
          at one or more files.
        </li>
        <li>
          No cluster at hand? In a checkout of Pilothouse, <code>npm run demo</code> starts a local
          one.
        </li>
      </ul>
      <p className="muted">This page updates by itself as soon as a context appears.</p>
    </main>
  );
}
