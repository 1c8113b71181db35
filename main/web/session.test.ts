// The way into browser mode (auth.ts): the printed URL's one-time start code, traded once
// for a session secret in an HttpOnly SameSite=Strict cookie named after the port; the
// session cookie plus our own Host/Origin for every request and the WebSocket upgrade.
// Runs the real pilothouse-web entry in a child process (web-harness.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SECURITY_HEADERS } from './security-headers';
import {
  httpGet,
  startWebChild,
  tradeStartCode,
  type HttpAnswer,
  type WebChild,
} from './web-harness';

let app: WebChild;
let trade: { answer: HttpAnswer; cookie: string };

beforeAll(async () => {
  app = await startWebChild();
  trade = await tradeStartCode(app.url);
}, 90_000);
afterAll(() => app?.stop());

const codePath = () => {
  const url = new URL(app.url);
  return url.pathname + url.search;
};

function expectSecurityHeaders(answer: HttpAnswer): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    expect(answer.headers[name], name).toBe(value);
}

/** Opens a WebSocket to /rpc and reports the HTTP status (101 when it opened). */
function upgrade(headers: Record<string, string>): Promise<{ status: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${app.port}/rpc`, { headers });
    socket.on('open', () => resolve({ status: 101, socket }));
    socket.on('unexpected-response', (_request, response) =>
      resolve({ status: response.statusCode ?? 0 }),
    );
    socket.on('error', () => resolve({ status: 0 }));
  });
}

describe('the start code', () => {
  it('is the only secret in the printed URL', () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?code=[\w-]{43}$/);
    const secret = trade.cookie.split('=')[1] ?? '';
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(app.url).not.toContain(secret);
    expect(app.stderr()).not.toContain(secret);
    expect(app.stderr()).not.toContain(new URL(app.url).searchParams.get('code'));
  });

  it('is traded once for an HttpOnly SameSite=Strict cookie named after the port', () => {
    expect(trade.answer.status).toBe(302);
    expect(trade.answer.headers['location']).toBe('/');
    expect(trade.answer.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(trade.answer);
    expect(trade.answer.cookies).toHaveLength(1);
    const [pair, ...attributes] = (trade.answer.cookies[0] ?? '').split('; ');
    expect(pair?.split('=')[0]).toBe(`pilothouse_session_${app.port}`);
    expect(attributes.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
  });

  it('is refused the second time, with a page saying what to do', async () => {
    const again = await httpGet(app.port, codePath());
    expect(again.status).toBe(403);
    expect(again.cookies).toEqual([]);
    expect(again.body).toContain('already used');
    expect(again.body).toContain('restart Pilothouse');
    expectSecurityHeaders(again);
  });

  it('is refused when it is not this run’s code', async () => {
    const wrong = await httpGet(app.port, '/?code=' + 'A'.repeat(43));
    expect(wrong.status).toBe(403);
    expect(wrong.cookies).toEqual([]);
    expectSecurityHeaders(wrong);
  });

  it('in a URL opened by a browser already in session just leaves the address bar', async () => {
    const reopened = await httpGet(app.port, codePath(), { cookie: trade.cookie });
    expect(reopened.status).toBe(302);
    expect(reopened.headers['location']).toBe('/');
    expect(reopened.cookies).toEqual([]);
  });
});

describe('the session cookie', () => {
  it('gets the page, fresh, with the security headers', async () => {
    const page = await httpGet(app.port, '/', { cookie: trade.cookie });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(page);
  });

  it('is needed for every request', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', '/rpc']) {
      const answer = await httpGet(app.port, path);
      expect(answer.status, path).toBe(401);
      expect(answer.body, path).toContain('link it printed');
      expectSecurityHeaders(answer);
    }
  });

  it('of another port, or with another secret, is refused', async () => {
    const secret = trade.cookie.split('=')[1] ?? '';
    const otherPort = await httpGet(app.port, '/', {
      cookie: `pilothouse_session_${app.port + 1}=${secret}`,
    });
    expect(otherPort.status).toBe(401);
    const oldName = await httpGet(app.port, '/', { cookie: `pilothouse_token=${secret}` });
    expect(oldName.status).toBe(401);
    const forged = await httpGet(app.port, '/', {
      cookie: `pilothouse_session_${app.port}=${'A'.repeat(43)}`,
    });
    expect(forged.status).toBe(401);
  });

  it('does not help a foreign Host or Origin', async () => {
    const rebinding = await httpGet(app.port, '/', { cookie: trade.cookie, host: 'evil.example' });
    expect(rebinding.status).toBe(403);
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${app.port + 1}`]) {
      const foreign = await httpGet(app.port, '/', { cookie: trade.cookie, origin });
      expect(foreign.status, origin).toBe(403);
      expectSecurityHeaders(foreign);
    }
  });

  it('does not help a request another site or port made (Sec-Fetch-Site)', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const answer = await httpGet(app.port, '/', { cookie: trade.cookie, 'sec-fetch-site': site });
      expect(answer.status, site).toBe(403);
    }
    for (const site of ['same-origin', 'none']) {
      const answer = await httpGet(app.port, '/', { cookie: trade.cookie, 'sec-fetch-site': site });
      expect(answer.status, site).toBe(200);
    }
  });
});

describe('the WebSocket upgrade', () => {
  const origin = () => `http://127.0.0.1:${app.port}`;

  it('is refused without the session cookie', async () => {
    expect((await upgrade({ origin: origin() })).status).toBe(401);
    const secret = trade.cookie.split('=')[1] ?? '';
    expect(
      (await upgrade({ origin: origin(), cookie: `pilothouse_session_${app.port + 1}=${secret}` }))
        .status,
    ).toBe(401);
  });

  it('is refused with a foreign, null or missing Origin', async () => {
    for (const foreign of ['https://evil.example', 'null'])
      expect((await upgrade({ origin: foreign, cookie: trade.cookie })).status, foreign).toBe(403);
    expect((await upgrade({ cookie: trade.cookie })).status).toBe(403);
  });

  it('opens with the session and our Origin, and the contract answers', async () => {
    const { status, socket } = await upgrade({ origin: origin(), cookie: trade.cookie });
    expect(status).toBe(101);
    if (!socket) throw new Error('no socket');
    const reply = new Promise<unknown>((resolve) =>
      socket.once('message', (data: WebSocket.RawData) => resolve(JSON.parse(data.toString()))),
    );
    socket.send(JSON.stringify({ t: 'call', id: 1, channel: 'app.info', input: {} }));
    expect(await reply).toMatchObject({ t: 'result', id: 1, value: { mode: 'web' } });
    socket.close();
  });
});
