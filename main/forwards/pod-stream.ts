/**
 * One TCP connection to a pod's port, whichever protocol carries it: a pair of streams in
 * the pod's SPDY session (what kubectl opens, many per session), or a v4 WebSocket of its
 * own (the fallback for API servers without SPDY tunnelling). ForwardConnection sees only
 * this.
 */
import type WebSocket from 'ws';
import { boundedText } from '../../shared/forwards/state-text';
import type { PortForwardPair } from './spdy/port-forward-pair';
import { ChannelReader, dataFrame } from './tunnel';

export interface PodStreamEvents {
  data(chunk: Buffer): void;
  /** The kubelet or the transport reported an error on this connection. */
  error(text: string): void;
  /** The pod's side is over: nothing more will arrive. */
  ended(): void;
}

export interface PodStream {
  listen(events: PodStreamEvents): void;
  /** Bytes to the pod; `sent` once they left main's queue. */
  write(chunk: Buffer, sent: () => void): void;
  /** The local client finished sending: half-close where the protocol has one. */
  endInput(): void;
  /** Ends both sides cleanly. */
  close(): void;
  /** Ends both sides at once. */
  destroy(): void;
  pause(): void;
  resume(): void;
  /** Whether `endInput` reaches the pod (SPDY) or not (v4 has no half-close). */
  readonly halfClose: boolean;
}

/** A pair of SPDY streams (spdy/port-forward-pair.ts). */
export function spdyPodStream(pair: PortForwardPair): PodStream {
  const { data } = pair;
  return {
    halfClose: true,
    listen(events) {
      // The kubelet finishes the error stream before the data stream: the reason (if any)
      // is told before the end.
      void pair.errorText.then((text) => {
        if (text) events.error(text);
      });
      data.handlers = {
        data: (chunk) => events.data(chunk),
        end: () => void pair.errorText.then(() => events.ended()),
      };
    },
    write: (chunk, sent) => data.write(chunk, () => sent()),
    endInput: () => data.end(),
    // What client-go does when a connection is over: reset both streams (the kubelet then
    // closes its connection to the pod); whatever arrived was already handed on.
    close: () => resetPair(pair),
    destroy: () => resetPair(pair),
    pause: () => data.pause(),
    resume: () => data.resume(),
  };
}

function resetPair(pair: PortForwardPair): void {
  pair.data.reset();
  pair.error.reset();
}

/** A v4.channel.k8s.io WebSocket carrying one connection (tunnel.ts). */
export function webSocketPodStream(ws: WebSocket): PodStream {
  return {
    halfClose: false,
    listen(events) {
      const reader = new ChannelReader(
        (chunk) => events.data(chunk),
        (text) => events.error(text),
      );
      ws.on('message', (frame: Buffer) => reader.push(frame));
      ws.on('error', (error) => events.error(boundedText(error.message)));
      ws.on('close', () => events.ended());
    },
    write: (chunk, sent) => ws.send(dataFrame(chunk), { binary: true }, () => sent()),
    endInput: () => undefined,
    close: () => ws.close(1000),
    destroy: () => ws.terminate(),
    pause: () => ws.pause(),
    resume: () => ws.resume(),
  };
}
