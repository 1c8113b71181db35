/**
 * A raw client of browser mode's WebSocket for tests that speak the wire by hand (the
 * contract fuzz): it presents the session cookie startWebApp traded the start code for,
 * upgrades with our own Origin, sends frames as given, and files every reply by id, so a
 * test can check that each id got exactly one terminal reply.
 */
import WebSocket from 'ws';
import type { ServerMessage } from '../../shared/contract/wire';
import type { RunningApp } from './web-app';

export type Terminal = Extract<ServerMessage, { t: 'result' | 'error' | 'end' }>;

export interface WireClient {
  /** The next id, counting up as the real client does. */
  nextId(): number;
  send(frame: string | Buffer, binary?: boolean): void;
  /** Everything main sent under `id`, in order. */
  repliesTo(id: number): ServerMessage[];
  /** Replies with `id: null`. */
  anonymous(): ServerMessage[];
  /** The first reply under `id` that is not a batch; rejects after `timeoutMs`. */
  terminal(id: number, timeoutMs: number): Promise<Terminal>;
  /** Whether the socket is still open, and its close code if not. */
  closed(): number | undefined;
  close(): void;
}

export async function openWire(app: RunningApp): Promise<WireClient> {
  // The session startWebApp traded the start code for, as the user's browser holds it.
  const socket = new WebSocket(app.origin.replace(/^http/, 'ws') + '/rpc', {
    headers: { origin: app.origin, cookie: app.cookieHeader },
    maxPayload: 0,
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let id = 0;
  let closeCode: number | undefined;
  const replies = new Map<number, ServerMessage[]>();
  const anonymous: ServerMessage[] = [];
  const waiters = new Map<number, (reply: Terminal) => void>();
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as ServerMessage;
    if (message.id === null) return void anonymous.push(message);
    const list = replies.get(message.id) ?? [];
    list.push(message);
    replies.set(message.id, list);
    if (message.t !== 'batch') waiters.get(message.id)?.(message);
  });
  socket.on('close', (code) => (closeCode = code));
  return {
    nextId: () => ++id,
    send: (frame, binary = false) => socket.send(frame, { binary }),
    repliesTo: (of) => replies.get(of) ?? [],
    anonymous: () => anonymous,
    terminal(of, timeoutMs) {
      const done = replies.get(of)?.find((m): m is Terminal => m.t !== 'batch');
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(of);
          reject(new Error(`no terminal reply for id ${of} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.set(of, (reply) => {
          clearTimeout(timer);
          waiters.delete(of);
          resolve(reply);
        });
      });
    },
    closed: () => closeCode,
    close: () => socket.close(),
  };
}
