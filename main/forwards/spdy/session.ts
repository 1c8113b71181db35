/**
 * One SPDY session to one pod, tunnelled through a WebSocket to the API server
 * ("SPDY/3.1+portforward.k8s.io", what `kubectl port-forward` 1.31+ opens): the API server
 * passes the bytes to the kubelet's SPDY port-forward, where each local connection is a pair
 * of streams (portforward-pair.ts). Opening a stream costs one frame each way instead of a
 * new upgrade.
 *
 * Flow control: the kubelet's spdystream neither sends nor honours SPDY window updates, so
 * there are none here either. Towards the pod, each stream's writer gets a callback when its
 * frames left (ws's send queue) and pauses its source; from the pod, a stream that cannot
 * deliver asks for `pause()`, which pauses the whole WebSocket while any stream asks (the
 * same head-of-line blocking kubectl's session has; the kubelet blocks likewise).
 */
import type WebSocket from 'ws';
import {
  ControlType,
  FLAG_FIN,
  FrameParser,
  MAX_OUTBOUND_DATA_BYTES,
  StoredZlibWriter,
  controlFrame,
  dataFrame,
  headerBlock,
  resetFrame,
  synStreamFrame,
  type Frame,
} from './frames';

/** The stream ids this side may use: odd, increasing, below 2^31. */
const MAX_STREAM_ID = 0x7fffffff;

export interface StreamHandlers {
  data(chunk: Buffer): void;
  /** The pod's side finished (FIN) or the stream was reset or the session ended. */
  end(reason: 'fin' | 'reset' | 'session'): void;
}

export class SpdyStream {
  private localDone = false;
  private remoteDone = false;
  private replyWaiters: Array<(ok: boolean) => void> = [];
  replied = false;
  handlers: StreamHandlers | undefined;

  constructor(
    private readonly session: SpdySession,
    readonly id: number,
  ) {}

  /** Resolves true once the kubelet replied (it drops data sent before), false if it never will. */
  ready(): Promise<boolean> {
    if (this.replied) return Promise.resolve(true);
    if (this.remoteDone || this.session.closed) return Promise.resolve(false);
    return new Promise((resolve) => this.replyWaiters.push(resolve));
  }

  /** Sends bytes to the pod; `sent` runs when the last frame left the WebSocket's queue. */
  write(chunk: Buffer, sent?: (error?: Error) => void): void {
    if (this.localDone) return void sent?.();
    for (let at = 0; at < chunk.length; at += MAX_OUTBOUND_DATA_BYTES) {
      const last = at + MAX_OUTBOUND_DATA_BYTES >= chunk.length;
      const frame = dataFrame(this.id, chunk.subarray(at, at + MAX_OUTBOUND_DATA_BYTES));
      this.session.send(frame, last ? sent : undefined);
    }
  }

  /** Half-closes this side (FIN): the pod reads EOF and may still answer. */
  end(): void {
    if (this.localDone) return;
    this.localDone = true;
    this.session.send(dataFrame(this.id, Buffer.alloc(0), true));
    if (this.remoteDone) this.session.forget(this.id);
  }

  /** Closes at once both ways (RST_STREAM CANCEL). */
  reset(): void {
    if (this.localDone && this.remoteDone) return;
    this.localDone = true;
    this.session.send(resetFrame(this.id));
    this.finishRemote('reset');
  }

  pause(): void {
    this.session.pauseFor(this.id);
  }

  resume(): void {
    this.session.resumeFor(this.id);
  }

  /** Called by the session. */
  onReply(): void {
    if (this.replied) return;
    this.replied = true;
    for (const w of this.replyWaiters.splice(0)) w(true);
  }

  /** Called by the session. */
  onData(chunk: Buffer, fin: boolean): void {
    if (this.remoteDone) return;
    if (chunk.length > 0) this.handlers?.data(chunk);
    if (fin) this.finishRemote('fin');
  }

  /** Called by the session: the pod's side is over. */
  finishRemote(reason: 'fin' | 'reset' | 'session'): void {
    if (this.remoteDone) return;
    this.remoteDone = true;
    if (reason !== 'fin') this.localDone = true;
    for (const w of this.replyWaiters.splice(0)) w(false);
    this.session.resumeFor(this.id);
    if (this.localDone) this.session.forget(this.id);
    this.handlers?.end(reason);
  }
}

