import { describe, expect, it } from 'vitest';
import type { ForwardState } from '../../../shared/contract/forwards';
import {
  browserUrl,
  formatAddress,
  formatBytes,
  lineOf,
  viewLines,
  matchesFilter,
} from './forward-rows';

function state(over: Partial<ForwardState> = {}): ForwardState {
  return {
    id: 'f-1',
    spec: {
      context: 'pilothouse-admin',
      namespace: 'team-a',
      kind: 'services',
      name: 'web',
      port: 80,
      localPort: 'same-or-free',
      address: '127.0.0.1',
    },
    localAddress: '127.0.0.1:8080',
    localPort: 8080,
    target: 'team-a/svc/web:80',
    pod: 'web-7c9d-abcde',
    podPort: 8080,
    phase: 'active',
    state: 'Active (pod web-7c9d-abcde, 3 connections)',
    connections: 3,
    totalConnections: 10,
    bytesIn: 1_234_567,
    bytesOut: 999,
    lastError: null,
    lastErrorAt: null,
    warning: null,
    startedAt: '2026-12-03T03:00:00Z',
    origin: { type: 'saved', savedId: 's-1' },
    ...over,
  };
}

describe('lineOf', () => {
  it('shows the engine’s words, the bound address, the pod and a tone per phase', () => {
    const line = lineOf(state());
    expect(line).toMatchObject({
      address: '127.0.0.1:8080',
      target: 'team-a/svc/web:80',
      pod: 'web-7c9d-abcde',
      state: 'Active (pod web-7c9d-abcde, 3 connections)',
      tone: 'ok',
      running: true,
      savedId: 's-1',
      remotePort: 80,
      portName: '',
    });
    expect(lineOf(state({ phase: 'reconnecting', state: 'Reconnecting' })).tone).toBe('warn');
    expect(lineOf(state({ phase: 'waiting' })).tone).toBe('warn');
    expect(lineOf(state({ phase: 'failed' })).tone).toBe('bad');
    expect(lineOf(state({ phase: 'forbidden' })).tone).toBe('bad');
    const stopped = lineOf(state({ phase: 'stopped', localPort: null, localAddress: '127.0.0.1' }));
    expect(stopped).toMatchObject({
      tone: 'muted',
      running: false,
      address: '',
      localIp: '127.0.0.1',
    });
  });

  it('a named remote port keeps its name and the pod’s port number for the browser guess', () => {
    const line = lineOf(state({ spec: { ...state().spec, port: 'http' }, podPort: 8080 }));
    expect(line).toMatchObject({ portName: 'http', remotePort: 8080 });
  });
});

describe('browserUrl', () => {
  it('opens HTTP ports of loopback forwards only, at the root, from numbers alone', () => {
    expect(browserUrl(lineOf(state()))).toBe('http://127.0.0.1:8080/');
    const named = lineOf(state({ spec: { ...state().spec, port: 'https' } }));
    expect(browserUrl(named)).toBe('https://127.0.0.1:8080/');
    const db = lineOf(state({ spec: { ...state().spec, port: 5432 }, localPort: 5432 }));
    expect(browserUrl(db)).toBeUndefined();
    const exposed = lineOf(state({ spec: { ...state().spec, address: '0.0.0.0' } }));
    expect(browserUrl(exposed)).toBeUndefined();
    const unbound = lineOf(state({ localPort: null }));
    expect(browserUrl(unbound)).toBeUndefined();
    const v6 = lineOf(state({ spec: { ...state().spec, address: '::1' } }));
    expect(browserUrl(v6)).toBe('http://[::1]:8080/');
  });
});

describe('helpers', () => {
  it('formats bytes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1234)).toBe('1.2 KB');
    expect(formatBytes(34_000_000)).toBe('34 MB');
    expect(formatBytes(-1)).toBe('–');
  });

  it('formats addresses', () => {
    expect(formatAddress('127.1.0.3', 80)).toBe('127.1.0.3:80');
    expect(formatAddress('::1', 80)).toBe('[::1]:80');
    expect(formatAddress('127.0.0.1', 0)).toBe('');
  });

  it('filters on every word over address, target, pod, state and last error', () => {
    const line = lineOf(state({ lastError: 'connection reset by peer' }));
    expect(matchesFilter(line, '')).toBe(true);
    expect(matchesFilter(line, 'WEB 8080')).toBe(true);
    expect(matchesFilter(line, 'reset')).toBe(true);
    expect(matchesFilter(line, 'active db')).toBe(false);
  });
});

describe('viewLines', () => {
  it('adds the saved forwards that have no forward, as Stopped, and marks autostart', () => {
    const running = state();
    const saved = [
      { id: 's-1', spec: running.spec, autostart: true, forwardId: 'f-1' },
      {
        id: 's-2',
        spec: { ...running.spec, kind: 'pods' as const, name: 'db-0', port: 'postgres' },
        autostart: false,
        forwardId: null,
      },
    ];
    const lines = viewLines([running], saved);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ id: 'f-1', autostart: true, savedOnly: false });
    expect(lines[1]).toMatchObject({
      id: 'saved:s-2',
      target: 'team-a/pod/db-0:postgres',
      state: 'Stopped',
      tone: 'muted',
      running: false,
      savedOnly: true,
      savedId: 's-2',
      address: '',
    });
  });
});
