import { describe, expect, it } from 'vitest';
import {
  externalLinkDecision,
  forwardLinkDecision,
  isLoopbackHost,
  MAX_EXTERNAL_URL_CHARS,
} from './link-policy';

const opens = (url: string) => externalLinkDecision(url).open;

describe('external link policy', () => {
  it('opens https links to named and public hosts, normalised', () => {
    expect(externalLinkDecision('https://kubernetes.io/docs/')).toEqual({
      open: true,
      url: 'https://kubernetes.io/docs/',
    });
    expect(externalLinkDecision('HTTPS://Example.COM/a b')).toEqual({
      open: true,
      url: 'https://example.com/a%20b',
    });
    expect(opens('https://10.0.0.5:8443/dashboard')).toBe(true);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: with spaces and case', '  JavaScript:alert(document.domain)'],
    ['file:', 'file:///etc/passwd'],
    ['file: on Windows', 'file://C:/Windows/System32/calc.exe'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['blob:', 'blob:https://example.com/uuid'],
    ['http:', 'http://example.com/'],
    ['ftp:', 'ftp://example.com/'],
    ['mailto:', 'mailto:someone@example.com'],
    ['a custom handler', 'vscode://file/etc/passwd'],
    ['ms-settings:', 'ms-settings:privacy'],
    ['the app scheme', 'app://pilothouse/index.html'],
    ['not a URL', 'not a url'],
    ['empty', ''],
  ])('refuses %s', (_name, url) => {
    expect(opens(url)).toBe(false);
  });

  it.each([
    'https://localhost/',
    'https://foo.localhost/',
    'https://127.0.0.1:8001/api',
    'https://127.1.2.3/',
    'https://2130706433/',
    'https://0x7f.1/',
    'https://0.0.0.0/',
    'https://0/',
    'https://[::1]:8443/',
    'https://[::]/',
    'https://[::ffff:127.0.0.1]/',
  ])('refuses https to this machine: %s', (url) => {
    expect(externalLinkDecision(url)).toEqual({
      open: false,
      reason: 'the link points at this machine',
    });
  });

  it('refuses links carrying credentials', () => {
    expect(opens('https://user:secret@example.com/')).toBe(false);
    expect(opens('https://token@example.com/')).toBe(false);
  });

  it(`refuses links longer than ${MAX_EXTERNAL_URL_CHARS} characters`, () => {
    const base = 'https://example.com/';
    expect(opens(base + 'a'.repeat(MAX_EXTERNAL_URL_CHARS - base.length))).toBe(true);
    expect(opens(base + 'a'.repeat(MAX_EXTERNAL_URL_CHARS - base.length + 1))).toBe(false);
  });

  it('says why a link is refused', () => {
    expect(externalLinkDecision('http://example.com/')).toEqual({
      open: false,
      reason: 'http: links are never opened',
    });
  });

  it('knows loopback names', () => {
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('example.com')).toBe(false);
    expect(isLoopbackHost('127.example.com')).toBe(false);
  });
});

describe('the port-forward exception ("Open in browser")', () => {
  // Forwards of this app listen on 127.0.0.1:8080, 127.1.0.3:80 and [::1]:8443.
  const listening = (ip: string, port: number) =>
    (ip === '127.0.0.1' && port === 8080) ||
    (ip === '127.1.0.3' && port === 80) ||
    (ip === '::1' && port === 8443);

  it('opens the root of a listening forward, rebuilt from scheme, address and port', () => {
    expect(forwardLinkDecision('http://127.0.0.1:8080/', listening)).toEqual({
      open: true,
      url: 'http://127.0.0.1:8080/',
    });
    expect(forwardLinkDecision('http://127.1.0.3/', listening)).toEqual({
      open: true,
      url: 'http://127.1.0.3/',
    });
    expect(forwardLinkDecision('https://[::1]:8443/', listening).open).toBe(true);
  });

  it.each([
    ['no forward there (kubectl proxy, a dev server)', 'http://127.0.0.1:8001/'],
    ['another loopback address', 'http://127.0.0.2:8080/'],
    ['a name, not an address', 'http://localhost:8080/'],
    ['a path', 'http://127.0.0.1:8080/api/v1/namespaces'],
    ['a query', 'http://127.0.0.1:8080/?x=1'],
    ['a fragment', 'http://127.0.0.1:8080/#x'],
    ['credentials', 'http://user:pw@127.0.0.1:8080/'],
    ['another machine', 'http://10.0.0.5:8080/'],
    ['everywhere', 'http://0.0.0.0:8080/'],
    ['another scheme', 'ftp://127.0.0.1:8080/'],
    ['javascript:', 'javascript:fetch("http://127.0.0.1:8080/")'],
    ['not a URL', 'http://'],
  ])('refuses %s', (_name, url) => {
    expect(forwardLinkDecision(url, listening).open).toBe(false);
  });

  it('never widens the external policy: http to loopback is still refused there', () => {
    expect(opens('http://127.0.0.1:8080/')).toBe(false);
  });
});
