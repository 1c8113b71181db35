// The rules deleteObject and scaleObject enforce themselves, whatever the contract's schema
// let through: only the kinds the registry offers the action for, and nothing sent once the
// call is cancelled. A TCP tripwire on 127.0.0.1 stands where the API server would be: any
// request that left main would open a connection to it. (Test 6 in e2e/integration/
// actions.test.ts does the same against the real API server.)
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import type { PilotErrorData } from '../../shared/contract/errors';
import { deleteObject, scaleObject, type DeleteRef } from './object-operations';

const UID = '0f6e2b8a-3c1d-4e5f-8a9b-0c1d2e3f4a5b';
let tripwire: Server;
let connections = 0;
let port = 0;

beforeAll(async () => {
  tripwire = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => tripwire.listen(0, '127.0.0.1', resolve));
  port = (tripwire.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => tripwire.close(() => resolve())));

/** A KubeConfig for the tripwire; `onAuth` runs while the request authenticates. */
function kubeConfig(onAuth: () => void = () => undefined): KubeConfig {
  const kc = new (class extends KubeConfig {
    override async applySecurityAuthentication(
      ...args: Parameters<KubeConfig['applySecurityAuthentication']>
    ) {
      onAuth();
      await new Promise((resolve) => setImmediate(resolve));
      return super.applySecurityAuthentication(...args);
    }
  })();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'u', token: 'x' }],
    contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
    currentContext: 'c',
  });
  return kc;
}

async function failureOf(p: Promise<unknown>): Promise<PilotErrorData> {
  try {
    await p;
  } catch (error) {
    return error as PilotErrorData;
  }
  throw new Error('expected the call to fail');
}

const pod: DeleteRef = { kind: 'pods', namespace: 'team-a', name: 'web-1', uid: UID };

describe('deleteObject', () => {
  it.each([
    ['nodes', { kind: 'nodes', name: 'pilot-a1', uid: UID }],
    ['namespaces', { kind: 'namespaces', name: 'team-a', uid: UID }],
    ['events', { kind: 'events', namespace: 'team-a', name: 'e', uid: UID }],
    [
      'a custom resource',
      {
        kind: { group: 'x.io', version: 'v1', plural: 'ws', namespaced: true, kind: 'W' },
        namespace: 'team-a',
        name: 'w',
        uid: UID,
      },
    ],
  ] as const)('refuses %s (no delete action in the registry), sending nothing', async (_, ref) => {
    const before = connections;
    const error = await failureOf(deleteObject(kubeConfig(), ref as unknown as DeleteRef));
    expect(error.code).toBe('Invalid');
    expect(error.message).toMatch(/^Pilothouse does not delete /);
    expect(connections).toBe(before);
  });

  it('refuses a namespaced kind without its namespace', async () => {
    const error = await failureOf(deleteObject(kubeConfig(), { ...pod, namespace: undefined }));
    expect(error).toMatchObject({ code: 'Invalid', message: /needs its namespace/ });
  });

  it('cancelled before the call: Cancelled, and no request leaves main', async () => {
    const before = connections;
    let authenticated = 0;
    const controller = new AbortController();
    controller.abort();
    const error = await failureOf(
      deleteObject(
        kubeConfig(() => authenticated++),
        pod,
        controller.signal,
      ),
    );
    expect(error).toMatchObject({ code: 'Cancelled', message: /cancelled before it was sent/ });
    expect(authenticated).toBe(0);
    expect(connections).toBe(before);
  });

  it('cancelled while authenticating: Cancelled, and no request leaves main', async () => {
    const before = connections;
    const controller = new AbortController();
    const error = await failureOf(
      deleteObject(
        kubeConfig(() => controller.abort()),
        pod,
        controller.signal,
      ),
    );
    expect(error.code).toBe('Cancelled');
    expect(connections).toBe(before);
  });

  it('not cancelled, the request does reach the server (the tripwire works)', async () => {
    const before = connections;
    const error = await failureOf(deleteObject(kubeConfig(), pod));
    expect(error.code).not.toBe('Cancelled');
    expect(connections).toBeGreaterThan(before);
  });
});

describe('scaleObject', () => {
  it.each(['pods', 'daemonsets', 'jobs', 'nodes'] as const)(
    'refuses %s (no scale action in the registry), sending nothing',
    async (kind) => {
      const before = connections;
      const error = await failureOf(
        scaleObject(kubeConfig(), { kind, namespace: 'team-a', name: 'x' }, 0),
      );
      expect(error).toMatchObject({ code: 'Invalid', message: /^Pilothouse does not scale / });
      expect(connections).toBe(before);
    },
  );

  it('cancelled before the call: Cancelled, and no request leaves main', async () => {
    const before = connections;
    const controller = new AbortController();
    controller.abort();
    const error = await failureOf(
      scaleObject(
        kubeConfig(),
        { kind: 'deployments', namespace: 'team-a', name: 'web' },
        0,
        controller.signal,
      ),
    );
    expect(error.code).toBe('Cancelled');
    expect(connections).toBe(before);
  });
});
