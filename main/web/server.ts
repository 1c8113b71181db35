/**
 * Browser mode: the same services as the desktop app, the built renderer over HTTP, and
 * the contract over a WebSocket at /rpc. Binds 127.0.0.1 only; see auth.ts for the guard.
 *
 * Every byte that reaches this server may come from a hostile page (through the user's
 * browser) or a hostile local process, so no handler may throw past its own boundary:
 * malformed requests get a 400 (request-target.ts), refusals a 401/403, and every
 * response, even those written on a raw socket, carries the security headers
 * (security-headers.ts). Slow or abandoned connections are bounded by the timeouts and
 * the connection cap below.
 */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { createGuard, sessionCookieName } from './auth';
import { parseRequestTarget, type Target } from './request-target';
import { applySecurityHeaders, rawResponse, securityHeaderLines } from './security-headers';
import { serveStatic } from './static';
import { serveSocket, SOCKET_OPTIONS } from './socket';
import type { Handlers } from '../rpc/handler-types';
import { logger } from '../platform/logger';

const log = logger('web');

/** Request line plus headers. Node's default, stated: a longer head gets a 431. */
const MAX_HEADER_BYTES = 16 * 1024;
/**
 * A browser sends about 15 headers. Node silently drops those past this count, so a head
 * that reaches it is refused outright: a dropped header might have been a second Host or
 * a foreign Origin.
 */
const MAX_HEADERS_COUNT = 64;
/** A client that has not finished its headers by then gets a 408 and is closed. */
const HEADERS_TIMEOUT_MS = 10_000;
/** Whole request (we only take GETs: the body is empty). */
const REQUEST_TIMEOUT_MS = 15_000;
/** How often Node looks for connections past the two timeouts above (default 30 s). */
const CONNECTIONS_CHECK_INTERVAL_MS = 1_000;
/** An idle keep-alive connection is closed after this. */
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/**
 * Open connections at most (HTTP and WebSockets together). A browser opens about six per
 * host, and a tab one WebSocket; connections past the cap are closed as they arrive, so a
 * flood of connections costs file descriptors up to this number and no more.
 */
const MAX_CONNECTIONS = 256;
/** Refusals logged per minute; the rest are counted, so a flood cannot flood stderr. */
const MAX_REFUSAL_LOGS_PER_MINUTE = 20;

export interface WebServer {
  /** The URL to open once: it carries the one-time start code. */
  url: string;
  origin: string;
  port: number;
  /** The name of the session cookie (it carries the port). */
  sessionCookie: string;
  close(): Promise<void>;
}

