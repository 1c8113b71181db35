import { describe, expect, it } from 'vitest';
import {
  allocatedPercent,
  formatAllocated,
  formatCpu,
  formatMemory,
  sharePercent,
  topPercent,
} from './format';
import { cpuMillicores, parseQuantity, quantityBytes } from '../kube/quantity';

describe('kubectl top formatting', () => {
  it('writes CPU as MilliValue: nanocores rounded UP to whole millicores', () => {
    expect(formatCpu(0)).toBe('0m');
    expect(formatCpu(0.000001)).toBe('1m'); // 1n
    expect(formatCpu(156.007169)).toBe('157m'); // 156007169n
    expect(formatCpu(250)).toBe('250m');
    expect(formatCpu(1500)).toBe('1500m');
  });

  it('writes memory as Value()/(1024*1024), truncated', () => {
    expect(formatMemory(197798796)).toBe('188Mi');
    expect(formatMemory(1024 * 1024 - 1)).toBe('0Mi');
    expect(formatMemory(64 * 1024 * 1024)).toBe('64Mi');
  });

  it('treats hostile numbers as zero', () => {
    expect(formatCpu(-5)).toBe('0m');
    expect(formatCpu(Number.NaN)).toBe('0m');
    expect(formatMemory(Number.POSITIVE_INFINITY)).toBe('0Mi');
  });

  it('reads every suffix kubectl accepts through the shared quantity parser', () => {
    const cpu: [string, number][] = [
      ['100n', 1],
      ['1500u', 2],
      ['250m', 250],
      ['1', 1000],
      ['1.5', 1500],
      ['2k', 2_000_000],
      ['1e-3', 1],
      ['0.1m', 1],
    ];
    for (const [text, milli] of cpu) expect(cpuMillicores(text), text).toBe(milli);
    const bytes: [string, number][] = [
      ['128974848', 128974848],
      ['129e6', 129_000_000],
      ['129M', 129_000_000],
      ['123Mi', 123 * 2 ** 20],
      ['1Ki', 1024],
      ['1Gi', 2 ** 30],
      ['1Ti', 2 ** 40],
      ['1G', 1e9],
      ['0.1Ki', 103],
      ['1.5Gi', 1.5 * 2 ** 30],
    ];
    for (const [text, n] of bytes) expect(quantityBytes(text), text).toBe(n);
    expect(parseQuantity('12 Mi')).toBeUndefined();
    expect(parseQuantity('1Mb')).toBeUndefined();
  });
});

describe('percentages', () => {
  it("computes kubectl top node's CPU% and MEMORY% of allocatable, truncated", () => {
    expect(topPercent('cpu', 1321.2, 4000)).toBe(33); // 1322m of 4
    expect(topPercent('cpu', 805, 1000)).toBe(80);
    expect(topPercent('memory', 2435 * 2 ** 20, 8 * 2 ** 30)).toBe(29);
    expect(topPercent('cpu', 10, null)).toBeUndefined();
    expect(topPercent('cpu', 10, 0)).toBeUndefined();
  });

  it('computes describe node "Allocated resources" percentages, 0 without allocatable', () => {
    expect(allocatedPercent('cpu', 1755, 4000)).toBe(43);
    expect(allocatedPercent('memory', 2472 * 2 ** 20, 8 * 2 ** 30)).toBe(30);
    expect(allocatedPercent('memory', 1536 * 2 ** 20, 8 * 2 ** 30)).toBe(18);
    expect(allocatedPercent('cpu', 100, null)).toBe(0);
  });

  it('shares usage against a request or limit; none when it is not set', () => {
    expect(sharePercent('cpu', 125.5, 250)).toBe(50); // 126m of 250m
    expect(sharePercent('memory', 300 * 2 ** 20, 256 * 2 ** 20)).toBe(117);
    expect(sharePercent('cpu', 10, null)).toBeUndefined();
    expect(sharePercent('cpu', 10, 0)).toBeUndefined();
  });

  it('writes allocated sums the way describe node prints them', () => {
    expect(formatAllocated('cpu', 1755)).toBe('1755m');
    expect(formatAllocated('cpu', 1000)).toBe('1');
    expect(formatAllocated('memory', 2472 * 2 ** 20)).toBe('2472Mi');
    expect(formatAllocated('memory', 2 ** 30)).toBe('1Gi');
    expect(formatAllocated('memory', 0)).toBe('0');
  });
});
