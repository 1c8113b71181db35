import { describe, expect, it } from 'vitest';
import type { ForwardState } from '../../shared/contract/forwards';
import { ForwardLines } from './forward-lines';

function state(patch: Partial<ForwardState>): ForwardState {
  return {
    id: 'f-1',
    spec: {
      context: 'c',
      namespace: 'team-a',
      kind: 'services',
      name: 'web',
      port: 80,
      localPort: 8080,
      address: '127.0.0.1',
    },
    localAddress: '127.0.0.1:8080',
    localPort: 8080,
    target: 'team-a/svc/web:80',
    pod: null,
    podPort: null,
    phase: 'starting',
    state: 'Starting',
    connections: 0,
    totalConnections: 0,
    bytesIn: 0,
    bytesOut: 0,
    lastError: null,
    lastErrorAt: null,
    warning: null,
    startedAt: '2026-01-01T00:00:00Z',
    origin: { type: 'cli' },
    ...patch,
  };
}

const active = (pod: string, connections = 0) =>
  state({ phase: 'active', pod, state: `Active (pod ${pod}, ${connections} connections)` });

describe('ForwardLines: one line per meaningful change', () => {
  it('prints ready, each move, reconnects and waits; counters print nothing', () => {
    const lines = new ForwardLines();
    expect(lines.update(state({}))).toEqual([]);
    expect(lines.update(active('web-7c9-a'))).toEqual([
      '127.0.0.1:8080 -> team-a/svc/web:80 (pod web-7c9-a)',
    ]);
    expect(lines.update(active('web-7c9-a', 3))).toEqual([]);
    expect(lines.update(state({ phase: 'waiting', state: 'Waiting for a ready pod' }))).toEqual([
      '127.0.0.1:8080 -> team-a/svc/web:80: waiting for a ready pod',
    ]);
    expect(lines.update(active('web-8d1-b'))).toEqual([
      '127.0.0.1:8080 -> team-a/svc/web:80 (pod web-8d1-b): moved from pod web-7c9-a',
    ]);
    expect(
      lines.update(
        state({ phase: 'reconnecting', state: 'Reconnecting', lastError: 'connection refused' }),
      ),
    ).toEqual(['127.0.0.1:8080 -> team-a/svc/web:80: reconnecting (connection refused)']);
    expect(lines.update(state({ phase: 'reconnecting', state: 'Reconnecting' }))).toEqual([]);
    expect(lines.update(active('web-8d1-b'))).toEqual([
      '127.0.0.1:8080 -> team-a/svc/web:80 (pod web-8d1-b): reconnected',
    ]);
  });

  it('prints failures as the state says them', () => {
    const lines = new ForwardLines();
    expect(
      lines.update(
        state({ phase: 'failed', localPort: null, state: 'Failed: local port 8080 is in use' }),
      ),
    ).toEqual(['127.0.0.1:8080 -> team-a/svc/web:80: failed: local port 8080 is in use']);
  });

  it('escapes terminal control in what the cluster wrote', () => {
    const lines = new ForwardLines();
    const [line] = lines.update(active('web\x1b]52;c;aGk=\x07'));
    expect(line).toBe('127.0.0.1:8080 -> team-a/svc/web:80 (pod web\\x1b]52;c;aGk=\\x07)');
    expect(lines.removed(active('x'), 'Service deleted')).toEqual([
      '127.0.0.1:8080 -> team-a/svc/web:80: Service deleted',
    ]);
  });
});
