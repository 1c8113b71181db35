/**
 * One local TCP connection carried to one pod (pod-stream.ts: a pair of SPDY streams, or a
 * v4 WebSocket), with flow control both ways so that neither a slow local client nor a
 * flooding pod grows main's memory:
 * - pod -> client: when more than RECEIVE_HIGH_WATER_BYTES wait in the socket's buffer the
 *   pod stream is paused until it drains (TCP back pressure reaches the API server and the
 *   pod);
 * - client -> pod: when more than SEND_HIGH_WATER_BYTES are queued towards the API server
 *   the socket is paused, and resumed once the queue has drained below SEND_LOW_WATER_BYTES.
 * Closing: the pod side closing ends the socket after its data (FIN, not RST); `close()`
 * (the pod went away, the forward stopped) does the same on purpose. A client that ends its
 * side half-closes the pod stream where the protocol can (SPDY); either way the connection
 * lingers while the pod answers, at most HALF_CLOSED_LINGER_MS of silence.
 */
import type net from 'node:net';
import { boundedText } from '../../shared/forwards/state-text';
import type { PodStream } from './pod-stream';

export const SEND_HIGH_WATER_BYTES = 1024 * 1024;
export const SEND_LOW_WATER_BYTES = 256 * 1024;
export const HALF_CLOSED_LINGER_MS = 60_000;
/** Bytes from the pod queued for a local client before its pod stream is paused. */
export const RECEIVE_HIGH_WATER_BYTES = 1024 * 1024;

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
  private receivePaused = false;
  private done = false;
  /** The pod's side is over: nothing more can be sent to the pod. */
  private ended = false;
  private linger: NodeJS.Timeout | undefined;

  constructor(
    readonly socket: net.Socket,
    private readonly stream: PodStream,
    readonly pod: string,
    private readonly events: ConnectionEvents,
  ) {
    stream.listen({
      data: (data) => {
        events.bytesIn(data.length);
        this.touch();
        // Not on every `false` from write(): its 16 KiB mark is half a kubelet frame, and
        // pausing the whole session per frame halves the throughput.
        socket.write(data);
        if (socket.writableLength > RECEIVE_HIGH_WATER_BYTES && !this.receivePaused) {
          this.receivePaused = true;
          stream.pause();
        }
      },
      error: (text) => events.error(text),
      // The pod (or the API server) hung up: the client gets what was sent, then FIN.
      ended: () => {
        this.ended = true;
        if (!socket.destroyed) socket.end();
        setTimeout(() => socket.destroy(), HALF_CLOSED_LINGER_MS).unref();
        this.finish();
      },
    });
    socket.on('drain', () => {
      if (!this.receivePaused) return;
      this.receivePaused = false;
      stream.resume();
    });
    socket.on('data', (chunk: Buffer) => this.send(chunk));
    socket.on('end', () => {
      if (!this.ended) stream.endInput();
      this.touch();
    });
    socket.on('error', (error) => events.error(boundedText(error.message)));
    socket.on('close', () => this.finish());
    socket.resume();
  }

  /** Closes both sides cleanly: the client sees FIN after any data already written. */
  close(): void {
    if (this.done) return;
    this.stream.close();
    if (!this.socket.destroyed) this.socket.end();
    // A client that never reads would hold its socket; give it the linger time.
    setTimeout(() => this.socket.destroy(), HALF_CLOSED_LINGER_MS).unref();
  }

  /** Tears both sides down at once (the forward is being removed). */
  destroy(): void {
    this.stream.destroy();
    this.socket.destroy();
  }

  private send(chunk: Buffer): void {
    if (this.ended) return;
    this.events.bytesOut(chunk.length);
    this.sending += chunk.length;
    if (this.sending > SEND_HIGH_WATER_BYTES) this.socket.pause();
    this.stream.write(chunk, () => {
      this.sending -= chunk.length;
      if (this.sending < SEND_LOW_WATER_BYTES && this.socket.isPaused() && !this.done)
        this.socket.resume();
    });
  }

  /** After the client's FIN, the connection lingers while the pod keeps talking. */
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
    this.stream.destroy();
    this.events.closed();
  }
}
