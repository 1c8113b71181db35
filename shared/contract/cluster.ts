/**
 * The cluster feature's contract: kubeconfig files, contexts, connections, namespaces and
 * the per-context preferences. The data the renderer may see. Deliberately free of credentials: names, server URLs,
 * namespaces and states only. Tokens, certificates, keys and exec arguments stay in main.
 */
import { z } from 'zod';
import {
  byContext,
  contextName,
  empty,
  namespaceChoice,
  namespaceName,
  request,
  stream,
} from './define';

/** One kubeconfig file as Pilothouse found it. */
export interface KubeconfigFileReport {
  path: string;
  /** `missing` files are skipped silently, as kubectl does; `error` ones are reported. */
  status: 'loaded' | 'missing' | 'error';
  /** Why the file could not be used (unreadable, not YAML, wrong shape). */
  error?: string;
}

/** A context as listed in the switcher. */
export interface ContextSummary {
  name: string;
  cluster: string;
  user: string;
  /** The context's default namespace, if it sets one. */
  namespace?: string;
  /** The cluster's API server URL, when the cluster is defined. */
  server?: string;
  /** The kubeconfig file this context came from. */
  source: string;
  /** Why the context cannot work as written (missing cluster or user entry). */
  problems: string[];
}

/** Everything the UI knows about the user's kubeconfig at one moment. */
export interface KubeconfigSnapshot {
  /** Files in the order they were searched (KUBECONFIG order, or the default path). */
  files: KubeconfigFileReport[];
  /** Where the list of files came from, said in words for the first-run screen. */
  searchedFrom: 'KUBECONFIG' | '--kubeconfig' | 'default';
  contexts: ContextSummary[];
  /** The kubeconfig's current-context, if it names one. */
  currentContext?: string;
}

export type ConnectionState =
  | { phase: 'idle' }
  | { phase: 'connecting' }
  | { phase: 'connected'; serverVersion: string; platform: string }
  | { phase: 'unreachable'; message: string }
  | { phase: 'unauthorized'; message: string }
  | { phase: 'exec-failed'; message: string }
  | { phase: 'error'; message: string };

export interface ConnectionUpdate {
  context: string;
  state: ConnectionState;
}

/** The namespaces a context offers in the picker, and where they came from. */
export interface NamespaceList {
  context: string;
  /** Sorted names. When listing is forbidden: the context's namespace plus those added by hand. */
  namespaces: string[];
  /** False when the user may not list namespaces; the message says so. */
  listable: boolean;
  message?: string;
}

/** What the user picked in the namespace picker for one context. */
export type NamespaceChoice = { all: true } | { all: false; namespaces: string[] };

/** Per-context preferences kept in Pilothouse's own settings file, never in the kubeconfig. */
export interface ContextPreferences {
  choice: NamespaceChoice;
  /** Namespaces typed in by hand (for users who may not list namespaces). */
  addedNamespaces: string[];
}

export interface AppInfo {
  version: string;
  mode: 'web' | 'electron';
  /** The context the user last chose, remembered across restarts. */
  lastContext?: string;
}

/** The cluster feature's channels: kubeconfig, contexts, connections, namespaces. */
export const clusterChannels = {
  /** Version and mode of the running app, and the context chosen last time. */
  'app.info': request<AppInfo>()(empty),
  /** The merged kubeconfig: a snapshot now, and another whenever a file changes on disk. */
  'kubeconfig.watch': stream<KubeconfigSnapshot>()(empty),
  /** Connection state of every context that was ever selected in this run. */
  'connections.watch': stream<ConnectionUpdate>()(empty),
  /** Makes a context the active one and connects to it (again, if it was). */
  'context.select': request<null>()(byContext),
  /** The namespaces to offer for a context (falls back when listing is forbidden). */
  'namespaces.list': request<NamespaceList>()(byContext),
  /** The remembered namespace choice of a context. */
  'preferences.get': request<ContextPreferences>()(byContext),
  /** Remembers the namespace choice of a context. */
  'preferences.setNamespaces': request<ContextPreferences>()(
    z.object({ context: contextName, choice: namespaceChoice }).strict(),
  ),
  /** Adds or removes a hand-typed namespace for a context that may not list namespaces. */
  'preferences.editAddedNamespace': request<ContextPreferences>()(
    z
      .object({ context: contextName, namespace: namespaceName, op: z.enum(['add', 'remove']) })
      .strict(),
  ),
} as const;
