// Port-forward through the apiserver (WebSocket, v4.channel.k8s.io) to kwok's kubelet, which
// dials the loopback HTTP server that the fixture agent runs for that pod port.
import * as k8s from '@kubernetes/client-node';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { admin, eventually, kubeConfig, podsOf, Sink } from './cluster';

async function httpOverPortForward(
  kc: k8s.KubeConfig,
  ns: string,
  pod: string,
  port: number,
): Promise<string> {
  const out = new Sink();
  const err = new Sink();
  const input = new PassThrough();
  const ws = (await new k8s.PortForward(kc).portForward(ns, pod, [port], out, err, input)) as {
    close(): void;
  };
  try {
    input.write(`GET /hello HTTP/1.1\r\nHost: ${pod}\r\nConnection: close\r\n\r\n`);
    return await eventually(
      `an HTTP response from ${ns}/${pod}:${port}`,
      async () =>
        out.text.includes('\r\n\r\n') && out.text.includes('pod: ') ? out.text : undefined,
      15_000,
      100,
    );
  } finally {
    input.end();
    ws.close();
  }
}

describe('port-forward', () => {
  it.each([
    ['team-a', 'db-0', 5432, 'postgres'],
    ['team-a', 'toolbox', 8080, 'shell'],
    ['team-b', 'trainer', 6006, 'trainer'],
  ])('reaches %s/%s:%d', async (ns, pod, port, container) => {
    const res = await httpOverPortForward(admin, ns, pod, port);
    expect(res).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(res).toContain(`pod: ${pod}\n`);
    expect(res).toContain(`namespace: ${ns}\n`);
    expect(res).toContain(`container: ${container}\n`);
    expect(res).toContain(`port: ${port}\n`);
  });

  it('reaches a Deployment pod by its current name', async () => {
    const [pod] = await podsOf('team-a', 'app=web');
    const name = pod!.metadata!.name!;
    const res = await httpOverPortForward(admin, 'team-a', name, 8080);
    expect(res).toContain(`pod: ${name}\n`);
  });

  it('is forbidden to the viewer (no pods/portforward permission)', async () => {
    await expect(
      httpOverPortForward(kubeConfig('pilothouse-viewer'), 'team-a', 'db-0', 5432),
    ).rejects.toThrow(/403|Forbidden/i);
  });
});
