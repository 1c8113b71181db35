import { describe, expect, it } from 'vitest';
import { hostsLine, planService, projectService } from './namespace-plan';

const service = (spec: Record<string, unknown>, name = 'web') =>
  projectService({ metadata: { name, namespace: 'team-a', uid: `u-${name}` }, spec });

describe('planService: what the namespace forward does with each Service', () => {
  it('forwards every TCP port of a Service with a selector', () => {
    const plan = planService(
      service({
        selector: { app: 'web' },
        ports: [
          { name: 'http', port: 80, targetPort: 'http' },
          { name: 'metrics', port: 9113, protocol: 'TCP' },
        ],
      }),
    );
    expect(plan).toEqual({
      action: 'forward',
      ports: [
        { name: 'http', port: 80, protocol: 'TCP' },
        { name: 'metrics', port: 9113, protocol: 'TCP' },
      ],
      skippedPorts: [],
      note: '',
    });
  });

  it('forwards a headless Service to one ready pod, and says so', () => {
    const plan = planService(
      service({ clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] }),
    );
    expect(plan).toMatchObject({ action: 'forward', note: 'headless: forwarded to one ready pod' });
  });

  it('skips UDP ports and says why; a Service with only UDP is skipped', () => {
    const mixed = planService(
      service({
        selector: { app: 'dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        ],
      }),
    );
    expect(mixed).toMatchObject({
      action: 'forward',
      ports: [{ name: 'dns-tcp', port: 53 }],
      skippedPorts: [{ name: 'dns', port: 53, reason: expect.stringMatching(/UDP/) }],
    });
    const udp = planService(
      service({ selector: { app: 'dns' }, ports: [{ port: 53, protocol: 'UDP' }] }),
    );
    expect(udp).toEqual({ action: 'skip', reason: expect.stringMatching(/no TCP port/) });
  });

  it('skips ExternalName and selector-less Services with the reason', () => {
    expect(
      planService(service({ type: 'ExternalName', externalName: 'payments.example.invalid' })),
    ).toEqual({
      action: 'skip',
      reason: expect.stringContaining(
        'ExternalName Service (a DNS alias of a name outside the cluster)',
      ),
    });
    expect(planService(service({ ports: [{ port: 80 }] }))).toEqual({
      action: 'skip',
      reason: expect.stringMatching(/^no selector/),
    });
    expect(planService(service({ selector: { a: 'b' } }))).toEqual({
      action: 'skip',
      reason: 'declares no ports',
    });
  });

  it('tolerates hostile shapes', () => {
    const odd = projectService({
      metadata: { name: 'x' },
      spec: { ports: [null, 'x', { port: 'eighty' }, { port: 70000 }, { port: 1 }] },
    });
    expect(odd.ports).toEqual([{ name: '', port: 1, protocol: 'TCP' }]);
    expect(odd.hasSelector).toBe(false);
  });
});

describe('hostsLine', () => {
  it('offers the short, namespaced and cluster names', () => {
    expect(hostsLine('127.1.0.3', 'team-a', 'web')).toBe(
      '127.1.0.3 web web.team-a web.team-a.svc.cluster.local',
    );
  });
});
