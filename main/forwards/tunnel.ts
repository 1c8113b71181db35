/**
 * One stream of the pods/portforward subresource: a WebSocket to the API server
 * (v4.channel.k8s.io, what the kubelet's websocket port-forward speaks), which the kubelet
 * turns into one TCP connection to the pod's port. Channel 0 carries data both ways,
 * channel 1 the kubelet's error text; the first two bytes each channel sends are the port
 * number (little-endian) and are dropped. Authentication is client-node's
 * (applyToHTTPSOptions: certificates, tokens) plus Pilothouse's exec credentials.
 *
 * Bounded: frames up to MAX_FRAME_BYTES, error text up to MAX_ERROR_BYTES, a refused
 * upgrade's body up to MAX_REFUSAL_BYTES, the upgrade itself within OPEN_TIMEOUT_MS.
 */
import type https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import type { KubeConfig } from '@kubernetes/client-node';
import { PilotError } from '../../shared/contract/errors';
import { boundedText } from '../../shared/forwards/state-text';
import { classifyKubeError, statusMessage } from '../platform/classify-error';
import { secureContextFor } from '../platform/secure-contexts';
import { SharedAgentKubeConfig } from '../platform/shared-agent';

export const PORT_FORWARD_PROTOCOL = 'v4.channel.k8s.io';
/** An RFC 7230 token, what ws accepts as a subprotocol (its own test). */
const TOKEN = /^[!#$%&'*+\-.0-9A-Z^_`|a-z~]+$/;
/** The kubelet writes at most 32 KiB per frame; anything far larger is refused. */
export const MAX_FRAME_BYTES = 1024 * 1024;
export const MAX_ERROR_BYTES = 4096;
const MAX_REFUSAL_BYTES = 64 * 1024;
/** TCP + TLS + upgrade through the API server to the kubelet. */
export const OPEN_TIMEOUT_MS = 10_000;

export interface TunnelTarget {
  kubeConfig: KubeConfig;
  namespace: string;
  pod: string;
  port: number;
  /** Keeps a TLS session for resumption between the many upgrades of one forward. */
  sessions?: TlsSessions;
}

/**
 * The last TLS session ticket of one forward's upgrades: every local connection costs one
 * upgrade, and resuming skips the certificate exchange. Keyed by nothing: one forward
 * talks to one API server; a rejected ticket simply costs a full handshake.
 */
export class TlsSessions {
  session: Buffer | undefined;
  connect = (options: tls.ConnectionOptions & { host?: string }): tls.TLSSocket => {
    const servername =
      options.servername || options.servername === ''
        ? options.servername
        : net.isIP(options.host ?? '')
          ? ''
          : options.host;
    const socket = tls.connect({
      ...options,
      path: undefined,
      servername,
      ...(this.session ? { session: this.session } : {}),
    } as tls.ConnectionOptions);
    socket.on('session', (session: Buffer) => {
      this.session = session;
    });
    return socket;
  };
}

/**
 * What the zero mask buys: ws skips XOR-ing every byte it sends. Masking protects
 * browsers' intermediaries from cache poisoning by script-chosen bytes; this client is
 * not a browser, talks TLS to the API server, and sends what local clients sent anyway.
 */
const zeroMask = (mask: Buffer) => void mask.fill(0);

/** The upgrade's headers and TLS options, as client-node's own WebSocket handler builds them. */
async function socketOptions(target: Omit<TunnelTarget, 'port'>): Promise<WebSocket.ClientOptions> {
  const options: https.RequestOptions = {};
  await target.kubeConfig.applyToHTTPSOptions(options);
  if (target.kubeConfig instanceof SharedAgentKubeConfig) {
    const exec = await target.kubeConfig.credentialSource?.();
    if (exec?.token)
      options.headers = { ...options.headers, Authorization: `Bearer ${exec.token}` };
    if (exec?.cert && exec.key) {
      options.cert = exec.cert;
      options.key = exec.key;
    }
  }
  const { headers, auth, ca, cert, key, pfx, passphrase, rejectUnauthorized, servername } = options;
  // ws hands its options to tls.connect: one context for every upgrade (secure-contexts.ts).
  const secureContext = secureContextFor({ ca, cert, key, pfx, passphrase });
  const clientOptions: WebSocket.ClientOptions & Pick<tls.ConnectionOptions, 'secureContext'> = {
    headers: {
      ...(headers as Record<string, string> | undefined),
      ...(auth ? { Authorization: `Basic ${Buffer.from(auth).toString('base64')}` } : {}),
    },
    ca,
    cert,
    key,
    pfx,
    passphrase,
    ...(rejectUnauthorized !== undefined ? { rejectUnauthorized } : {}),
    ...(servername !== undefined ? { servername } : {}),
    ...(target.sessions && target.kubeConfig.getCurrentCluster()?.server.startsWith('https:')
      ? {
          createConnection: target.sessions
            .connect as unknown as WebSocket.ClientOptions['createConnection'],
        }
      : {}),
    perMessageDeflate: false,
    maxPayload: MAX_FRAME_BYTES,
    handshakeTimeout: OPEN_TIMEOUT_MS,
    generateMask: zeroMask,
    skipUTF8Validation: true,
    followRedirects: false,
    ...(secureContext ? { secureContext } : {}),
  };
  return clientOptions;
}

/** The portforward URL; `port` for v4 (one port per WebSocket), none for SPDY (ports go in stream headers). */
export function tunnelUrl(kc: KubeConfig, namespace: string, pod: string, port?: number): string {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new PilotError('BadKubeconfig', 'the context has no cluster server');
  const url = new URL(
    `${server.replace(/\/$/, '')}/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/portforward`,
  );
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (port !== undefined) url.searchParams.set('ports', String(port));
  return url.toString();
}

/** Reads a refused upgrade's body (bounded) and turns it into client-node's error shape. */
function refusal(res: IncomingMessage, action: string): Promise<PilotError> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const code = res.statusCode ?? 0;
      // The states show RBAC's own words: "Forbidden: pods "db-0" is forbidden: User …".
      const reason = code === 403 ? statusMessage(body) : undefined;
      resolve(
        reason
          ? new PilotError('Forbidden', reason)
          : classifyKubeError({ code, body }, { action }),
      );
    };
    res.on('data', (chunk: Buffer) => {
      if (size >= MAX_REFUSAL_BYTES) return;
      chunks.push(chunk.subarray(0, MAX_REFUSAL_BYTES - size));
      size += chunk.length;
    });
    res.once('end', done);
    res.once('error', done);
    res.once('close', done);
  });
}

