import { describe, expect, it } from 'vitest';
import { kubeconfigPaths } from './kubeconfig-paths';

describe('kubeconfigPaths', () => {
  it.each([
    [
      'explicit flag wins',
      '/x/conf',
      { KUBECONFIG: '/a:/b' },
      'linux',
      ['/x/conf'],
      '--kubeconfig',
    ],
    [
      'KUBECONFIG list in order, empties dropped',
      undefined,
      { KUBECONFIG: '/a::/b:/a' },
      'linux',
      ['/a', '/b'],
      'KUBECONFIG',
    ],
    ['default file', undefined, {}, 'linux', ['/home/u/.kube/config'], 'default'],
    [
      'empty KUBECONFIG means default',
      undefined,
      { KUBECONFIG: '' },
      'linux',
      ['/home/u/.kube/config'],
      'default',
    ],
  ] as const)('%s', (_name, explicit, env, platform, paths, from) => {
    const got = kubeconfigPaths(explicit, { ...env }, platform, '/home/u');
    expect(got).toEqual({ paths, searchedFrom: from });
  });

  it('splits on ";" on Windows', () => {
    const got = kubeconfigPaths(undefined, { KUBECONFIG: 'C:\\a;C:\\b' }, 'win32', 'C:\\u');
    expect(got.paths).toHaveLength(2);
  });
});
