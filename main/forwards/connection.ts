/**
 * One local TCP connection carried by one tunnel (tunnel.ts) to one pod, with flow control
 * both ways so that neither a slow local client nor a flooding pod grows main's memory:
 * - pod -> client: when the socket's buffer is full the WebSocket is paused (TCP back
 *   pressure reaches the API server and the pod);
 * - client -> pod: when more than SEND_HIGH_WATER_BYTES are queued on the WebSocket the
 *   socket is paused, and resumed once the queue has drained below SEND_LOW_WATER_BYTES.
 * Closing: the pod side closing ends the socket after its data (FIN, not RST); `close()`
 * (the pod went away, the forward stopped) does the same on purpose. v4 port-forward has
 * no half-close, so a client that ends its side keeps the tunnel until the pod answers
 * and hangs up, at most HALF_CLOSED_LINGER_MS of silence.
 */
import type net from 'node:net';
import type WebSocket from 'ws';
import { boundedText } from '../../shared/forwards/state-text';
import { ChannelReader, dataFrame } from './tunnel';

export const SEND_HIGH_WATER_BYTES = 1024 * 1024;
export const SEND_LOW_WATER_BYTES = 256 * 1024;
export const HALF_CLOSED_LINGER_MS = 60_000;

export interface ConnectionEvents {
  bytesIn(n: number): void;
  bytesOut(n: number): void;
  /** The kubelet or a transport reported an error on this connection. */
  error(text: string): void;
  /** Both sides are closed; called once. */
  closed(): void;
}

export class ForwardConnection {
  private sending = 0;
  private done = false;
  /** The tunnel is closed: nothing more can be sent to the pod. */
  private ended = false;
  private linger: NodeJS.Timeout | undefined;

  constructor(
    readonly socket: net.Socket,
    private readonly ws: WebSocket,
    readonly pod: string,
    private readonly events: ConnectionEvents,
  ) {
    const reader = new ChannelReader(
      (data) => {
        events.bytesIn(data.length);
        this.touch();
        if (!socket.write(data)) ws.pause();
      },
      (text) => events.error(text),
    );
    ws.on('message', (data: Buffer) => reader.push(data));
    socket.on('drain', () => ws.resume());
    socket.on('data', (chunk: Buffer) => this.send(chunk));
    socket.on('end', () => this.touch());
    socket.on('error', (error) => events.error(boundedText(error.message)));
    socket.on('close', () => this.finish());
    ws.on('error', (error) => events.error(boundedText(error.message)));
    // The pod (or the API server) hung up: the client gets what was sent, then FIN.
    ws.on('close', () => {
      this.ended = true;
      if (!socket.destroyed) socket.end();
      setTimeout(() => socket.destroy(), HALF_CLOSED_LINGER_MS).unref();
      this.finish();
    });
    socket.resume();
  }

  /** Closes both sides cleanly: the client sees FIN after any data already written. */
  close(): void {
    if (this.done) return;
    this.ws.close(1000);
    if (!this.socket.destroyed) this.socket.end();
    // A client that never reads would hold its socket; give it the linger time.
    setTimeout(() => this.socket.destroy(), HALF_CLOSED_LINGER_MS).unref();
  }

  /** Tears both sides down at once (the forward is being removed). */
  destroy(): void {
    this.ws.terminate();
    this.socket.destroy();
  }

  private send(chunk: Buffer): void {
    if (this.ended) return;
    const frame = dataFrame(chunk);
    this.events.bytesOut(chunk.length);
    this.sending += frame.length;
    if (this.sending > SEND_HIGH_WATER_BYTES) this.socket.pause();
    this.ws.send(frame, { binary: true }, () => {
      this.sending -= frame.length;
      if (this.sending < SEND_LOW_WATER_BYTES && this.socket.isPaused() && !this.done)
        this.socket.resume();
    });
  }

  /** After the client's FIN, the tunnel lingers while the pod keeps talking. */
  private touch(): void {
    if (!this.socket.readableEnded) return;
    clearTimeout(this.linger);
    this.linger = setTimeout(() => this.close(), HALF_CLOSED_LINGER_MS);
    this.linger.unref();
  }

  private finish(): void {
    if (this.done) return;
    // The connection counts until the client's socket is gone (its 'close' calls again).
    if (!this.socket.destroyed) return;
    this.done = true;
    clearTimeout(this.linger);
    this.ws.terminate();
    this.events.closed();
  }
}
