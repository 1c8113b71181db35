import { describe, expect, it } from 'vitest';
import {
  formatCpu,
  formatCpuShort,
  formatMemory,
  formatMemoryShort,
  formatShare,
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
