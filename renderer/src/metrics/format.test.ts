import { describe, expect, it } from 'vitest';
import {
  formatCpu,
  formatCpuShort,
  formatMemory,
  formatMemoryShort,
  formatShare,
  formatTime,
  sampledText,
  shareOf,
} from './format';

describe('kubectl top figures', () => {
  it('rounds CPU up to whole millicores, as MilliValue does', () => {
    expect(formatCpu(0)).toBe('0m');
    expect(formatCpu(0.000001)).toBe('1m');
    expect(formatCpu(12.3)).toBe('13m');
    expect(formatCpu(250)).toBe('250m');
  });

  it('writes memory in whole Mi, cut down as kubectl top prints Value()/(1024*1024)', () => {
    expect(formatMemory(0)).toBe('0Mi');
    expect(formatMemory(1024 * 1024 - 1)).toBe('0Mi');
    expect(formatMemory(128 * 1024 * 1024 + 5)).toBe('128Mi');
  });

  it('writes axis figures short', () => {
    expect(formatCpuShort(1500)).toBe('1.5 cores');
    expect(formatCpuShort(1000)).toBe('1 core');
    expect(formatCpuShort(42.4)).toBe('42m');
    expect(formatMemoryShort(3 * 1024 * 1024 * 1024)).toBe('3Gi');
    expect(formatMemoryShort(1536 * 1024)).toBe('1.5Mi');
    expect(formatMemoryShort(512)).toBe('512B');
  });

  it('shares only against a set, positive figure', () => {
    expect(shareOf(50, 200)).toBe(0.25);
    expect(shareOf(50, null)).toBeUndefined();
    expect(shareOf(50, 0)).toBeUndefined();
    expect(formatShare(0.254)).toBe('25%');
    expect(formatShare(undefined)).toBe('—');
  });
});

describe('sample times', () => {
  it('writes the local time on a 24-hour clock, midnight as 00', () => {
    expect(formatTime(new Date(2026, 0, 1, 0, 5, 7).getTime())).toBe('00:05:07');
    expect(formatTime(new Date(2026, 0, 1, 13, 5, 7).getTime())).toBe('13:05:07');
    // The same text as toLocaleTimeString gives, through one formatter for every call.
    for (let h = 0; h < 24; h++) {
      const at = new Date(2026, 5, 30, h, 59, 1).getTime();
      expect(formatTime(at)).toBe(new Date(at).toLocaleTimeString('en-GB', { hour12: false }));
    }
    expect(sampledText(new Date(2026, 0, 1, 9, 0, 0).getTime(), 15_000)).toBe(
      'sampled 09:00:00 (15 s window)',
    );
  });
});
