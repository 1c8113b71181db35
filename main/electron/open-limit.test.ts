import { describe, expect, it } from 'vitest';
import { EXTERNAL_OPEN_MIN_INTERVAL_MS, externalOpenLimiter } from './open-limit';

describe('external open limit', () => {
  it('lets the first open through and drops a burst', () => {
    let clock = 5_000;
    const mayOpen = externalOpenLimiter(() => clock);
    expect(mayOpen()).toBe(true);
    const burst = Array.from({ length: 1_000 }, () => mayOpen());
    expect(burst.filter(Boolean)).toHaveLength(0);
    clock += EXTERNAL_OPEN_MIN_INTERVAL_MS - 1;
    expect(mayOpen()).toBe(false);
    clock += 1;
    expect(mayOpen()).toBe(true);
  });

  it('a dropped attempt does not push the next allowed open back', () => {
    let clock = 0;
    const mayOpen = externalOpenLimiter(() => clock);
    expect(mayOpen()).toBe(true);
    clock = EXTERNAL_OPEN_MIN_INTERVAL_MS / 2;
    expect(mayOpen()).toBe(false);
    clock = EXTERNAL_OPEN_MIN_INTERVAL_MS;
    expect(mayOpen()).toBe(true);
  });
});
