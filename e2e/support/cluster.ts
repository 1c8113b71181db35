/** The local test cluster, as `npm run cluster:up` leaves it. Tests that need it fail clearly without it. */
import { existsSync, readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { clusterKubeconfig } from './web-app';

export function requireClusterKubeconfig(): string {
  const file = process.env['PILOTHOUSE_CLUSTER_KUBECONFIG'] ?? clusterKubeconfig;
  if (!existsSync(file)) {
    throw new Error(
      `${file} does not exist: start the local test cluster with "npm run cluster:up"`,
    );
  }
  return file;
}

interface KubeconfigDoc {
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
}

/** A copy of the cluster's kubeconfig with one more context whose token the server rejects. */
export function withBadTokenContext(file: string, name: string): string {
  const doc = parse(readFileSync(file, 'utf8')) as KubeconfigDoc;
  const admin = doc.contexts.find((c) => c.name === 'pilothouse-admin');
  if (!admin) throw new Error('pilothouse-admin context missing');
  doc.users.push({ name: `${name}-user`, user: { token: 'not-a-valid-token' } });
  doc.contexts.push({ name, context: { cluster: admin.context.cluster, user: `${name}-user` } });
  return stringify(doc);
}
