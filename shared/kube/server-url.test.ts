import { describe, expect, it } from 'vitest';
import { redactServer, redactUrlsIn, splitServerCredentials } from './server-url';
import { mergeKubeconfigs, summarizeContexts } from './kubeconfig-merge';
import { toErrorData, PilotError } from '../contract/errors';

describe('credentials in a server URL', () => {
  it.each([
    ['https://host:6443', { server: 'https://host:6443' }],
    ['https://u:p@host:6443/x', { server: 'https://host:6443/x', username: 'u', password: 'p' }],
    ['https://u@host', { server: 'https://host', username: 'u' }],
    ['https://:p@host', { server: 'https://host', password: 'p' }],
    ['https://a%40b:p%3Aq@host', { server: 'https://host', username: 'a@b', password: 'p:q' }],
    // An unescaped '@' in the password: the last '@' ends the user information (Go's rule).
    [
      'https://u:p@ss@host/p?q=a@b',
      { server: 'https://host/p?q=a@b', username: 'u', password: 'p@ss' },
    ],
    ['https://u:%E0%A4@host', { server: 'https://host', username: 'u', password: '%E0%A4' }],
    ['not a url', { server: 'not a url' }],
  ])('splits %s', (url, expected) => {
    expect(splitServerCredentials(url)).toEqual(expected);
    expect(redactServer(url)).toBe(expected.server);
  });

  it('removes user information from every URL inside a message', () => {
    expect(
      redactUrlsIn(
        'Request cannot be constructed from a URL that includes credentials: https://u:SECRET@h:1/api (also http://x:y@z and https://p@ss@q)',
      ),
    ).toBe(
      'Request cannot be constructed from a URL that includes credentials: https://h:1/api (also http://z and https://q)',
    );
  });

  it('the contexts summary carries the server without user:password', () => {
    const merged = mergeKubeconfigs([
      {
        path: '/k',
        text: [
          'clusters: [{ name: c, cluster: { server: "https://admin:CANARY@127.0.0.1:6443" } }]',
          'contexts: [{ name: x, context: { cluster: c, user: "" } }]',
        ].join('\n'),
      },
    ]);
    const summary = summarizeContexts(merged);
    expect(summary[0]?.server).toBe('https://127.0.0.1:6443');
    expect(JSON.stringify(summary)).not.toContain('CANARY');
  });

  it('an error crossing the contract never quotes user:password', () => {
    const data = toErrorData(new TypeError('bad URL https://u:CANARY@h'));
    expect(data).toEqual({ code: 'Internal', message: 'bad URL https://h' });
    expect(toErrorData(new PilotError('Unreachable', 'at https://u:CANARY@h')).message).toBe(
      'at https://h',
    );
  });
});
