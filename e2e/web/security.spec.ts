import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

test('the printed link works once: a browser trades it for a session cookie of its port', async ({
  browser,
}) => {
  const dir = tempDir();
  const fresh = await startWebApp({
    kubeconfig: writeKubeconfig(dir, 'config', kubeconfigText([{ name: 'x' }])),
    trade: false,
  });
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const page = await first.newPage();
    await page.goto(fresh.startUrl + '#/overview');
    // The code left the address bar; the #fragment stayed (the app adds its defaults).
    await expect(page).toHaveURL(new RegExp(`^${fresh.origin}/#/overview`));
    expect(page.url()).not.toContain('code=');
    await expect(page.getByRole('combobox', { name: 'Context' })).toBeVisible();
    const cookies = await first.cookies(fresh.url);
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({
      name: `pilothouse_session_${fresh.port}`,
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
    });
    expect(await page.evaluate(() => document.cookie)).toBe('');

    // The same link in another browser (or after someone read it off a command line).
    const late = await second.newPage();
    const refused = await late.goto(fresh.startUrl);
    expect(refused?.status()).toBe(403);
    await expect(late.getByText(/already used/)).toBeVisible();
    expect(await second.cookies(fresh.url)).toEqual([]);

    // The first browser opening the link again just lands in the app.
    await page.goto(fresh.startUrl);
    await expect(page).toHaveURL(new RegExp(`^${fresh.origin}/(#.*)?$`));
    await expect(page.getByRole('combobox', { name: 'Context' })).toBeVisible();
  } finally {
    await first.close();
    await second.close();
    await fresh.stop();
  }
});

test('HTTP without the session gets 401 and nothing else', async ({ request }) => {
  const response = await request.get(app.origin + '/', { maxRedirects: 0 });
  expect(response.status()).toBe(401);
  expect(await response.text()).toContain('link it printed');
  const asset = await request.get(app.origin + '/index.html');
  expect(asset.status()).toBe(401);
  // The old `?token=` scheme is gone, and the spent code opens nothing.
  expect((await request.get(app.startUrl, { maxRedirects: 0 })).status()).toBe(403);
});

test('every answer carries the security headers', async ({ request }) => {
  const cookie = app.cookieHeader;
  const answers = [
    await request.get(app.url, { headers: { cookie } }),
    await request.get(app.origin + '/no-such-file', { headers: { cookie } }),
    await request.get(app.url, { maxRedirects: 0 }),
    await request.get(app.startUrl, { maxRedirects: 0 }),
    await request.get(app.startUrl, { headers: { cookie }, maxRedirects: 0 }),
    await request.get(app.origin + '/%E0%A4%A', { headers: { cookie } }),
  ];
  expect(answers.map((a) => a.status())).toEqual([200, 404, 401, 403, 302, 400]);
  for (const answer of answers) {
    const headers = answer.headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
  }
});

test('a foreign Origin or Host is refused even with the session', async ({ request }) => {
  const cookie = app.cookieHeader;
  for (const origin of ['https://evil.example', 'null']) {
    const foreign = await request.get(app.url, { headers: { origin, cookie }, maxRedirects: 0 });
    expect(foreign.status(), origin).toBe(403);
  }
  const rebinding = await request.get(app.url, {
    headers: { host: 'evil.example', cookie },
    maxRedirects: 0,
  });
  expect(rebinding.status()).toBe(403);
});

test('the WebSocket needs the session and our own Origin', async () => {
  const cookie = app.cookieHeader;
  expect((await upgrade({ origin: app.origin })).status).toBe(401);
  expect((await upgrade({ origin: 'https://evil.example', cookie })).status).toBe(403);
  expect((await upgrade({ origin: 'null', cookie })).status).toBe(403);
  expect((await upgrade({ cookie })).status).toBe(403);
  const otherPort = `pilothouse_session_${app.port + 1}=${app.session.value}`;
  expect((await upgrade({ origin: app.origin, cookie: otherPort })).status).toBe(401);
  const ok = await upgrade({ origin: app.origin, cookie });
  expect(ok.status).toBe(101);
  ok.socket?.close();
});

test('a hostile page on another port of 127.0.0.1 cannot reach in, even in a browser in session', async ({
  page,
}) => {
  // Another port of 127.0.0.1 is the same *site*, so the SameSite cookie alone would go
  // along: Origin and Sec-Fetch-Site must refuse it.
  const evil: Server = createServer((_request, response) =>
    response.end('<!doctype html><title>evil</title>'),
  );
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  try {
    await app.open(page);
    await expect(page.getByRole('combobox', { name: 'Context' })).toBeVisible();
    const evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
    const attacker = await page.context().newPage();
    await attacker.goto(evilOrigin);
    const results = await attacker.evaluate(async (target) => {
      const outcome = (promise: Promise<unknown>) =>
        promise.then(
          (value) => value,
          () => 'failed',
        );
      const socket = new Promise<string>((resolve) => {
        const ws = new WebSocket(target.replace('http', 'ws') + '/rpc');
        ws.onopen = () => resolve('opened');
        ws.onerror = () => resolve('failed');
      });
      const image = (src: string) =>
        new Promise<string>((resolve) => {
          const img = new Image();
          img.onload = () => resolve('loaded');
          img.onerror = () => resolve('failed');
          img.src = src;
        });
      return {
        fetch: await outcome(fetch(target + '/', { credentials: 'include' }).then((r) => r.status)),
        socket: await socket,
        // The crash of issue 10: any page could send these.
        slashes: await image(target + '//'),
        badEscape: await image(target + '/%E0%A4%A'),
      };
    }, app.origin);
    expect(results).toEqual({
      fetch: 'failed',
      socket: 'failed',
      slashes: 'failed',
      badEscape: 'failed',
    });
    // Still up, and the user's tab still works.
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Context' })).toBeVisible();
  } finally {
    evil.close();
  }
});

test('invalid payloads get typed errors and crash nothing', async () => {
  const { socket } = await upgrade({ origin: app.origin, cookie: app.cookieHeader });
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
