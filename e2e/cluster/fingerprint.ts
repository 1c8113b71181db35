// What a cluster holds, as sorted lines that can be compared with diff: e2e/test-all.sh takes
// this of every other running cluster (the demo cluster) before and after the tests, to
// prove that the tests did not touch it. Reads `kubectl get <kinds> -A -o json` on stdin:
//   kubectl get $(node --import tsx e2e/cluster/fingerprint.ts --kinds) -A -o json |
//     node --import tsx e2e/cluster/fingerprint.ts
// One line per object: `Kind namespace/name uid hash`, the hash over everything but
// `status` and bookkeeping (resourceVersion, managedFields), so a scale, rollout, label,
// cordon, delete-and-recreate or new object shows, while heartbeats and status updates do
// not. Left out because they change by themselves on a healthy cluster: Events, Leases,
// Endpoints/EndpointSlices (follow pod status), kwok's Logs/PortForward objects (follow
// pods), and the Jobs and Pods a CronJob starts (`<cronjob>-<minutes>`, `...-<suffix>`).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** What the tests could change: workloads, their config, placement, access. */
const KINDS = [
  'namespaces',
  'nodes',
  'pods',
  'deployments.apps',
  'replicasets.apps',
  'statefulsets.apps',
  'daemonsets.apps',
  'jobs.batch',
  'cronjobs.batch',
  'services',
  'configmaps',
  'secrets',
  'serviceaccounts',
  'ingresses.networking.k8s.io',
  'networkpolicies.networking.k8s.io',
  'poddisruptionbudgets.policy',
  'resourcequotas',
  'roles.rbac.authorization.k8s.io',
  'rolebindings.rbac.authorization.k8s.io',
];

interface Obj {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid: string;
    labels?: Record<string, string>;
    resourceVersion?: string;
    managedFields?: unknown;
  };
  status?: unknown;
  [field: string]: unknown;
}

if (process.argv.includes('--kinds')) {
  console.log(KINDS.join(','));
  process.exit(0);
}

const items = (JSON.parse(readFileSync(0, 'utf8')) as { items: Obj[] }).items;
const cronJobs = items.filter((o) => o.kind === 'CronJob');
/** A Job a CronJob started, or a Pod of one: `<cronjob>-<scheduled minutes>[-<suffix>]`. */
const fromCronJob = (o: Obj): boolean => {
  const job = o.kind === 'Job' ? o.metadata.name : o.metadata.labels?.['job-name'];
  return (
    (o.kind === 'Job' || o.kind === 'Pod') &&
    job !== undefined &&
    cronJobs.some(
      (c) =>
        c.metadata.namespace === o.metadata.namespace &&
        new RegExp(`^${c.metadata.name}-\\d+$`).test(job),
    )
  );
};

const lines = items
  .filter((o) => !fromCronJob(o))
  .map((o) => {
    const { status: _status, ...rest } = o;
    const { resourceVersion: _rv, managedFields: _mf, ...metadata } = o.metadata;
    const hash = createHash('sha256')
      .update(JSON.stringify({ ...rest, metadata }))
      .digest('hex')
      .slice(0, 12);
    const where = o.metadata.namespace ? `${o.metadata.namespace}/` : '';
    return `${o.kind} ${where}${o.metadata.name} ${o.metadata.uid} ${hash}`;
  })
  .sort();
console.log(lines.join('\n'));
