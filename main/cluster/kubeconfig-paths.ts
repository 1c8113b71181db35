import os from 'node:os';
import path from 'node:path';
import type { KubeconfigSnapshot } from '../../shared/contract/cluster';

export interface KubeconfigPaths {
  paths: string[];
  searchedFrom: KubeconfigSnapshot['searchedFrom'];
}

/**
 * Which files to read, by kubectl's rules: an explicit --kubeconfig wins, then the
 * KUBECONFIG list (':' separated, ';' on Windows, empty entries ignored), then
 * ~/.kube/config.
 */
export function kubeconfigPaths(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): KubeconfigPaths {
  if (explicit) return { paths: [path.resolve(explicit)], searchedFrom: '--kubeconfig' };
  const list = env['KUBECONFIG'];
  if (list) {
    const separator = platform === 'win32' ? ';' : ':';
    const paths = list
      .split(separator)
      .filter((p) => p.trim() !== '')
      .map((p) => path.resolve(p));
    if (paths.length > 0) return { paths: [...new Set(paths)], searchedFrom: 'KUBECONFIG' };
  }
  return { paths: [path.join(home, '.kube', 'config')], searchedFrom: 'default' };
}
