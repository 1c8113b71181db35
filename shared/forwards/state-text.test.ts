import { describe, expect, it } from 'vitest';
import { boundedText, hostPort, isLoopback, stateText, targetText } from './state-text';

describe("the states' words", () => {
  it('as the issue writes them', () => {
    expect(stateText.active('web-7c9', 3)).toBe('Active (pod web-7c9, 3 connections)');
    expect(stateText.active('web-7c9', 1)).toBe('Active (pod web-7c9, 1 connection)');
    expect(stateText.waiting()).toBe('Waiting for a ready pod');
    expect(stateText.reconnecting()).toBe('Reconnecting');
    expect(stateText.portInUse(8080)).toBe('Failed: local port 8080 is in use');
    expect(stateText.forbidden('pods "x" is forbidden')).toBe('Forbidden: pods "x" is forbidden');
  });
  it('cluster text is bounded and has no control characters', () => {
    expect(boundedText('a\u001b[31mred\u0007\nb')).toBe('a [31mred b');
    expect(boundedText('x'.repeat(1000)).length).toBe(500);
  });
  it('targets and addresses', () => {
    expect(targetText({ namespace: 'team-a', kind: 'services', name: 'web', port: 80 })).toBe(
      'team-a/svc/web:80',
    );
    expect(hostPort('::1', 8080)).toBe('[::1]:8080');
    expect(isLoopback('127.1.0.3')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
  });
});
