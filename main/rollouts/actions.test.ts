import { describe, expect, it } from 'vitest';
import { partitionPatch, pausePatch, restartPatch, rfc3339 } from './actions';

describe('rollout actions as kubectl patches them', () => {
  const now = new Date('2026-12-02T23:50:01.789Z');

  it("restart sets the template's restartedAt in Go's RFC 3339 (seconds)", () => {
    const stamp = rfc3339(now);
    expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
    expect(restartPatch('daemonsets', { spec: {} }, now)).toEqual({
      spec: {
        template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': stamp } } },
      },
    });
  });

  it('restart refuses a paused Deployment, and a second restart within the same second', () => {
    expect(() => restartPatch('deployments', { spec: { paused: true } }, now)).toThrow(
      "can't restart paused deployment (run rollout resume first)",
    );
    const stamped = {
      metadata: { name: 'web' },
      spec: {
        template: {
          metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': rfc3339(now) } },
        },
      },
    };
    expect(() => restartPatch('statefulsets', stamped, now)).toThrow(/within the past second/);
  });

  it('pause sets spec.paused; resume removes it; both refuse what kubectl refuses', () => {
    expect(pausePatch({ spec: {} }, true)).toEqual({ spec: { paused: true } });
    expect(pausePatch({ spec: { paused: true } }, false)).toEqual({ spec: { paused: null } });
    expect(() => pausePatch({ metadata: { name: 'w' }, spec: { paused: true } }, true)).toThrow(
      'deployments.apps "w" is already paused',
    );
    expect(() => pausePatch({ metadata: { name: 'w' }, spec: {} }, false)).toThrow(
      'deployments.apps "w" is not paused',
    );
  });

  it('partition applies to RollingUpdate StatefulSets only', () => {
    expect(partitionPatch({ spec: {} }, 2)).toEqual({
      spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } },
    });
    expect(() => partitionPatch({ spec: { updateStrategy: { type: 'OnDelete' } } }, 1)).toThrow(
      /OnDelete/,
    );
  });
});
