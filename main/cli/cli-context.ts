/**
 * The context a CLI command acts on, chosen as kubectl chooses it: --context, else the
 * kubeconfig's current-context. Shared by `pilothouse logs`, `forward` and `fit`, so each
 * says the same thing about a broken kubeconfig file and an unknown context.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { AppServices } from '../app';
import { terminalSafe } from './terminal-text';

export interface CliContext {
  context: string;
  kubeConfig: KubeConfig;
  /** The context's own namespace, or "default". */
  contextNamespace: string;
}

/**
 * Warns (on stderr, terminal-safe) about each kubeconfig file that could not be read, and
 * throws `fail(message)` when there is no context or the named one is unknown.
 */
export function chooseCliContext(
  app: AppServices,
  wanted: string | undefined,
  fail: (message: string) => Error,
): CliContext {
  const merged = app.kubeconfig.mergedConfig();
  for (const file of merged.files.filter((f) => f.status === 'error'))
    process.stderr.write(terminalSafe(`warning: ${file.path}: ${file.error}`, 'escape') + '\n');
  const context = wanted ?? merged.currentContext;
  if (!context) throw fail('no context: the kubeconfig sets no current-context; pass --context');
  if (!merged.contexts.has(context)) {
    const known = [...merged.contexts.keys()].join(', ') || 'none';
    throw fail(`context "${context}" is not in the kubeconfig (contexts: ${known})`);
  }
  const kubeConfig = app.connections.kubeConfig(context);
  const contextNamespace = kubeConfig.getContextObject(context)?.namespace || 'default';
  return { context, kubeConfig, contextNamespace };
}
