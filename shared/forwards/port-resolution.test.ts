import { describe, expect, it } from 'vitest';
import { podPort, serviceTargetPort, servicePortNumber } from './port-resolution';
import { podFacts, serviceFacts } from './target-facts';

const pod = podFacts({
  metadata: { name: 'web-1', uid: 'u1' },
  spec: {
    initContainers: [{ name: 'side', ports: [{ name: 'side', containerPort: 7000 }] }],
    containers: [
      {
        name: 'nginx',
        ports: [
          { name: 'http', containerPort: 8080 },
          { name: 'dns', containerPort: 53, protocol: 'UDP' },
        ],
      },
    ],
  },
});

const svc = (ports: unknown[], clusterIP = '10.0.0.1') =>
  serviceFacts({
    metadata: { name: 'web', uid: 's1' },
    spec: { selector: { app: 'web' }, clusterIP, ports },
  });

describe("kubectl's port translation", () => {
  it('named targetPort: looked up on the pod', () => {
    expect(serviceTargetPort(svc([{ name: 'h', port: 80, targetPort: 'http' }]), pod, 80)).toEqual({
      ok: true,
      port: 8080,
    });
  });
  it('numeric targetPort, omitted targetPort, Service port by name', () => {
    expect(serviceTargetPort(svc([{ port: 81, targetPort: 9000 }]), pod, 81)).toEqual({
      ok: true,
      port: 9000,
    });
    expect(serviceTargetPort(svc([{ port: 82 }]), pod, 82)).toEqual({ ok: true, port: 82 });
    expect(serviceTargetPort(svc([{ name: 'h', port: 80, targetPort: 'http' }]), pod, 'h')).toEqual(
      { ok: true, port: 8080 },
    );
  });
  it('a headless Service forwards the port as is', () => {
    expect(serviceTargetPort(svc([{ port: 5432, targetPort: 'pg' }], 'None'), pod, 5432)).toEqual({
      ok: true,
      port: 5432,
    });
  });
  it("kubectl's errors", () => {
    expect(servicePortNumber(svc([{ port: 80 }]), 81)).toEqual({
      ok: false,
      error: 'Service web does not have a service port 81',
    });
    expect(servicePortNumber(svc([{ port: 80 }]), 'x')).toEqual({
      ok: false,
      error: "Service 'web' does not have a named port 'x'",
    });
    expect(serviceTargetPort(svc([{ port: 80, targetPort: 'nope' }]), pod, 80)).toEqual({
      ok: false,
      error: "Pod 'web-1' does not have a named port 'nope'",
    });
    expect(servicePortNumber(svc([{ port: 53, protocol: 'UDP' }]), 53)).toEqual({
      ok: false,
      error: 'UDP protocol is not supported for 53',
    });
  });
  it('pod ports: by number, by name, init containers after containers, UDP refused', () => {
    expect(podPort(pod, 1234)).toEqual({ ok: true, port: 1234 });
    expect(podPort(pod, 'http')).toEqual({ ok: true, port: 8080 });
    expect(podPort(pod, 'side')).toEqual({ ok: true, port: 7000 });
    expect(podPort(pod, 'dns')).toEqual({
      ok: false,
      error: 'UDP protocol is not supported for dns',
    });
  });
});
