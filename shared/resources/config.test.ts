import { describe, expect, it } from 'vitest';
import { configMapTable, secretTable } from './config';

const meta = { metadata: { name: 'settings', namespace: 'team-a', uid: 'u1' } };

describe('config rows', () => {
  it('counts a ConfigMap’s keys, text and binary', () => {
    const row = configMapTable.project({
      ...meta,
      data: { a: '1', b: '2' },
      binaryData: { c: 'AA==' },
    });
    expect(row.cells).toEqual({ keys: 3 });
  });

  it('shows a Secret’s type and key count, never its values', () => {
    const row = secretTable.project({
      ...meta,
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': 'c2VjcmV0', 'tls.key': 'c2VjcmV0' },
    });
    expect(row.cells).toEqual({ type: 'kubernetes.io/tls', keys: 2 });
    expect(JSON.stringify(row)).not.toContain('c2VjcmV0');
  });

  it('defaults a Secret to Opaque with no keys', () => {
    expect(secretTable.project(meta).cells).toEqual({ type: 'Opaque', keys: 0 });
  });
});
