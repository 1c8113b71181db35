import { describe, expect, it } from 'vitest';
import { LogStore } from './log-store';
import { downloadName, retainedText } from './download';

describe('retainedText', () => {
  it('writes every retained line, filtered or not, with markers and a dropped note', () => {
    const store = new LogStore(3);
    store.apply([
      {
        type: 'sources',
        sources: [
          {
            id: 1,
            namespace: 'team-a',
            pod: 'web-1',
            container: 'nginx',
            init: false,
            state: 'streaming',
          },
        ],
      },
      {
        type: 'lines',
        lines: [
          [1, '2024-05-01T10:00:00Z', 'old'],
          [1, '2024-05-01T10:00:01Z', '\u001b[32mGET /\u001b[0m'],
        ],
      },
      { type: 'skipped', count: 2 },
      { type: 'lines', lines: [[1, '2024-05-01T10:00:02Z', 'GET /healthz']] },
    ]);
    store.setFilters({ include: [], exclude: ['GET'], hidden: new Set() });
    expect(retainedText(store)).toBe(
      [
        '--- 1 older lines were dropped (the buffer keeps 3) ---',
        'team-a/web-1[nginx] 2024-05-01T10:00:01Z GET /',
        '--- 2 lines skipped ---',
        'team-a/web-1[nginx] 2024-05-01T10:00:02Z GET /healthz',
        '',
      ].join('\n'),
    );
  });

  it('ends a line the engine cut with its marker', () => {
    const store = new LogStore(3);
    store.apply([
      {
        type: 'sources',
        sources: [
          { id: 1, namespace: 'ns', pod: 'p', container: 'c', init: false, state: 'streaming' },
        ],
      },
      { type: 'lines', lines: [[1, '2024-05-01T10:00:00Z', 'aaaa', 9_961_472]] },
    ]);
    expect(retainedText(store)).toBe('ns/p[c] 2024-05-01T10:00:00Z aaaa … [cut 9,961,472 bytes]\n');
  });

  it('is empty for an empty store', () => {
    expect(retainedText(new LogStore(3))).toBe('');
  });
});

describe('downloadName', () => {
  it('is safe and sortable', () => {
    expect(downloadName('arn:aws/eks prod', new Date('2024-05-01T10:00:00.123Z'))).toBe(
      'pilothouse-logs-arn_aws_eks_prod-20240501T100000Z.log',
    );
  });
});
