import { describe, expect, it } from 'vitest';
import { mergeKubeconfigs } from '../../shared/kube/kubeconfig-merge';
import { kubeConfigFor } from './client-config';

const merged = (user: string) =>
  mergeKubeconfigs([
    {
      path: '/k',
      text: [
        'clusters: [{ name: c, cluster: { server: "https://admin:CANARY@127.0.0.1:6443" } }]',
        `users: [{ name: u, user: ${user} }]`,
        'contexts: [{ name: x, context: { cluster: c, user: u } }, { name: nouser, context: { cluster: c } }]',
      ].join('\n'),
    },
  ]);

describe('kubeConfigFor and credentials in the server URL', () => {
  it('gives client-node the URL without them and uses them as basic auth', () => {
    const kc = kubeConfigFor(merged('{}'), 'x');
    expect(kc.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443');
    expect(kc.getCurrentUser()).toMatchObject({ username: 'admin', password: 'CANARY' });
    const anonymous = kubeConfigFor(merged('{}'), 'nouser');
    expect(anonymous.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443');
    expect(anonymous.getCurrentUser()).toMatchObject({ username: 'admin', password: 'CANARY' });
  });

  it('keeps the user entry’s own username and password', () => {
    const kc = kubeConfigFor(merged('{ username: me, password: mine }'), 'x');
    expect(kc.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443');
    expect(kc.getCurrentUser()).toMatchObject({ username: 'me', password: 'mine' });
  });
});
