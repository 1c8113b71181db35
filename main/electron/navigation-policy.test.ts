import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  isOwnPage,
  navigationDecision,
  originOf,
} from './navigation-policy';

describe('navigation policy', () => {
  it('knows the app origin, whatever the path or case', () => {
    expect(APP_ENTRY_URL).toBe('app://pilothouse/index.html');
    expect(originOf(APP_ENTRY_URL)).toBe(APP_ORIGIN);
    expect(isOwnPage('app://pilothouse/index.html#/logs?q=x', APP_ORIGIN)).toBe(true);
    expect(isOwnPage('app://PILOTHOUSE/', APP_ORIGIN)).toBe(true);
    expect(isOwnPage('app://pilothouse.evil/', APP_ORIGIN)).toBe(false);
    expect(isOwnPage('app://pilothouse:80/', APP_ORIGIN)).toBe(false);
    expect(isOwnPage('app://evil/pilothouse', APP_ORIGIN)).toBe(false);
    expect(isOwnPage('file:///app/pilothouse/index.html', APP_ORIGIN)).toBe(false);
    expect(isOwnPage('not a url', APP_ORIGIN)).toBe(false);
  });

  it('compares the dev server by origin, not by prefix', () => {
    const dev = 'http://localhost:5173';
    expect(isOwnPage('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isOwnPage('http://localhost:51730/', dev)).toBe(false);
    expect(isOwnPage('http://localhost:5173.evil.com/', dev)).toBe(false);
    expect(isOwnPage('https://localhost:5173/', dev)).toBe(false);
  });

  it('allows our own origin for every kind of navigation', () => {
    for (const kind of ['main-frame', 'subframe', 'redirect'] as const)
      expect(navigationDecision('app://pilothouse/index.html', APP_ORIGIN, kind)).toEqual({
        action: 'allow',
      });
  });

  it('hands an allowed https link of the main frame to the browser', () => {
    expect(navigationDecision('https://kubernetes.io/', APP_ORIGIN, 'main-frame')).toEqual({
      action: 'open-external',
      url: 'https://kubernetes.io/',
    });
  });

  it('never opens anything for redirects and subframes', () => {
    expect(navigationDecision('https://kubernetes.io/', APP_ORIGIN, 'redirect').action).toBe(
      'block',
    );
    expect(navigationDecision('https://kubernetes.io/', APP_ORIGIN, 'subframe').action).toBe(
      'block',
    );
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<h1>x</h1>',
    'http://example.com/',
    'https://127.0.0.1/',
    'app://other/index.html',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
  ])('blocks a main-frame navigation to %s', (url) => {
    expect(navigationDecision(url, APP_ORIGIN, 'main-frame').action).toBe('block');
  });
});
