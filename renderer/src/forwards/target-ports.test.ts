import { describe, expect, it } from 'vitest';
import { MAX_PORTS, portLabel, targetPorts, webScheme } from './target-ports';

describe('targetPorts', () => {
  it('lists a Service’s ports with the targetPort each reaches (named, numeric or defaulted)', () => {
    const svc = {
      spec: {
        ports: [
          { name: 'http', port: 80, targetPort: 'http' },
          { name: 'metrics', port: 9113, targetPort: 9113, appProtocol: 'http' },
          { port: 5432 },
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        ],
      },
    };
    expect(targetPorts('services', svc)).toEqual([
      { port: 80, name: 'http', protocol: 'TCP', targetPort: 'http' },
      { port: 9113, name: 'metrics', protocol: 'TCP', targetPort: 9113, appProtocol: 'http' },
      { port: 5432, name: '', protocol: 'TCP', targetPort: 5432 },
      { port: 53, name: 'dns', protocol: 'UDP', targetPort: 53 },
    ]);
  });

  it('lists a pod’s container ports, running sidecars included, and a workload’s template’s', () => {
    const podSpec = {
      initContainers: [
        { name: 'setup', ports: [{ containerPort: 1 }] },
        { name: 'mesh', restartPolicy: 'Always', ports: [{ name: 'admin', containerPort: 15000 }] },
      ],
      containers: [
        { name: 'app', ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 9090 }] },
        { name: 'dup', ports: [{ name: 'again', containerPort: 8080 }] },
      ],
    };
    const expected = [
      { port: 8080, name: 'http', protocol: 'TCP', container: 'app' },
      { port: 9090, name: '', protocol: 'TCP', container: 'app' },
      { port: 15000, name: 'admin', protocol: 'TCP', container: 'mesh' },
    ];
    expect(targetPorts('pods', { spec: podSpec })).toEqual(expected);
    expect(targetPorts('deployments', { spec: { template: { spec: podSpec } } })).toEqual(expected);
  });

  it('survives whatever the cluster wrote: wrong types, bad numbers, too many ports', () => {
    expect(targetPorts('pods', undefined)).toEqual([]);
    expect(targetPorts('services', { spec: { ports: 'nope' } as never })).toEqual([]);
    const bad = { spec: { ports: [{ port: 0 }, { port: 70000 }, { port: 1.5 }, { port: '80' }] } };
    expect(targetPorts('services', bad as never)).toEqual([]);
    const many = { spec: { ports: Array.from({ length: 500 }, (_, i) => ({ port: i + 1 })) } };
    expect(targetPorts('services', many)).toHaveLength(MAX_PORTS);
    const long = { spec: { ports: [{ name: 'x'.repeat(10_000), port: 1 }] } };
    expect(targetPorts('services', long)[0]!.name).toHaveLength(63);
  });
});

describe('portLabel', () => {
  it('names a port by name and number, with where it leads', () => {
    expect(portLabel({ port: 80, name: 'http', protocol: 'TCP', targetPort: 'http' })).toBe(
      'http 80 → http',
    );
    expect(portLabel({ port: 5432, name: '', protocol: 'TCP', targetPort: 5432 })).toBe('5432');
    expect(portLabel({ port: 8080, name: 'http', protocol: 'TCP', container: 'app' })).toBe(
      'http 8080 (container app)',
    );
    expect(portLabel({ port: 53, name: 'dns', protocol: 'UDP' })).toBe('dns 53 UDP');
  });
});

describe('webScheme', () => {
  it('trusts appProtocol first, then the name, then a well-known number', () => {
    expect(webScheme({ port: 1234, appProtocol: 'https' })).toBe('https');
    expect(webScheme({ port: 80, appProtocol: 'grpc' })).toBeUndefined();
    expect(webScheme({ port: 1234, name: 'http-api' })).toBe('http');
    expect(webScheme({ port: 1234, name: 'https' })).toBe('https');
    expect(webScheme({ port: 1234, name: 'metrics-http' })).toBe('http');
    expect(webScheme({ port: 5432, name: 'postgres' })).toBeUndefined();
    expect(webScheme({ port: 8080 })).toBe('http');
    expect(webScheme({ port: 8443 })).toBe('https');
    expect(webScheme({ port: 5432 })).toBeUndefined();
  });
});
