import { describe, expect, it } from 'vitest';
import type { ApiTransport } from '../platform/http';
import { ListFormatError, ListSplitter } from '../platform/list-splitter';
import {
  listMetrics,
  metricsListPath,
  parseNodeMetrics,
  parsePodMetrics,
  parseWindowMs,
} from './metrics-api';

/** A transport whose lists answer `body`, streamed through the real splitter in 7-byte chunks. */
function answering(body: string): ApiTransport {
  const refuse = () => Promise.reject(new Error('not used'));
  return {
    list: refuse,
    watch: refuse,
    listItems: (_path, _query, onItem) => {
      const splitter = new ListSplitter((json) => onItem(JSON.parse(json)));
      const bytes = new TextEncoder().encode(body);
      for (let i = 0; i < bytes.length; i += 7) splitter.push(bytes.subarray(i, i + 7));
      splitter.end();
      return Promise.resolve(splitter.head ?? {});
    },
  };
}

describe('metrics API parsing', () => {
  it('reads a PodMetrics item exactly: nanocores, bytes, the pod as the sum of its containers', () => {
    const sample = parsePodMetrics({
      metadata: { name: 'db-0', namespace: 'team-a' },
      timestamp: '2026-12-03T03:15:02Z',
      window: '15.003s',
      containers: [
        { name: 'postgres', usage: { cpu: '221990075n', memory: '275514462' } },
        { name: 'exporter', usage: { cpu: '11999718n', memory: '256Mi' } },
      ],
    });
    expect(sample).toEqual({
      key: 'team-a/db-0',
      namespace: 'team-a',
      name: 'db-0',
      timestampMs: Date.parse('2026-12-03T03:15:02Z'),
      windowMs: 15_003,
      cpu: 233.989793,
      bytes: 275514462 + 256 * 2 ** 20,
      containers: [
        { name: 'postgres', cpu: 221.990075, bytes: 275514462 },
        { name: 'exporter', cpu: 11.999718, bytes: 256 * 2 ** 20 },
      ],
    });
  });

  it('reads a NodeMetrics item', () => {
    expect(
      parseNodeMetrics({
        metadata: { name: 'pilot-a1' },
        timestamp: '2026-12-03T03:15:02Z',
        window: '20s',
        usage: { cpu: '1.5', memory: '2Gi' },
      }),
    ).toMatchObject({ key: 'pilot-a1', cpu: 1500, bytes: 2 ** 31, windowMs: 20_000 });
  });

  it('reads Go durations', () => {
    expect(parseWindowMs('15s')).toBe(15_000);
    expect(parseWindowMs('1m0.5s')).toBe(60_500);
    expect(parseWindowMs('500ms')).toBe(500);
    expect(parseWindowMs('forever')).toBeUndefined();
    expect(parseWindowMs('99999h')).toBeUndefined();
  });

  it('skips hostile items and containers instead of throwing', () => {
    expect(parsePodMetrics(null)).toBeUndefined();
    expect(
      parsePodMetrics({ metadata: { name: 'x'.repeat(300), namespace: 'a' } }),
    ).toBeUndefined();
    const sample = parsePodMetrics({
      metadata: { name: 'p', namespace: 'a' },
      timestamp: '2026-12-03T03:15:02Z',
      window: '15s',
      containers: [
        null,
        { name: 'ok', usage: { cpu: '-5', memory: '1' } },
        { name: 'c', usage: { cpu: '1m', memory: '1Ki' } },
      ],
    });
    expect(sample?.containers).toEqual([{ name: 'c', cpu: 1, bytes: 1024 }]);
  });

  it('lists per namespace, all namespaces, or nodes', () => {
    expect(metricsListPath('pods', 'team-a')).toBe(
      '/apis/metrics.k8s.io/v1beta1/namespaces/team-a/pods',
    );
    expect(metricsListPath('pods', '')).toBe('/apis/metrics.k8s.io/v1beta1/pods');
    expect(metricsListPath('nodes', 'x')).toBe('/apis/metrics.k8s.io/v1beta1/nodes');
  });

  it('lists item by item, skipping items that do not parse; a broken list fails as one', async () => {
    const good = {
      metadata: { name: 'web-1', namespace: 'team-a' },
      timestamp: '2026-12-03T03:15:02Z',
      window: '15s',
      containers: [{ name: 'app', usage: { cpu: '1000000n', memory: '1Mi' } }],
    };
    const body = JSON.stringify({ metadata: {}, items: [good, { metadata: 7 }, 'junk', null] });
    const signal = new AbortController().signal;
    const samples = await listMetrics(answering(body), 'pods', '', signal);
    expect(samples.map((s) => s.key)).toEqual(['team-a/web-1']);
    await expect(listMetrics(answering(body.slice(0, 60)), 'pods', '', signal)).rejects.toThrow(
      ListFormatError,
    );
  });
});
