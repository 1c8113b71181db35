// metrics-server scrapes kwok's simulated kubelets (Metric + ClusterResourceUsage objects).
import * as k8s from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { admin, eventually } from './cluster';

const metrics = new k8s.Metrics(admin);
const milli = (cpu: string) =>
  cpu.endsWith('n')
    ? Number(cpu.slice(0, -1)) / 1e6
    : cpu.endsWith('u')
      ? Number(cpu.slice(0, -1)) / 1e3
      : cpu.endsWith('m')
        ? Number(cpu.slice(0, -1))
        : Number(cpu) * 1000;

describe('metrics API', () => {
  it('serves pod metrics for the fixture pods', async () => {
    const list = await eventually(
      'pod metrics in team-a',
      async () => {
        const l = await metrics.getPodMetrics('team-a');
        return l.items.some((m) => m.metadata.name === 'db-0') ? l : undefined;
      },
      150_000,
      3000,
    );
    const db0 = list.items.find((m) => m.metadata.name === 'db-0')!;
    expect(db0.containers.map((c) => c.name).sort()).toEqual(['exporter', 'postgres']);
    for (const c of db0.containers) {
      expect(milli(c.usage.cpu)).toBeGreaterThan(0);
      expect(c.usage.memory).toMatch(/^\d+(Ki|Mi|Gi)?$/);
    }
  });

  it('serves node metrics for every fixture node', async () => {
    const list = await eventually(
      'node metrics',
      async () => {
        const l = await metrics.getNodeMetrics();
        return l.items.filter((m) => m.metadata.name.startsWith('pilot-')).length === 6
          ? l
          : undefined;
      },
      150_000,
      3000,
    );
    for (const m of list.items) expect(milli(m.usage.cpu)).toBeGreaterThanOrEqual(0);
  });

  it('reports usage that changes over time', async () => {
    // CPU of db-0's postgres container; metrics-server scrapes every 15 s and kwok re-draws
    // the usage on every scrape.
    const sample = async () => {
      const m = (await metrics.getPodMetrics('team-a')).items.find(
        (x) => x.metadata.name === 'db-0',
      );
      return m?.containers.find((c) => c.name === 'postgres')?.usage.cpu;
    };
    const first = await eventually('a first sample', sample, 150_000, 3000);
    const next = await eventually(
      'a different sample',
      async () => {
        const v = await sample();
        return v !== undefined && v !== first ? v : undefined;
      },
      60_000,
      3000,
    );
    expect(next).not.toBe(first);
  });
});
