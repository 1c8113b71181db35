import { describe, expect, it } from 'vitest';
import {
  figuresOf,
  podLimits,
  podRequests,
  sumResourceLists,
  type PodResourceSource,
} from './pod-resources';

const Mi = 2 ** 20;
const figures = (pod: PodResourceSource) => figuresOf(podRequests(pod), podLimits(pod));

describe('pod requests and limits (kubectl PodRequestsAndLimits)', () => {
  it('sums regular containers', () => {
    expect(
      figures({
        spec: {
          containers: [
            {
              name: 'a',
              resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1' } },
            },
            { name: 'b', resources: { requests: { cpu: '0.25' } } },
          ],
        },
      }),
    ).toEqual([350, 64 * Mi, 1000, null]);
  });

  it('takes the largest init container when it is larger than the containers', () => {
    expect(
      figures({
        spec: {
          initContainers: [
            { name: 'i', resources: { requests: { cpu: '2' }, limits: { memory: '1Gi' } } },
          ],
          containers: [
            { name: 'a', resources: { requests: { cpu: '500m' }, limits: { memory: '256Mi' } } },
          ],
        },
      }),
    ).toEqual([2000, null, null, 1024 * Mi]);
  });

  it('adds sidecars (restartable init containers) to the sum and to later init containers', () => {
    const pod: PodResourceSource = {
      spec: {
        initContainers: [
          { name: 'proxy', restartPolicy: 'Always', resources: { requests: { cpu: '100m' } } },
          { name: 'migrate', resources: { requests: { cpu: '800m' } } },
        ],
        containers: [{ name: 'app', resources: { requests: { cpu: '300m' } } }],
      },
    };
    // sum 300m + proxy 100m = 400m; migrate runs beside the proxy: 900m is the maximum.
    expect(figures(pod)[0]).toBe(900);
  });

  it('adds the overhead to requests, and to limits only where one is set', () => {
    const pod: PodResourceSource = {
      spec: {
        overhead: { cpu: '250m', memory: '120Mi' },
        containers: [{ name: 'a', resources: { requests: { cpu: '1' }, limits: { cpu: '2' } } }],
      },
    };
    expect(figures(pod)).toEqual([1250, 120 * Mi, 2250, null]);
  });

  it('counts a resized container at its largest known size', () => {
    const pod: PodResourceSource = {
      spec: { containers: [{ name: 'a', resources: { requests: { cpu: '100m' } } }] },
      status: {
        containerStatuses: [
          {
            name: 'a',
            resources: { requests: { cpu: '300m' } },
            allocatedResources: { cpu: '200m' },
          },
        ],
      },
    };
    expect(figures(pod)[0]).toBe(300);
    // Infeasible: the spec's new size is not counted, the status and allocation are.
    pod.status!.conditions = [{ type: 'PodResizePending', reason: 'Infeasible' }];
    pod.spec!.containers = [{ name: 'a', resources: { requests: { cpu: '900m' } } }];
    expect(figures(pod)[0]).toBe(300);
  });

  it('rounds the exact sum once, as kubectl sums Quantities', () => {
    const third = { name: 'x', resources: { requests: { cpu: '0.0004' } } };
    const pod: PodResourceSource = { spec: { containers: [third, { ...third, name: 'y' }] } };
    // 0.4m + 0.4m = 0.8m -> 1m (rounding each first would give 2m).
    expect(figures(pod)[0]).toBe(1);
    const total = sumResourceLists([podRequests(pod), podRequests(pod), podRequests(pod)]);
    expect(figuresOf(total, new Map())[0]).toBe(3); // 2.4m -> 3m
  });

  it('ignores hostile shapes instead of throwing', () => {
    const hostile = {
      spec: {
        containers: 'nope',
        initContainers: [null, 5, { name: 'i', resources: { requests: 'x' } }],
      },
      status: { containerStatuses: {} },
    } as unknown as PodResourceSource;
    expect(figures(hostile)).toEqual([null, null, null, null]);
    expect(
      figures({
        spec: {
          containers: [{ name: 'a', resources: { requests: { cpu: 'lots', memory: '1Mi' } } }],
        },
      }),
    ).toEqual([null, Mi, null, null]);
  });
});
