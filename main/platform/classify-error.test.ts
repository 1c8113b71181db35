import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyKubeError } from './classify-error';

const fetchFailed = (cause: object) => Object.assign(new TypeError('fetch failed'), { cause });

describe('classifyKubeError', () => {
  it.each([
    [
      'HTTP 401',
      { code: 401, body: '{"message":"Unauthorized"}' },
      {},
      'Unauthorized',
      /rejected the credentials/,
    ],
    [
      'HTTP 403 names the action',
      { code: 403, body: { message: 'namespaces is forbidden' } },
      { action: 'list namespaces' },
      'Forbidden',
      /not allowed to list namespaces: namespaces is forbidden/,
    ],
    ['HTTP 404', { code: 404, body: 'nope' }, {}, 'NotFound', /nope/],
    [
      'connection refused',
      fetchFailed({ code: 'ECONNREFUSED' }),
      { server: 'https://127.0.0.1:6443' },
      'Unreachable',
      /127\.0\.0\.1:6443.*connection refused/,
    ],
    ['blocked port', fetchFailed(new Error('bad port')), {}, 'Unreachable', /bad port/],
    [
      'exec plugin stderr',
      new Error('error: SSO session expired'),
      { usesExecPlugin: true },
      'ExecFailed',
      /SSO session expired/,
    ],
    [
      'exec plugin missing',
      Object.assign(new Error('spawn aws ENOENT'), {
        code: 'ENOENT',
        syscall: 'spawn aws',
        path: 'aws',
      }),
      { usesExecPlugin: true },
      'ExecFailed',
      /"aws" was not found on PATH/,
    ],
    ['anything else', new Error('boom'), {}, 'Internal', /boom/],
  ] as const)('%s', (_name, error, options, code, message) => {
    const got = classifyKubeError(error, options);
    expect(got.code).toBe(code);
    expect(got.message).toMatch(message);
  });

  it('lists the folders searched for a missing plugin, never the raw PATH', () => {
    const saved = process.env['PATH'];
    process.env['PATH'] = `relative-entry::/usr/bin:${path.resolve('node_modules/.bin')}`;
    try {
      const got = classifyKubeError(
        Object.assign(new Error('spawn aws ENOENT'), {
          code: 'ENOENT',
          syscall: 'spawn aws',
          path: 'aws',
        }),
        { usesExecPlugin: true },
      );
      expect(got.message).toMatch(/searched: \/usr\/bin$/);
      expect(got.message).not.toContain('relative-entry');
      expect(got.message).not.toContain('node_modules');
    } finally {
      process.env['PATH'] = saved;
    }
  });

  it('never quotes what a plugin printed when it is not JSON (a bare token)', () => {
    let parseError: unknown;
    try {
      JSON.parse('CANARY-bare-token-123');
    } catch (error) {
      parseError = error;
    }
    const got = classifyKubeError(parseError, { usesExecPlugin: true });
    expect(got.code).toBe('ExecFailed');
    expect(got.message).not.toContain('CANARY');
  });
});
