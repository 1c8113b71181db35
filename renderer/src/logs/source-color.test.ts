import { describe, expect, it } from 'vitest';
import { sourceHue } from './source-color';

describe('sourceHue', () => {
  it('is stable and on the 15° grid', () => {
    const hue = sourceHue('team-a/web-1[nginx]');
    expect(sourceHue('team-a/web-1[nginx]')).toBe(hue);
    expect(hue % 15).toBe(0);
    expect(hue).toBeGreaterThanOrEqual(0);
    expect(hue).toBeLessThan(360);
  });
  it('spreads similar names over several hues', () => {
    const hues = new Set(
      ['nginx', 'log-shipper'].flatMap((c) =>
        [1, 2, 3].map((i) => sourceHue(`team-a/web-${i}[${c}]`)),
      ),
    );
    expect(hues.size).toBeGreaterThanOrEqual(4);
  });
});