export class SpdySession {
  private readonly parser = new FrameParser();
  private readonly headers = new StoredZlibWriter();
  private readonly streams = new Map<number, SpdyStream>();
  private readonly pausedBy = new Set<number>();
  private nextId = 1;
  private closingWhenIdle = false;
  private closeListeners: Array<(reason: string) => void> = [];
  closed = false;

  constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.receive(data));
    ws.on('close', (code: number, reason: Buffer) =>
      this.shut(
        `the tunnel closed (${code}${reason.length ? `: ${reason.toString('utf8', 0, 200)}` : ''})`,
      ),
    );
    ws.on('error', (error) => this.shut(error.message));
  }

  /** Streams open now. */
  get size(): number {
    return this.streams.size;
  }

  /** False once stream ids ran out: a new session is needed. */
  get usable(): boolean {
    return !this.closed && this.nextId <= MAX_STREAM_ID;
  }

  openStream(headers: ReadonlyArray<readonly [string, string]>): SpdyStream {
    if (!this.usable) throw new Error('the SPDY session is closed');
    const stream = new SpdyStream(this, this.nextId);
    this.nextId += 2;
    this.streams.set(stream.id, stream);
    this.send(synStreamFrame(stream.id, this.headers.wrap(headerBlock(headers))));
    return stream;
  }

  onClose(listener: (reason: string) => void): void {
    if (this.closed) listener('closed');
    else this.closeListeners.push(listener);
  }

  close(): void {
    this.shut('closed');
    this.ws.close(1000);
  }

  terminate(): void {
    this.shut('closed');
    this.ws.terminate();
  }

  send(frame: Buffer, sent?: (error?: Error) => void): void {
    if (this.closed) return void sent?.(new Error('the SPDY session is closed'));
    this.ws.send(frame, { binary: true }, sent);
  }

  pauseFor(id: number): void {
    if (this.pausedBy.size === 0 && !this.closed) this.ws.pause();
    this.pausedBy.add(id);
  }

  resumeFor(id: number): void {
    if (!this.pausedBy.delete(id)) return;
    if (this.pausedBy.size === 0 && !this.closed) this.ws.resume();
  }

  forget(id: number): void {
    this.streams.delete(id);
    this.resumeFor(id);
    if (this.closingWhenIdle && this.streams.size === 0) this.close();
  }

  /** Closes now if no stream is open, else when the last one ends. */
  closeWhenIdle(): void {
    this.closingWhenIdle = true;
    if (this.streams.size === 0) this.close();
  }

  private receive(chunk: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.parser.push(chunk);
    } catch (error) {
      this.shut(error instanceof Error ? error.message : String(error));
      return void this.ws.terminate();
    }
    for (const frame of frames) this.handle(frame);
  }

  private handle(frame: Frame): void {
    if (frame.kind === 'data') {
      this.streams.get(frame.streamId)?.onData(frame.data, frame.fin);
      return;
    }
    const { type, flags, payload } = frame;
    if (type === ControlType.Ping) {
      // Pings the kubelet starts (even ids) are echoed; ours (odd) are not sent.
      if (payload.length >= 4 && (payload.readUInt32BE(0) & 1) === 0)
        this.send(controlFrame(ControlType.Ping, 0, payload.subarray(0, 4)));
      return;
    }
    if (type === ControlType.GoAway) {
      this.shut('the kubelet ended the session (GOAWAY)');
      return void this.ws.close(1000);
    }
    if (payload.length < 4) return;
    const stream = this.streams.get(payload.readUInt32BE(0) & 0x7fffffff);
    if (!stream) return;
    if (type === ControlType.SynReply) {
      stream.onReply();
      if (flags & FLAG_FIN) stream.finishRemote('fin');
    } else if (type === ControlType.RstStream) {
      stream.finishRemote('reset');
    } else if (type === ControlType.Headers && flags & FLAG_FIN) {
      stream.finishRemote('fin');
    }
    // SETTINGS and WINDOW_UPDATE: spdystream sends neither; nothing to do if one comes.
  }

  private shut(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.pausedBy.clear();
    for (const stream of [...this.streams.values()]) stream.finishRemote('session');
    this.streams.clear();
    for (const l of this.closeListeners.splice(0)) l(reason);
  }
}
