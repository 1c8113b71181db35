import { describe, expect, it } from 'vitest';
import { formatLine, skippedLine, sourceLabel } from './format-line';

const web = { namespace: 'team-a', pod: 'web-1', container: 'nginx' };

describe('format-line', () => {
  it('names the source as kail does', () => {
    expect(sourceLabel(web)).toBe('team-a/web-1[nginx]');
  });
  it('puts the time between source and text when given', () => {
    expect(formatLine(web, '2024-05-01T10:00:00Z', 'GET /')).toBe(
      'team-a/web-1[nginx] 2024-05-01T10:00:00Z GET /',
    );
    expect(formatLine(web, undefined, 'GET /')).toBe('team-a/web-1[nginx] GET /');
    expect(formatLine(undefined, '', 'x')).toBe('? x');
  });
  it('marks gaps with their size', () => {
    expect(skippedLine(1)).toBe('--- 1 line skipped ---');
    expect(skippedLine(12345)).toBe('--- 12,345 lines skipped ---');
  });
});
