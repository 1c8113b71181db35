import { describe, expect, it } from 'vitest';
import { isCustomGroup } from './discovery';

describe('isCustomGroup', () => {
  it.each([
    ['apps', false],
    ['batch', false],
    ['networking.k8s.io', false],
    ['metrics.k8s.io', false],
    ['kwok.x-k8s.io', true],
    ['cert-manager.io', true],
    ['monitoring.coreos.com', true],
  ])('%s → %s', (group, custom) => expect(isCustomGroup(group)).toBe(custom));
});
