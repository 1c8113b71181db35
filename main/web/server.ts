/**
 * Browser mode: the same services as the desktop app, the built renderer over HTTP, and
 * the contract over a WebSocket at /rpc. Binds 127.0.0.1 only; see auth.ts for the guard.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { createGuard, TOKEN_COOKIE } from './auth';
import { serveStatic } from './static';
import { serveSocket, SOCKET_OPTIONS } from './socket';
import type { Handlers } from '../rpc/handler-types';
import { logger } from '../platform/logger';

const log = logger('web');

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startWebServer(options: {
  port: number;
  rendererDir: string;
  handlers: Handlers;
}): Promise<WebServer> {
  const token = randomBytes(32).toString('base64url');
  let port = options.port;
  const guard = createGuard(token, () => port);

  const server: Server = createServer((request, response) => {
    void handleHttp(request, response);
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const verdict = guard.check(request, { requireOrigin: false });
    if (!verdict.ok) {
      log.warn(`refused ${request.method} ${request.url?.split('?')[0]}: ${verdict.reason}`);
      response.writeHead(verdict.status, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(verdict.status === 401 ? 'Unauthorized' : 'Forbidden');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', guard.origin());
    if (verdict.tokenFromQuery) {
      // Trade the token in the URL for an HttpOnly cookie and drop it from the address bar
      // (and so from history and screenshots). The browser keeps the #fragment.
      url.searchParams.delete('token');
      response.writeHead(302, {
        'set-cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        location: url.pathname + url.search,
        'cache-control': 'no-store',
      });
      response.end();
      return;
    }
    await serveStatic(options.rendererDir, url.pathname, response);
  }

  const sockets = new WebSocketServer({ noServer: true, ...SOCKET_OPTIONS });
  server.on('upgrade', (request, socket, head) => {
    const verdict = guard.check(request, { requireOrigin: true });
    const path = new URL(request.url ?? '/', guard.origin()).pathname;
    if (!verdict.ok || path !== '/rpc') {
      const status = verdict.ok ? 404 : verdict.status;
      log.warn(`refused WebSocket upgrade: ${verdict.ok ? 'unknown path' : verdict.reason}`);
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, options.handlers));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