export async function startWebServer(options: {
  port: number;
  rendererDir: string;
  handlers: Handlers;
}): Promise<WebServer> {
  let port = options.port;
  const guard = createGuard(() => port);
  const noteRefusal = refusalLog();

  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    applySecurityHeaders(response);
    handleHttp(request, response).catch((error: unknown) => {
      log.error(`failed to answer ${request.method}: ${describe(error)}`);
      if (!response.headersSent) plain(response, 500, 'Internal error.');
      else response.destroy();
    });
  };
  const server: Server = createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      connectionsCheckingInterval: CONNECTIONS_CHECK_INTERVAL_MS,
      // The guard answers a missing Host itself: Node's own 400 lacks the security headers.
      requireHostHeader: false,
    },
    onRequest,
  );
  server.maxHeadersCount = MAX_HEADERS_COUNT;
  server.maxConnections = MAX_CONNECTIONS;

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = readHead(request);
    if (!target.ok) {
      noteRefusal(`${request.method}: ${target.reason}`);
      return plain(response, 400, `Bad request: ${target.reason}.`);
    }
    const verdict = guard.check(request, target, { upgrade: false });
    switch (verdict.kind) {
      case 'refuse':
        noteRefusal(`${request.method}: ${verdict.reason}`);
        return plain(response, verdict.status, verdict.message);
      case 'trade':
        // The code is spent; the browser keeps the #fragment across the redirect.
        response.writeHead(302, {
          'set-cookie': verdict.setCookie,
          location: '/',
          'cache-control': 'no-store',
        });
        response.end();
        return;
      case 'strip':
        response.writeHead(302, { location: '/', 'cache-control': 'no-store' });
        response.end();
        return;
      case 'allow':
        break;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return plain(response, 405, 'Method not allowed.');
    }
    await serveStatic(options.rendererDir, target.path, response);
  }

  // A request the parser refused (garbage, an oversized head, a timeout): answer it here,
  // with the security headers, instead of Node's bare 400.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? 431
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 408
          : 400;
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    endSocket(socket, status, `${STATUS_CODES[status] ?? 'Bad request'}.`);
  });
  // `Expect: 100-continue`: we take no request bodies, so no interim 100 (it would carry no
  // security headers); the final answer comes straight away, as RFC 9110 10.1.1 allows.
  server.on('checkContinue', onRequest);
  // `Expect:` anything but 100-continue: Node would answer 417 without our headers.
  server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    applySecurityHeaders(response);
    plain(response, 417, 'Expectation failed.');
  });
  // CONNECT: no proxying here.
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    endSocket(socket, 400, 'Bad request: CONNECT is not served.');
  });

  const sockets = new WebSocketServer({ noServer: true, ...SOCKET_OPTIONS });
  sockets.on('headers', (headers: string[]) => headers.push(...securityHeaderLines()));
  sockets.on('wsClientError', (error: Error, socket: Duplex) => {
    noteRefusal(`WebSocket handshake: ${error.message}`);
    endSocket(socket, 400, `Bad request: ${error.message}.`);
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // First: a reset during the handshake must not become an unhandled 'error' event.
    socket.on('error', () => socket.destroy());
    try {
      handleUpgrade(request, socket, head);
    } catch (error) {
      log.error(`failed to answer a WebSocket upgrade: ${describe(error)}`);
      endSocket(socket, 500, 'Internal error.');
    }
  });

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const target = readHead(request);
    if (!target.ok) {
      noteRefusal(`WebSocket upgrade: ${target.reason}`);
      return endSocket(socket, 400, `Bad request: ${target.reason}.`);
    }
    const verdict = guard.check(request, target, { upgrade: true });
    if (verdict.kind !== 'allow') {
      const status = verdict.kind === 'refuse' ? verdict.status : 400;
      noteRefusal(`WebSocket upgrade: ${verdict.kind === 'refuse' ? verdict.reason : 'code'}`);
      return endSocket(
        socket,
        status,
        verdict.kind === 'refuse' ? verdict.message : 'Bad request.',
      );
    }
    if (target.path !== '/rpc') return endSocket(socket, 404, 'Not found.');
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, options.handlers));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  // From now on a listen error cannot happen; anything else is logged, never thrown.
  server.on('error', (error) => log.error(`server error: ${describe(error)}`));
  const origin = `http://127.0.0.1:${port}`;

  return {
    port,
    origin,
    sessionCookie: sessionCookieName(port),
    url: `${origin}/?code=${guard.startCode}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The request's target, or why its head is malformed (too many headers: some were dropped). */
function readHead(request: IncomingMessage): Target {
  if (request.rawHeaders.length / 2 >= MAX_HEADERS_COUNT)
    return { ok: false, reason: `${MAX_HEADERS_COUNT} headers or more` };
  return parseRequestTarget(request.url);
}

function plain(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(message),
    'cache-control': 'no-store',
  });
  response.end(message);
}

/** Writes a whole response on a raw socket, then closes it even if the peer never reads. */
function endSocket(socket: Duplex, status: number, message: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(rawResponse(status, message), () => socket.destroy());
  // A peer that stops reading never lets `end` finish: do not wait for it forever.
  const timer = setTimeout(() => socket.destroy(), KEEP_ALIVE_TIMEOUT_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/** Logs refusals, at most MAX_REFUSAL_LOGS_PER_MINUTE a minute, then how many were skipped. */
function refusalLog(): (what: string) => void {
  let windowStart = 0;
  let logged = 0;
  let skipped = 0;
  return (what) => {
    const now = Date.now();
    if (now - windowStart > 60_000) {
      if (skipped > 0) log.warn(`refused ${skipped} more requests in the last minute`);
      windowStart = now;
      logged = 0;
      skipped = 0;
    }
    if (logged < MAX_REFUSAL_LOGS_PER_MINUTE) {
      logged += 1;
      log.warn(`refused ${what}`);
    } else skipped += 1;
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
