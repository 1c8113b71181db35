import { describe, expect, it } from 'vitest';
import { mergeKubeconfigs, summarizeContexts, type KubeconfigSource } from './kubeconfig-merge';

const file = (path: string, text: string): KubeconfigSource => ({ path, text });
const cfg = (opts: {
  clusters?: [string, string][];
  users?: string[];
  contexts?: [string, string, string, string?][];
  current?: string;
}) =>
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    ...(opts.clusters ?? []).map(([n, s]) => `- name: ${n}\n  cluster: { server: "${s}" }`),
    'users:',
    ...(opts.users ?? []).map((n) => `- name: ${n}\n  user: { token: secret-${n} }`),
    'contexts:',
    ...(opts.contexts ?? []).map(
      ([n, c, u, ns]) =>
        `- name: ${n}\n  context: { cluster: ${c}, user: ${u}${ns ? `, namespace: ${ns}` : ''} }`,
    ),
    opts.current ? `current-context: ${opts.current}` : '',
  ].join('\n');

describe('mergeKubeconfigs follows kubectl', () => {
  const cases: {
    name: string;
    sources: KubeconfigSource[];
    contexts: [string, string | undefined, string?][];
    current?: string;
    statuses: string[];
  }[] = [
    {
      name: 'single file',
      sources: [
        file(
          '/a',
          cfg({
            clusters: [['c1', 'https://a']],
            users: ['u1'],
            contexts: [['x', 'c1', 'u1', 'ns1']],
            current: 'x',
          }),
        ),
      ],
      contexts: [['x', 'https://a', 'ns1']],
      current: 'x',
      statuses: ['loaded'],
    },
    {
      name: 'first file that defines a name wins, for each kind separately',
      sources: [
        file('/a', cfg({ clusters: [['c1', 'https://first']], contexts: [['x', 'c1', 'u1']] })),
        file(
          '/b',
          cfg({
            clusters: [
              ['c1', 'https://second'],
              ['c2', 'https://b'],
            ],
            users: ['u1'],
            contexts: [
              ['x', 'c2', 'u1'],
              ['y', 'c2', 'u1'],
            ],
          }),
        ),
      ],
      contexts: [
        ['x', 'https://first'],
        ['y', 'https://b'],
      ],
      statuses: ['loaded', 'loaded'],
    },
    {
      name: 'current-context from the first file that sets one',
      sources: [
        file('/a', cfg({ contexts: [['x', 'c', 'u']] })),
        file('/b', cfg({ contexts: [['y', 'c', 'u']], current: 'y' })),
        file('/c', cfg({ current: 'x' })),
      ],
      contexts: [
        ['x', undefined],
        ['y', undefined],
      ],
      current: 'y',
      statuses: ['loaded', 'loaded', 'loaded'],
    },
    {
      name: 'missing files are skipped, broken ones reported, the rest keeps working',
      sources: [
        { path: '/gone', missing: true },
        file('/broken', 'clusters: [ {name: oops'),
        file('/wrong-shape', 'clusters: 42'),
        { path: '/unreadable', readError: 'EACCES: permission denied' },
        file(
          '/ok',
          cfg({ clusters: [['c', 'https://ok']], users: ['u'], contexts: [['ok', 'c', 'u']] }),
        ),
      ],
      contexts: [['ok', 'https://ok']],
      statuses: ['missing', 'error', 'error', 'error', 'loaded'],
    },
    {
      name: 'a repeated path counts once',
      sources: [
        file('/a', cfg({ contexts: [['x', 'c', 'u']] })),
        file('/a', cfg({ contexts: [['z', 'c', 'u']] })),
      ],
      contexts: [['x', undefined]],
      statuses: ['loaded'],
    },
    {
      name: 'an empty file is an empty config',
      sources: [file('/empty', ''), file('/a', cfg({ contexts: [['x', 'c', 'u']], current: 'x' }))],
      contexts: [['x', undefined]],
      current: 'x',
      statuses: ['loaded', 'loaded'],
    },
    {
      name: 'within one file the later entry of a name wins',
      sources: [
        file(
          '/a',
          cfg({
            clusters: [
              ['c', 'https://early'],
              ['c', 'https://late'],
            ],
            contexts: [['x', 'c', 'u']],
          }),
        ),
      ],
      contexts: [['x', 'https://late']],
      statuses: ['loaded'],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const merged = mergeKubeconfigs(c.sources);
      const summary = summarizeContexts(merged);
      expect(summary.map((s) => [s.name, s.server, s.namespace])).toEqual(
        c.contexts.map(([n, s, ns]) => [n, s, ns]),
      );
      expect(merged.currentContext).toBe(c.current);
      expect(merged.files.map((f) => f.status)).toEqual(c.statuses);
    });
  }

  it('says why a broken file failed, with its path', () => {
    const merged = mergeKubeconfigs([
      file('/broken', 'clusters: [ {name: oops'),
      file('/shape', 'clusters: 42'),
    ]);
    expect(merged.files[0]).toMatchObject({ path: '/broken', status: 'error' });
    expect(merged.files[0]?.error).toMatch(/not valid YAML/);
    expect(merged.files[1]?.error).toMatch(/not a kubeconfig: clusters/);
  });

  it('names the problems of a context whose cluster or user is missing', () => {
    const merged = mergeKubeconfigs([file('/a', cfg({ contexts: [['x', 'nope', 'nobody']] }))]);
    expect(summarizeContexts(merged)[0]?.problems).toEqual([
      'cluster "nope" is not defined in any file',
      'user "nobody" is not defined in any file',
    ]);
  });

  it('never puts credentials into the summaries', () => {
    const merged = mergeKubeconfigs([
      file(
        '/a',
        cfg({ clusters: [['c', 'https://a']], users: ['u'], contexts: [['x', 'c', 'u']] }),
      ),
    ]);
    expect(JSON.stringify(summarizeContexts(merged))).not.toContain('secret-');
  });
});
