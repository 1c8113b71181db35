import { describe, expect, it } from 'vitest';
import type { LogSource } from '../../shared/contract/logs';
import { formatLine, formatSkipped } from './format';

const source: LogSource = {
  id: 1,
  namespace: 'team-a',
  pod: 'web-1',
  container: 'nginx',
  init: false,
  state: 'streaming',
};
const line = [1, '2026-11-22T00:00:01.5Z', 'GET / 200'] as const;

describe('formatLine', () => {
  it('prints kail-style plain text off a terminal', () => {
    expect(formatLine([...line], source, { output: 'text', color: false, timestamps: false })).toBe(
      'team-a/web-1[nginx] GET / 200',
    );
    expect(formatLine([...line], source, { output: 'text', color: false, timestamps: true })).toBe(
      'team-a/web-1[nginx] 2026-11-22T00:00:01.5Z GET / 200',
    );
  });

  it('colors the prefix on a terminal, the same color for every container of a pod', () => {
    const a = formatLine([...line], source, { output: 'text', color: true, timestamps: false });
    const b = formatLine(
      [...line],
      { ...source, container: 'shipper' },
      {
        output: 'text',
        color: true,
        timestamps: false,
      },
    );
    const esc = String.fromCharCode(27);
    expect(a.startsWith(esc + '[')).toBe(true);
    expect(a.endsWith(`team-a/web-1[nginx]${esc}[0m GET / 200`)).toBe(true);
    expect(a.slice(0, 5)).toBe(b.slice(0, 5));
  });

  it('writes one JSON object per line', () => {
    expect(
      JSON.parse(formatLine([...line], source, { output: 'json', color: true, timestamps: false })),
    ).toEqual({
      namespace: 'team-a',
      pod: 'web-1',
      container: 'nginx',
      time: '2026-11-22T00:00:01.5Z',
      line: 'GET / 200',
    });
  });

  it('marks skipped lines explicitly', () => {
    expect(formatSkipped(12, 'text')).toMatch(/12 lines skipped/);
    expect(JSON.parse(formatSkipped(12, 'json'))).toEqual({ skipped: 12 });
  });
});
