import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { startWebApp, type RunningApp } from '../support/web-app';
import { kubeconfigText, tempDir, writeKubeconfig } from '../support/kubeconfigs';

let app: RunningApp;

test.beforeAll(async () => {
  const dir = tempDir();
  app = await startWebApp({
    kubeconfig: writeKubeconfig(dir, 'config', kubeconfigText([{ name: 'x' }])),
  });
});
test.afterAll(() => app?.stop());

/** Opens a raw WebSocket and reports the HTTP status of a refused upgrade (or 101). */
function upgrade(
  headers: Record<string, string>,
  path = '/rpc',
): Promise<{ status: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(app.origin.replace('http', 'ws') + path, { headers });
    socket.on('open', () => resolve({ status: 101, socket }));
    socket.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    socket.on('error', () => resolve({ status: 0 }));
  });
}

test('HTTP without the token gets 401 and nothing else', async ({ request }) => {
  const response = await request.get(app.origin + '/', { maxRedirects: 0 });
  expect(response.status()).toBe(401);
  expect(await response.text()).toBe('Unauthorized');
  const asset = await request.get(app.origin + '/index.html');
  expect(asset.status()).toBe(401);
});

test('a foreign Origin or Host is refused even with the token', async ({ request }) => {
  const foreign = await request.get(app.url, {
    headers: { origin: 'https://evil.example' },
    maxRedirects: 0,
  });
  expect(foreign.status()).toBe(403);
  const rebinding = await request.get(app.url, {
    headers: { host: 'evil.example' },
    maxRedirects: 0,
  });
  expect(rebinding.status()).toBe(403);
});

test('the WebSocket needs the token and our own Origin', async () => {
  const cookie = `pilothouse_token=${app.token}`;
  expect((await upgrade({ origin: app.origin })).status).toBe(401);
  expect((await upgrade({ origin: 'https://evil.example', cookie })).status).toBe(403);
  expect((await upgrade({ cookie })).status).toBe(403);
  const ok = await upgrade({ origin: app.origin, cookie });
  expect(ok.status).toBe(101);
  ok.socket?.close();
});

test('invalid payloads get typed errors and crash nothing', async () => {
  const { socket } = await upgrade({ origin: app.origin, cookie: `pilothouse_token=${app.token}` });
  if (!socket) throw new Error('no socket');
  const replies: unknown[] = [];
  socket.on('message', (data: Buffer) => replies.push(JSON.parse(data.toString())));
  socket.send('not json at all');
  socket.send(
    JSON.stringify({ t: 'call', id: 1, channel: 'context.select', input: { context: 42 } }),
  );
  socket.send(JSON.stringify({ t: 'call', id: 2, channel: 'no.such.channel', input: {} }));
  socket.send(
    JSON.stringify({
      t: 'call',
      id: 3,
      channel: 'preferences.setNamespaces',
      input: { context: 'x', choice: { all: false, namespaces: ['Not_A_Namespace'] } },
    }),
  );
  socket.send(JSON.stringify({ t: 'call', id: 4, channel: 'app.info', input: {} }));
  await expect.poll(() => replies.length).toBe(5);
  expect(replies).toContainEqual({
    t: 'error',
    id: null,
    error: { code: 'Invalid', message: 'frame is not JSON' },
  });
  expect(replies).toContainEqual({
    t: 'error',
    id: 1,
    error: { code: 'Invalid', message: expect.stringContaining('context') },
  });
  expect(replies).toContainEqual({
    t: 'error',
    id: 2,
    error: { code: 'NotFound', message: expect.stringContaining('no.such.channel') },
  });
  expect(replies).toContainEqual({
    t: 'error',
    id: 3,
    error: { code: 'Invalid', message: expect.stringContaining('RFC 1123') },
  });
  expect(replies).toContainEqual({
    t: 'result',
    id: 4,
    value: expect.objectContaining({ mode: 'web' }),
  });
  socket.close();
});
