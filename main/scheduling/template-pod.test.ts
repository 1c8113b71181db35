import { describe, expect, it } from 'vitest';
import { PilotError } from '../../shared/contract/errors';
import { defaultedSpec, podFromManifest, podFromWorkload } from './template-pod';

const container = { name: 'app', image: 'x' };

describe('defaultedSpec (API defaulting and DefaultTolerationSeconds)', () => {
  it('turns limits without requests into requests, keeping explicit requests', () => {
    const spec = defaultedSpec({
      containers: [
        {
          ...container,
          resources: { limits: { cpu: '2', 'nvidia.com/gpu': '1' }, requests: { cpu: '1' } },
        },
      ],
      initContainers: [{ ...container, resources: { limits: { memory: '1Gi' } } }],
    });
    expect((spec['containers'] as { resources: unknown }[])[0]!.resources).toEqual({
      limits: { cpu: '2', 'nvidia.com/gpu': '1' },
      requests: { cpu: '1', 'nvidia.com/gpu': '1' },
    });
    expect((spec['initContainers'] as { resources: unknown }[])[0]!.resources).toEqual({
      limits: { memory: '1Gi' },
      requests: { memory: '1Gi' },
    });
    expect(spec['schedulerName']).toBe('default-scheduler');
  });

  it('adds the not-ready/unreachable NoExecute tolerations (300 s) unless covered', () => {
    const spec = defaultedSpec({
      containers: [container],
      tolerations: [
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 5,
        },
      ],
    });
    expect(spec['tolerations']).toEqual([
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 5,
      },
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ]);
    expect(
      defaultedSpec({ containers: [container], tolerations: [{ operator: 'Exists' }] })[
        'tolerations'
      ],
    ).toEqual([{ operator: 'Exists' }]);
  });
});

describe('podFromWorkload', () => {
  const workload = (kind: string, spec: Record<string, unknown> = {}) => ({
    kind,
    metadata: { name: 'w', namespace: 'ns' },
    spec: {
      template: { metadata: { labels: { app: 'w' } }, spec: { containers: [container], ...spec } },
    },
  });

  it("gives a DaemonSet's pods the controller's tolerations (network-unavailable with hostNetwork)", () => {
    const pod = podFromWorkload('daemonsets', workload('DaemonSet', { hostNetwork: true }));
    const keys = (pod.spec!['tolerations'] as { key: string; effect: string }[]).map(
      (t) => `${t.key}:${t.effect}`,
    );
    expect(keys).toEqual(
      expect.arrayContaining([
        'node.kubernetes.io/not-ready:NoExecute',
        'node.kubernetes.io/unreachable:NoExecute',
        'node.kubernetes.io/disk-pressure:NoSchedule',
        'node.kubernetes.io/memory-pressure:NoSchedule',
        'node.kubernetes.io/pid-pressure:NoSchedule',
        'node.kubernetes.io/unschedulable:NoSchedule',
        'node.kubernetes.io/network-unavailable:NoSchedule',
      ]),
    );
    expect(pod.metadata).toMatchObject({ namespace: 'ns', labels: { app: 'w' } });
  });

  it("labels a Job's pods with the job name; refuses a template without containers", () => {
    expect(podFromWorkload('jobs', workload('Job')).metadata?.labels).toMatchObject({
      'batch.kubernetes.io/job-name': 'w',
      'job-name': 'w',
    });
    expect(() => podFromWorkload('deployments', { spec: { template: { spec: {} } } })).toThrow(
      PilotError,
    );
  });
});

describe('podFromManifest', () => {
  it('accepts a Pod, a workload, a CronJob, a template and a bare pod spec', () => {
    const pod = podFromManifest(
      { kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [container] } },
      'ns',
    );
    expect(pod.metadata).toMatchObject({ name: 'p', namespace: 'ns' });
    expect(
      podFromManifest(
        { kind: 'Deployment', spec: { template: { spec: { containers: [container] } } } },
        'ns',
      ).spec?.['containers'],
    ).toHaveLength(1);
    const cron = podFromManifest(
      {
        kind: 'CronJob',
        spec: { jobTemplate: { spec: { template: { spec: { containers: [container] } } } } },
      },
      'ns',
    );
    expect(cron.spec?.['containers']).toHaveLength(1);
    expect(
      podFromManifest({ metadata: { labels: { a: 'b' } }, spec: { containers: [container] } }, 'ns')
        .metadata?.labels,
    ).toEqual({ a: 'b' });
    expect(
      podFromManifest({ containers: [container], nodeSelector: { a: 'b' } }, 'ns').spec?.[
        'nodeSelector'
      ],
    ).toEqual({ a: 'b' });
  });

  it('refuses what has no pod, and a namespace other than the one asked', () => {
    const code = (f: () => unknown) => {
      try {
        f();
        return 'ok';
      } catch (e) {
        return (e as PilotError).code;
      }
    };
    expect(code(() => podFromManifest({ kind: 'ConfigMap' }, 'ns'))).toBe('Invalid');
    expect(code(() => podFromManifest('text', 'ns'))).toBe('Invalid');
    expect(code(() => podFromManifest({ replicas: 3 }, 'ns'))).toBe('Invalid');
    expect(
      code(() =>
        podFromManifest(
          { kind: 'Pod', metadata: { namespace: 'other' }, spec: { containers: [container] } },
          'ns',
        ),
      ),
    ).toBe('Invalid');
  });
});
