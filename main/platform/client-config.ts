/**
 * Builds a client-node KubeConfig for one context out of the kubectl-style merge, with
 * relative file references resolved against the file that defined them (kubectl's rule;
 * client-node would resolve them against the process's working directory). The config
 * shares one connection pool between its requests (SharedAgentKubeConfig): its owner
 * disposes of it when the context goes away.
 *
 * client-node never runs a command for us: a user's `exec` stanza is taken out of what it
 * sees and served by ExecCredentials (one bounded plugin run per context and user, see
 * exec-credentials.ts), and the legacy `gcp` / `azure` auth-providers, which client-node
 * runs with execSync (a shell, no timeout, main's thread blocked), are refused with
 * kubectl's own advice (kubectl removed them in 1.26).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { KubeEntry, MergedKubeconfig } from '../../shared/kube/kubeconfig-merge';
import { PilotError } from '../../shared/contract/errors';
import { splitServerCredentials } from '../../shared/kube/server-url';
import { SharedAgentKubeConfig } from './shared-agent';
import { parseExecConfig, type ExecClusterInfo } from './exec-credential-format';
import { ExecCredentials } from './exec-credentials';

const clusterPathFields = ['certificate-authority'];
const userPathFields = ['client-certificate', 'client-key', 'tokenFile', 'token-file'];

/** kubectl 1.26+'s words for the auth-providers it removed. */
const removedAuthProviders: Record<string, string> = {
  gcp: 'the gcp auth-provider was removed from kubectl 1.26: use the gke-gcloud-auth-plugin exec plugin instead',
  azure:
    'the azure auth-provider was removed from kubectl 1.26: use kubelogin (azure/kubelogin) as an exec plugin instead',
};

/**
 * `execCredentials`: the app's one cache of exec plugin runs (ConnectionService's); a
 * config built without one gets a cache of its own.
 */
export function kubeConfigFor(
  merged: MergedKubeconfig,
  contextName: string,
  execCredentials?: ExecCredentials,
): SharedAgentKubeConfig {
  const context = merged.contexts.get(contextName);
  if (!context)
    throw new PilotError('NotFound', `context "${contextName}" is not in the kubeconfig`);
  const cluster = merged.clusters.get(context.value.cluster);
  if (!cluster) {
    throw new PilotError(
      'BadKubeconfig',
      `context "${contextName}" uses cluster "${context.value.cluster}", which no kubeconfig file defines`,
    );
  }
  const user = merged.users.get(context.value.user);
  const userValue = user ? resolveUser(user.value, user.source) : {};
  const { exec, 'auth-provider': authProvider, ...forClientNode } = userValue;
  const provider = authProvider as { name?: unknown } | undefined;
  const providerName = String(provider?.name ?? '');
  const runsCommand =
    providerName === 'exec' ||
    !!(authProvider as { config?: { exec?: unknown } } | undefined)?.config?.exec;
  const removed = runsCommand
    ? "an auth-provider that runs a command is not supported: use the user's exec stanza (client.authentication.k8s.io) instead"
    : Object.hasOwn(removedAuthProviders, providerName)
      ? removedAuthProviders[providerName]
      : undefined;
  const { server, userInfo } = serverWithoutUserInfo(cluster.value);
  const resolvedCluster = resolvePaths(server, cluster.source, clusterPathFields);
  const raw = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: cluster.name,
        cluster: resolvedCluster,
      },
    ],
    users: [
      {
        name: user?.name ?? (context.value.user || 'anonymous'),
        user:
          removed || !authProvider
            ? withUserInfo(forClientNode, userInfo)
            : { ...withUserInfo(forClientNode, userInfo), 'auth-provider': authProvider },
      },
    ],
    contexts: [
      {
        name: contextName,
        context: { ...context.value, user: context.value.user || 'anonymous' },
      },
    ],
    'current-context': contextName,
  };
  const kc = new SharedAgentKubeConfig();
  kc.loadFromString(JSON.stringify(raw));
  if (removed) {
    const refusal = new PilotError('BadKubeconfig', removed);
    kc.credentialSource = () => Promise.reject(refusal);
  } else if (exec !== undefined && user) {
    const cache = execCredentials ?? new ExecCredentials();
    const source = user.source;
    const userName = user.name;
    kc.credentialSource = async () =>
      cache.get({
        context: contextName,
        user: userName,
        // A malformed stanza is refused when a credential is needed, with its reason.
        config: parseExecConfig(exec),
        kubeconfigFile: source,
        cluster: execClusterInfo(resolvedCluster),
      });
  }
  return kc;
}

