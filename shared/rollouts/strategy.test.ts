// Strategy numbers resolved as the controllers resolve them (see strategy.ts for the sources).
import { describe, expect, it } from 'vitest';
import {
  daemonSetStrategy,
  deploymentStrategy,
  scaledValue,
  statefulSetStrategy,
} from './strategy';

describe('scaledValue (intstr.GetScaledValueFromIntOrPercent)', () => {
  it.each([
    [1, 10, true, 1],
    ['25%', 10, true, 3],
    ['25%', 10, false, 2],
    ['25%', 3, true, 1],
    ['25%', 3, false, 0],
    ['100%', 7, false, 7],
    ['0%', 7, true, 0],
    ['33%', 100, false, 33],
    ['1%', 1, true, 1],
  ] as const)('%s of %i (round up %s) = %i', (value, total, up, want) => {
    expect(scaledValue(value, total, up)).toBe(want);
  });
  it('refuses what apimachinery refuses', () => {
    expect(() => scaledValue('25', 4, true)).toThrow('invalid type: string is not a percentage');
    expect(() => scaledValue('x%', 4, true)).toThrow('invalid value "x%"');
    expect(() => scaledValue(null, 4, true)).toThrow('nil value for IntOrString');
  });
});

describe('deployment strategy (ResolveFenceposts)', () => {
  it('defaults to 25%/25%: surge rounds up, unavailable down', () => {
    expect(deploymentStrategy({}, 3)).toEqual({
      type: 'RollingUpdate',
      maxSurge: { spec: '25%', pods: 1, percent: 33 },
      maxUnavailable: { spec: '25%', pods: 0, percent: 0 },
    });
    expect(deploymentStrategy({}, 10)).toMatchObject({
      maxSurge: { pods: 3, percent: 30 },
      maxUnavailable: { pods: 2, percent: 20 },
    });
  });
  it('both resolving to 0 makes maxUnavailable 1', () => {
    const s = deploymentStrategy(
      {
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: '10%', maxUnavailable: '10%' },
        },
      },
      0,
    );
    expect(s.maxSurge?.pods).toBe(0);
    expect(s.maxUnavailable).toEqual({ spec: '10%', pods: 1, percent: null });
    expect(
      deploymentStrategy({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: '20%' } } }, 4)
        .maxUnavailable?.pods,
    ).toBe(1);
  });
  it('integers are pods, shown as a share of desired too', () => {
    expect(
      deploymentStrategy(
        { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: 0 } } },
        4,
      ),
    ).toEqual({
      type: 'RollingUpdate',
      maxSurge: { spec: '2', pods: 2, percent: 50 },
      maxUnavailable: { spec: '0', pods: 0, percent: 0 },
    });
  });
  it('Recreate has no numbers; an invalid value is named', () => {
    expect(deploymentStrategy({ strategy: { type: 'Recreate' } }, 3)).toEqual({ type: 'Recreate' });
    expect(
      deploymentStrategy({ strategy: { rollingUpdate: { maxSurge: 'lots' } } }, 3).invalid,
    ).toBe('invalid type: string is not a percentage');
  });
});

describe('daemon set strategy (SurgeCount, UnavailableCount)', () => {
  it('both round up, of the desired number scheduled', () => {
    expect(
      daemonSetStrategy(
        {
          updateStrategy: {
            type: 'RollingUpdate',
            rollingUpdate: { maxUnavailable: '25%', maxSurge: '10%' },
          },
        },
        5,
      ),
    ).toEqual({
      type: 'RollingUpdate',
      maxSurge: { spec: '10%', pods: 1, percent: 20 },
      maxUnavailable: { spec: '25%', pods: 2, percent: 40 },
    });
  });
  it('the API default (maxUnavailable 1, maxSurge 0)', () => {
    expect(
      daemonSetStrategy(
        {
          updateStrategy: {
            type: 'RollingUpdate',
            rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
          },
        },
        4,
      ),
    ).toMatchObject({
      maxSurge: { pods: 0 },
      maxUnavailable: { pods: 1, percent: 25 },
    });
  });
  it('both 0 with pods to schedule: maxUnavailable 1; OnDelete has no numbers', () => {
    expect(
      daemonSetStrategy(
        {
          updateStrategy: {
            type: 'RollingUpdate',
            rollingUpdate: { maxUnavailable: '0%', maxSurge: 0 },
          },
        },
        3,
      ).maxUnavailable?.pods,
    ).toBe(1);
    expect(
      daemonSetStrategy(
        {
          updateStrategy: {
            type: 'RollingUpdate',
            rollingUpdate: { maxUnavailable: '0%', maxSurge: 0 },
          },
        },
        0,
      ).maxUnavailable?.pods,
    ).toBe(0);
    expect(daemonSetStrategy({ updateStrategy: { type: 'OnDelete' } }, 3)).toEqual({
      type: 'OnDelete',
    });
  });
});

describe('stateful set strategy', () => {
  it('partition, default 0; OnDelete', () => {
    expect(
      statefulSetStrategy(
        { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } },
        3,
      ),
    ).toEqual({ type: 'RollingUpdate', partition: 2 });
    expect(statefulSetStrategy({ updateStrategy: { type: 'RollingUpdate' } }, 3)).toEqual({
      type: 'RollingUpdate',
      partition: 0,
    });
    expect(statefulSetStrategy({ updateStrategy: { type: 'OnDelete' } }, 3)).toEqual({
      type: 'OnDelete',
    });
  });
  it('maxUnavailable rounds down, at least 1', () => {
    expect(
      statefulSetStrategy(
        { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } } },
        3,
      ).maxUnavailable,
    ).toEqual({ spec: '10%', pods: 1, percent: 33 });
    expect(
      statefulSetStrategy(
        { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '50%' } } },
        5,
      ).maxUnavailable?.pods,
    ).toBe(2);
  });
});
