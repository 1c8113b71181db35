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

  it('escapes terminal controls in the text unless --raw, and ends a cut line with its marker', () => {
    const esc = String.fromCharCode(27);
    const hostile = [1, '2026-11-22T00:00:01.5Z', `${esc}]52;c;aGk=\x07x`, 9_961_472] as const;
    const options = { output: 'text', color: false, timestamps: false } as const;
    expect(formatLine([...hostile], source, options)).toBe(
      'team-a/web-1[nginx] \\x1b]52;c;aGk=\\x07x … [cut 9,961,472 bytes]',
    );
    expect(formatLine([...hostile], source, { ...options, raw: true })).toBe(
      `team-a/web-1[nginx] ${esc}]52;c;aGk=\x07x … [cut 9,961,472 bytes]`,
    );
    const json = formatLine([...hostile], source, { ...options, output: 'json' });
    expect(json).not.toContain(esc);
    expect(JSON.parse(json)).toMatchObject({ line: hostile[2], cut: 9_961_472 });
  });

  it('passes the workload colour, or strips it for NO_COLOR', () => {
    const esc = String.fromCharCode(27);
    const red = [1, '', `${esc}[31mred${esc}[0m`] as const;
    const options = { output: 'text', color: false, timestamps: false } as const;
    expect(formatLine([...red], source, options)).toBe(
      `team-a/web-1[nginx] ${esc}[31mred${esc}[0m${esc}[0m`,
    );
    expect(formatLine([...red], source, { ...options, workloadColour: 'strip' })).toBe(
      'team-a/web-1[nginx] red',
    );
  });

  it('marks skipped lines explicitly', () => {
    expect(formatSkipped(12, 'text')).toMatch(/12 lines skipped/);
    expect(JSON.parse(formatSkipped(12, 'json'))).toEqual({ skipped: 12 });
  });
});
