/**
 * Builds a client-node KubeConfig for one context out of the kubectl-style merge, with
 * relative file references resolved against the file that defined them (kubectl's rule;
 * client-node would resolve them against the process's working directory). The config
 * shares one connection pool between its requests (SharedAgentKubeConfig): its owner
 * disposes of it when the context goes away.
 */
import path from 'node:path';
import type { KubeEntry, MergedKubeconfig } from '../../shared/kube/kubeconfig-merge';
import { PilotError } from '../../shared/contract/errors';
import { splitServerCredentials } from '../../shared/kube/server-url';
import { SharedAgentKubeConfig } from './shared-agent';

const clusterPathFields = ['certificate-authority'];
const userPathFields = ['client-certificate', 'client-key', 'tokenFile', 'token-file'];

export function kubeConfigFor(
  merged: MergedKubeconfig,
  contextName: string,
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
  const { server, userInfo } = serverWithoutUserInfo(cluster.value);
  const raw = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: cluster.name,
        cluster: resolvePaths(server, cluster.source, clusterPathFields),
      },
    ],
    users: user
      ? [{ name: user.name, user: withUserInfo(resolveUser(user.value, user.source), userInfo) }]
      : [{ name: context.value.user || 'anonymous', user: userInfo }],
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
  return kc;
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
  const exec = out['exec'];
  if (exec && typeof exec === 'object') {
    const command = (exec as Record<string, unknown>)['command'];
    // kubectl: a command with a path separator is relative to the kubeconfig's folder;
    // a bare name is looked up on PATH.
    if (typeof command === 'string' && command.includes('/') && !path.isAbsolute(command)) {
      out['exec'] = { ...exec, command: path.resolve(path.dirname(source), command) };
    }
  }
  return out;
}