/**
 * Opens the v4 WebSocket for one connection; resolves once the upgrade succeeded. Rejects
 * with a PilotError: Forbidden (RBAC), NotFound (no such pod), Unreachable (the API server), ...
 */
export function openTunnel(target: TunnelTarget, signal?: AbortSignal): Promise<WebSocket> {
  const { kubeConfig, namespace, pod, port } = target;
  return openUpgrade(
    target,
    tunnelUrl(kubeConfig, namespace, pod, port),
    PORT_FORWARD_PROTOCOL,
    `forward port ${port} of pod ${namespace}/${pod}`,
    signal,
  );
}

/** A WebSocket upgrade to the portforward subresource with one subprotocol. */
export async function openUpgrade(
  target: Omit<TunnelTarget, 'port'>,
  url: string,
  protocol: string,
  action: string,
  signal?: AbortSignal,
): Promise<WebSocket> {
  const options = await socketOptions(target);
  signal?.throwIfAborted();
  // ws accepts only RFC 7230 tokens as subprotocols, and "SPDY/3.1+portforward.k8s.io" has a
  // slash (Go's servers and clients accept it). Such a protocol is sent as a plain header and
  // checked here against the server's answer, which is then hidden from ws's own check.
  const asToken = TOKEN.test(protocol);
  let agreed = asToken;
  if (!asToken) {
    options.headers = { ...options.headers, 'Sec-WebSocket-Protocol': protocol };
    options.finishRequest = (request) => {
      request.prependListener('upgrade', (res: IncomingMessage) => {
        agreed = res.headers['sec-websocket-protocol'] === protocol;
        delete res.headers['sec-websocket-protocol'];
      });
      request.end();
    };
  }
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, asToken ? [protocol] : [], options);
    let settled = false;
    const fail = (error: PilotError) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      ws.terminate();
      reject(error);
    };
    const onAbort = () => fail(new PilotError('Cancelled', `${action}: cancelled`));
    signal?.addEventListener('abort', onAbort, { once: true });
    ws.once('unexpected-response', (_req, res) => void refusal(res, action).then(fail));
    ws.once('error', (error) => fail(classifyKubeError(error, { action })));
    ws.once('close', () =>
      fail(new PilotError('Unreachable', `${action}: the connection closed during the upgrade`)),
    );
    ws.once('open', () => {
      if (settled) return;
      if (!agreed)
        return fail(
          new PilotError('Internal', `${action}: the server did not agree to tunnel ${protocol}`),
        );
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      ws.removeAllListeners('error');
      ws.removeAllListeners('close');
      ws.removeAllListeners('unexpected-response');
      resolve(ws);
    });
  });
}

/**
 * Splits a tunnel's frames into data and error bytes, dropping each channel's two-byte
 * port prefix. `onData` returns false to ask the caller to pause the WebSocket.
 */
export class ChannelReader {
  private prefixLeft = [2, 2];
  private errorText = '';

  constructor(
    private readonly onData: (data: Buffer) => void,
    private readonly onError: (text: string) => void,
  ) {}

  push(frame: Buffer): void {
    if (frame.length === 0) return;
    const channel = frame[0]!;
    if (channel > 1) return; // only one port per tunnel: channels 0 and 1
    let payload = frame.subarray(1);
    const skip = Math.min(this.prefixLeft[channel]!, payload.length);
    if (skip > 0) {
      this.prefixLeft[channel]! -= skip;
      payload = payload.subarray(skip);
    }
    if (payload.length === 0) return;
    if (channel === 0) this.onData(payload);
    else if (this.errorText.length < MAX_ERROR_BYTES) {
      this.errorText += payload.toString('utf8', 0, MAX_ERROR_BYTES - this.errorText.length);
      this.onError(boundedText(this.errorText));
    }
  }
}

/** A data frame for channel 0: one copy, the channel byte in front. */
export function dataFrame(chunk: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(chunk.length + 1);
  frame[0] = 0;
  chunk.copy(frame, 1);
  return frame;
}
