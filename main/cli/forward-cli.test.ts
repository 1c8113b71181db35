import { describe, expect, it } from 'vitest';
import { readForwardArgs, UsageError } from './forward-cli';

describe('readForwardArgs: pilothouse forward arguments', () => {
  it('reads the four documented forms', () => {
    expect(readForwardArgs(['svc/web', '8080:80'], { namespace: 'team-a' })).toEqual({
      what: { target: { kind: 'services', name: 'web' }, ports: [{ local: 8080, remote: 80 }] },
      namespace: 'team-a',
      address: '127.0.0.1',
    });
    expect(readForwardArgs(['pod/db-0', ':5432'], {}).what).toEqual({
      target: { kind: 'pods', name: 'db-0' },
      ports: [{ local: 0, remote: 5432 }],
    });
    expect(readForwardArgs(['deploy/web', '8080:http'], { context: 'c' })).toMatchObject({
      what: {
        target: { kind: 'deployments', name: 'web' },
        ports: [{ local: 8080, remote: 'http' }],
      },
      context: 'c',
    });
    expect(readForwardArgs([], { ns: 'team-a', allServices: true })).toEqual({
      what: { allServices: true },
      namespace: 'team-a',
      address: '127.0.0.1',
    });
  });

  it('takes --address localhost as 127.0.0.1 and an explicit IP as it is', () => {
    expect(readForwardArgs(['db-0', '5432'], { address: 'localhost' }).address).toBe('127.0.0.1');
    expect(readForwardArgs(['db-0', '5432'], { address: '0.0.0.0' }).address).toBe('0.0.0.0');
    expect(readForwardArgs(['db-0', '5432'], { address: '::1' }).address).toBe('::1');
  });

  it.each([
    [[], {}, /TYPE\/NAME and at least one port/],
    [['svc/web'], {}, /TYPE\/NAME and at least one port/],
    [['job/x', '80'], {}, /cannot forward to "job"/],
    [['svc/web', '80:0'], {}, /remote port must be > 0/],
    [['svc/web', '80'], { address: 'example.com' }, /not an IP address/],
    [['svc/web', '80'], { namespace: 'Team_A' }, /not a namespace name/],
    [['svc/web', '80'], { namespace: 'a', ns: 'b' }, /different namespaces/],
    [[], { allServices: true }, /needs the namespace/],
    [['svc/web'], { allServices: true, ns: 'a' }, /give no TYPE\/NAME/],
  ])('%j %j is a usage error', (positional, opts, message) => {
    expect(() => readForwardArgs(positional, opts)).toThrow(UsageError);
    expect(() => readForwardArgs(positional, opts)).toThrow(message);
  });
});
