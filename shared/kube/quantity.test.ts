import { describe, expect, it } from 'vitest';
import {
  cpuMillicores,
  milliValue,
  parseQuantity,
  quantityBytes,
  resourceAmount,
  unitValue,
} from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['100m', 100],
    ['1', 1000],
    ['1.5', 1500],
    ['0.1m', 1], // rounds up, as MilliValue does
    ['250000u', 250],
    ['1000000n', 1],
    ['1n', 1],
    ['2k', 2_000_000],
    ['1e3', 1_000_000],
    ['1E-3', 1],
    ['+5', 5000],
    ['.5', 500],
    ['5.', 5000],
  ])('%s is %d millicores', (text, millis) => {
    expect(cpuMillicores(text)).toBe(millis);
  });

  it.each([
    ['1Ki', 1024],
    ['64Mi', 64 * 2 ** 20],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['0.1Ki', 103], // 102.4 rounds up, as Value does
    ['1Ti', 2 ** 40],
    ['1Pi', 2 ** 50],
    ['1M', 1e6],
    ['1G', 1e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['1E', 1e18],
    ['129e6', 129e6],
    ['12345', 12345],
    ['1m', 1],
  ])('%s is %d bytes', (text, bytes) => {
    expect(quantityBytes(text)).toBe(bytes);
  });

  it('rounds negative quantities away from zero, like the API', () => {
    expect(cpuMillicores('-0.1m')).toBe(-1);
    expect(unitValue(parseQuantity('-1.5')!)).toBe(-2);
  });

  it.each([
    '',
    'abc',
    '1Qi',
    '1.2.3',
    '--1',
    '1 Mi',
    'Mi',
    '.',
    '1e',
    '1e99999999',
    '1'.repeat(100),
  ])('refuses %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  it('is exact where floating point is not', () => {
    const q = parseQuantity('0.3')!;
    expect(milliValue(q)).toBe(300);
    expect(q).toEqual({ numerator: 3n, denominator: 10n });
  });

  it('reads cpu in millicores and everything else in units', () => {
    expect(resourceAmount('cpu', '2')).toBe(2000);
    expect(resourceAmount('memory', '1Gi')).toBe(2 ** 30);
    expect(resourceAmount('nvidia.com/gpu', '1')).toBe(1);
    expect(resourceAmount('pods', '110')).toBe(110);
  });
});
