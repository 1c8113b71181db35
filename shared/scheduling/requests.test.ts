import { describe, expect, it } from 'vitest';
import { countsAsResource, podRequests } from './requests';

const c = (
  name: string,
  requests: Record<string, string>,
  extra: Record<string, unknown> = {},
) => ({
  name,
  resources: { requests },
  ...extra,
});
const req = (
  spec: Record<string, unknown>,
  useStatus = false,
  status: Record<string, unknown> = {},
) => Object.fromEntries(podRequests({ spec, status }, useStatus));

describe('pod requests as the scheduler computes them (resource.PodRequests)', () => {
  it('sums containers; cpu in millicores, memory in bytes', () => {
    expect(
      req({
        containers: [c('a', { cpu: '250m', memory: '64Mi' }), c('b', { cpu: '0.5', memory: '1G' })],
      }),
    ).toEqual({
      cpu: 750,
      memory: 64 * 2 ** 20 + 1e9,
    });
  });
  it('an init container raises the request to its own peak', () => {
    const spec = {
      containers: [c('a', { cpu: '100m' })],
      initContainers: [c('i', { cpu: '1', memory: '1Gi' })],
    };
    expect(req(spec)).toEqual({ cpu: 1000, memory: 2 ** 30 });
  });
  it('sidecars (restartPolicy Always) add to the containers and run beside later init containers', () => {
    const spec = {
      containers: [c('a', { cpu: '500m' })],
      initContainers: [
        c('side', { cpu: '200m' }, { restartPolicy: 'Always' }),
        c('init', { cpu: '600m' }),
      ],
    };
    // containers + sidecar = 700m; init peak = 600m + sidecar 200m = 800m -> 800m.
    expect(req(spec)).toEqual({ cpu: 800 });
    const lighter = {
      ...spec,
      initContainers: [spec.initContainers[0], c('init', { cpu: '100m' })],
    };
    expect(req(lighter)).toEqual({ cpu: 700 });
  });
  it('an init container declared before the sidecar does not run beside it', () => {
    const spec = {
      containers: [c('a', { cpu: '100m' })],
      initContainers: [
        c('init', { cpu: '300m' }),
        c('side', { cpu: '200m' }, { restartPolicy: 'Always' }),
      ],
    };
    expect(req(spec)).toEqual({ cpu: 300 });
  });
  it('adds spec.overhead', () => {
    expect(
      req({ containers: [c('a', { cpu: '100m' })], overhead: { cpu: '250m', memory: '120Mi' } }),
    ).toEqual({
      cpu: 350,
      memory: 120 * 2 ** 20,
    });
  });
  it('sums exactly before rounding up (0.5m + 0.5m = 1m, 0.1m alone = 1m)', () => {
    expect(req({ containers: [c('a', { cpu: '0.0005' }), c('b', { cpu: '0.0005' })] })).toEqual({
      cpu: 1,
    });
    expect(req({ containers: [c('a', { cpu: '0.0001' })] })).toEqual({ cpu: 1 });
  });
  it('counts extended resources and ephemeral-storage; ignores names the scheduler does not count', () => {
    expect(
      req({
        containers: [
          c('a', {
            'nvidia.com/gpu': '2',
            'ephemeral-storage': '1Gi',
            'requests.foo/x': '1',
            foo: '1',
          }),
        ],
      }),
    ).toEqual({
      'nvidia.com/gpu': 2,
      'ephemeral-storage': 2 ** 30,
    });
    expect(countsAsResource('hugepages-2Mi')).toBe(true);
    expect(countsAsResource('kubernetes.io/batteries')).toBe(true);
  });
  it('for bound pods, resized container status resources count at their max', () => {
    const spec = { containers: [c('a', { cpu: '100m' })] };
    const status = {
      containerStatuses: [
        {
          name: 'a',
          resources: { requests: { cpu: '300m' } },
          allocatedResources: { cpu: '200m' },
        },
      ],
    };
    expect(req(spec, true, status)).toEqual({ cpu: 300 });
    expect(req(spec, false, status)).toEqual({ cpu: 100 });
  });
});
