import { describe, expect, it } from 'vitest';
import { formatPortSpec, isPortName, parsePortSpec, PortSpecError } from './port-spec';

describe('parsePortSpec reads kubectl port-forward arguments', () => {
  it.each([
    ['8080:80', { local: 8080, remote: 80 }],
    [':5432', { local: 0, remote: 5432 }],
    ['0:5432', { local: 0, remote: 5432 }],
    ['8080:http', { local: 8080, remote: 'http' }],
    ['5000', { local: 'same', remote: 5000 }],
    ['http', { local: 'same', remote: 'http' }],
    [':http-api', { local: 0, remote: 'http-api' }],
    ['65535:1', { local: 65535, remote: 1 }],
    // Go's ParseUint accepts leading zeros.
    ['08080:080', { local: 8080, remote: 80 }],
  ])('%s', (text, expected) => {
    expect(parsePortSpec(text)).toEqual(expected);
  });

  it.each([
    ['1:2:3', "invalid port format '1:2:3'"],
    ['8080:', 'remote port cannot be empty'],
    ['', 'remote port cannot be empty'],
    ['0', 'remote port must be > 0'],
    [':0', 'remote port must be > 0'],
    ['65536:80', "error parsing local port '65536'"],
    ['-1:80', "error parsing local port '-1'"],
    ['+80:80', "error parsing local port '+80'"],
    [' 80:80', "error parsing local port ' 80'"],
    ['abc:80', "error parsing local port 'abc'"],
    ['80:65536', "error parsing remote port '65536'"],
    ['80:HTTP', "error parsing remote port 'HTTP'"],
    ['80:-http', "error parsing remote port '-http'"],
    ['80:a-very-long-port-name', "error parsing remote port 'a-very-long-port-name'"],
  ])('refuses %j: %s', (text, message) => {
    expect(() => parsePortSpec(text)).toThrow(PortSpecError);
    expect(() => parsePortSpec(text)).toThrow(message);
  });

  it('prints a spec back in kubectl form', () => {
    for (const text of ['8080:80', ':5432', '8080:http', '5000', 'http'])
      expect(formatPortSpec(parsePortSpec(text))).toBe(text);
  });

  it('knows IANA service names', () => {
    expect(isPortName('http')).toBe(true);
    expect(isPortName('pg-metrics')).toBe(true);
    expect(isPortName('123')).toBe(false);
    expect(isPortName('a--b')).toBe(false);
    expect(isPortName('a'.repeat(16))).toBe(false);
  });
});
