/**
 * Test support for browser mode's HTTP boundary: runs the real `pilothouse-web` entry
 * (main/web/cli.ts under tsx: the real startServices and createHandlers) in a CHILD
 * process, so that a crash shows as an exit instead of killing the test runner, against a
 * kubeconfig whose cluster is an unreachable 127.0.0.1 port (the HTTP layer needs no
 * cluster). Also a raw-socket client that sends exact bytes and reads exact responses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const STARTUP_TIMEOUT_MS = 60_000;

export interface WebChild {
  /** The printed URL, with the one-time start code. */
  url: string;
  port: number;
  origin: string;
  child: ChildProcess;
  alive(): boolean;
  stderr(): string;
  stop(): Promise<void>;
}

export async function startWebChild(): Promise<WebChild> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pilothouse-web-harness-'));
  const rendererDir = path.join(dir, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Pilothouse</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};\n');
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:9' } }],
      users: [{ name: 'u', user: { token: 'harness-token' } }],
      contexts: [{ name: 'harness', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'harness',
    }),
  );
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/web/cli.ts',
      '--no-open',
      '--port',
      '0',
      '--kubeconfig',
      kubeconfig,
      '--settings-dir',
      path.join(dir, 'settings'),
      '--renderer-dir',
      rendererDir,
    ],
    {
      cwd: repoRoot,
      // Logs on: the safety net's "[last resort]" lines must be visible to the test.
      env: { ...process.env, PILOTHOUSE_LOG: 'all', HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`pilothouse-web did not start:\n${stderr}`)),
      STARTUP_TIMEOUT_MS,
    );
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /^Pilothouse is running at (\S+)$/m.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`pilothouse-web exited with ${code}:\n${stderr}`)),
    );
  });
  const parsed = new URL(url);
  return {
    url,
    port: Number(parsed.port),
    origin: parsed.origin,
    child,
    alive: () => child.exitCode === null && child.signalCode === null,
    stderr: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  /** Every Set-Cookie line. */
  cookies: string[];
  body: string;
}

/** A plain GET through node:http, with exactly the headers given (no Origin unless given). */
export function httpGet(
  port: number,
  target: string,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = get(
      { host: '127.0.0.1', port, path: target, headers, agent: false },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => {
          const flat: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers))
            if (typeof value === 'string') flat[name] = value;
          resolve({
            status: response.statusCode ?? 0,
            headers: flat,
            cookies: response.headers['set-cookie'] ?? [],
            body,
          });
        });
      },
    );
    request.on('error', reject);
  });
}

/** Trades the start code of `url` once; returns the answer and a Cookie header value. */
export async function tradeStartCode(url: string): Promise<{ answer: HttpAnswer; cookie: string }> {
  const parsed = new URL(url);
  const answer = await httpGet(Number(parsed.port), parsed.pathname + parsed.search);
  const cookie = (answer.cookies[0] ?? '').split(';')[0] ?? '';
  return { answer, cookie };
}

export interface RawAnswer {
  /** Every response head seen on the connection (status and lower-case headers). */
  responses: { status: number; headers: Record<string, string> }[];
  /** The connection ended by itself (true) or the client gave up waiting (false). */
  closedByServer: boolean;
  raw: string;
}

/**
 * Sends exact bytes on a fresh connection and collects what comes back until the server
 * closes the connection or `waitMs` passes. `halfClose` sends FIN right after the bytes
 * (so an incomplete request meets end-of-stream; Node then drops a complete one unanswered).
 */
export function rawExchange(
  port: number,
  bytes: Buffer | string,
  options: { halfClose?: boolean; waitMs?: number } = {},
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closedByServer: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks).toString('latin1');
      resolve({ responses: parseHeads(raw), closedByServer, raw });
    };
    const timer = setTimeout(() => finish(false), options.waitMs ?? 5_000);
    socket.on('connect', () => {
      socket.write(bytes);
      if (options.halfClose) socket.end();
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
  });
}

/** Opens a connection, sends `bytes` and leaves it open: a request sent halfway. */
export function openPartial(port: number, bytes: string): Promise<{ close(): void }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => socket.destroy());
    socket.once('connect', () => {
      socket.write(bytes);
      resolve({ close: () => socket.destroy() });
    });
    socket.once('error', reject);
  });
}

/** The response heads in a raw HTTP/1.1 byte stream (bodies skipped by Content-Length). */
export function parseHeads(raw: string): RawAnswer['responses'] {
  const heads: RawAnswer['responses'] = [];
  let rest = raw;
  while (rest.startsWith('HTTP/1.')) {
    const end = rest.indexOf('\r\n\r\n');
    if (end === -1) break;
    const lines = rest.slice(0, end).split('\r\n');
    const status = Number(lines[0]?.split(' ')[1]);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0)
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    heads.push({ status, headers });
    const body = rest.slice(end + 4);
    if (headers['transfer-encoding'] === 'chunked') {
      const last = body.indexOf('0\r\n\r\n');
      rest = last === -1 ? '' : body.slice(last + 5);
    } else {
      const length = Number(headers['content-length'] ?? 0);
      rest = body.slice(Number.isFinite(length) ? length : 0);
    }
  }
  return heads;
}
