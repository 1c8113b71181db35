import { describe, expect, it } from 'vitest';
import { humanDuration } from './human-duration';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration matches kubectl', () => {
  it.each([
    [-5 * s, '<invalid>'],
    [-500, '0s'],
    [0, '0s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [3 * m + 20 * s, '3m20s'],
    [15 * m, '15m'],
    [179 * m, '179m'],
    [3 * h + 20 * m, '3h20m'],
    [5 * h, '5h'],
    [30 * h, '30h'],
    [2 * d + 3 * h, '2d3h'],
    [3 * d, '3d'],
    [100 * d, '100d'],
    [800 * d, '2y70d'],
    [3000 * d, '8y'],
  ])('%i ms → %s', (ms, text) => expect(humanDuration(ms)).toBe(text));
});