/** What a plugin with provideClusterInfo gets in KUBERNETES_EXEC_INFO (client-go's fields). */
function execClusterInfo(cluster: KubeEntry): ExecClusterInfo {
  const info: ExecClusterInfo = { server: String(cluster['server'] ?? '') };
  const text = (name: string) =>
    typeof cluster[name] === 'string' ? (cluster[name] as string) : '';
  if (text('tls-server-name')) info['tls-server-name'] = text('tls-server-name');
  if (cluster['insecure-skip-tls-verify'] === true) info['insecure-skip-tls-verify'] = true;
  if (text('proxy-url')) info['proxy-url'] = text('proxy-url');
  if (text('certificate-authority-data'))
    info['certificate-authority-data'] = text('certificate-authority-data');
  else if (text('certificate-authority')) {
    try {
      const ca = fs.readFileSync(text('certificate-authority'));
      info['certificate-authority-data'] = ca.toString('base64');
    } catch {
      // The request itself will say the CA file cannot be read.
    }
  }
  const extensions = cluster['extensions'];
  if (Array.isArray(extensions)) {
    const ext = extensions.find(
      (e: unknown) =>
        !!e && (e as Record<string, unknown>)['name'] === 'client.authentication.k8s.io/exec',
    ) as Record<string, unknown> | undefined;
    if (ext && ext['extension'] !== undefined) info.config = ext['extension'];
  }
  return info;
}

/**
 * `https://user:password@host` in a cluster's server: the URL client-node and every error
 * message see is the one without them (shared/kube/server-url.ts), and the pair becomes
 * the user's basic-auth username/password unless the user entry sets its own (a token
 * still takes precedence: client-node sets its Bearer header after the Basic one).
 */
function serverWithoutUserInfo(entry: KubeEntry): { server: KubeEntry; userInfo: KubeEntry } {
  const value = entry['server'];
  if (typeof value !== 'string') return { server: entry, userInfo: {} };
  const split = splitServerCredentials(value);
  const userInfo: KubeEntry = {};
  if (split.username !== undefined) userInfo['username'] = split.username;
  if (split.password !== undefined) userInfo['password'] = split.password;
  return { server: { ...entry, server: split.server }, userInfo };
}

function withUserInfo(user: KubeEntry, userInfo: KubeEntry): KubeEntry {
  return typeof user['username'] === 'string' ? user : { ...user, ...userInfo };
}

function resolvePaths(entry: KubeEntry, source: string, fields: string[]): KubeEntry {
  const dir = path.dirname(source);
  const out: KubeEntry = { ...entry };
  for (const field of fields) {
    const value = out[field];
    if (typeof value === 'string' && value !== '' && !path.isAbsolute(value)) {
      out[field] = path.resolve(dir, value);
    }
  }
  return out;
}

function resolveUser(entry: KubeEntry, source: string): KubeEntry {
  const out = resolvePaths(entry, source, userPathFields);
  // kubectl spells it tokenFile; client-node only reads token-file.
  if (typeof out['tokenFile'] === 'string' && out['token-file'] === undefined) {
    out['token-file'] = out['tokenFile'];
  }
  // exec's command is resolved by exec-plugin-lookup.ts (relative to `source`).
  return out;
}
