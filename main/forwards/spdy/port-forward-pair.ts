/**
 * portforward.k8s.io over a SPDY session: one local connection is a pair of streams with
 * the same `requestID`, an error stream (the kubelet writes why the dial failed, then
 * closes) and a data stream (the bytes of one TCP connection to the pod's port), as
 * client-go's tools/portforward opens them. Streams are used only after the kubelet's
 * SYN_REPLY: spdystream drops data that arrives on a stream it has not replied to yet.
 */
import { PilotError } from '../../../shared/contract/errors';
import { boundedText } from '../../../shared/forwards/state-text';
import { MAX_ERROR_BYTES } from '../tunnel';
import type { SpdySession, SpdyStream } from './session';

/** How long the kubelet may take to reply to a new stream (client-go waits 30 s). */
export const STREAM_REPLY_TIMEOUT_MS = 30_000;

export interface PortForwardPair {
  data: SpdyStream;
  error: SpdyStream;
  /** Resolves with the kubelet's error text (empty when it closed the stream silently). */
  errorText: Promise<string>;
}

const requestIds = new WeakMap<SpdySession, number>();

export async function openPortForwardPair(
  session: SpdySession,
  port: number,
  signal?: AbortSignal,
): Promise<PortForwardPair> {
  const requestId = requestIds.get(session) ?? 0;
  requestIds.set(session, requestId + 1);
  const headers = (type: string) =>
    [
      ['streamtype', type],
      ['port', String(port)],
      ['requestid', String(requestId)],
    ] as const;
  const error = session.openStream(headers('error'));
  const errorText = collectText(error);
  const data = session.openStream(headers('data'));
  const replied = await withinTime(
    Promise.all([error.ready(), data.ready()]).then(([a, b]) => a && b),
    signal,
  );
  if (replied !== true) {
    error.reset();
    data.reset();
    if (signal?.aborted) throw new PilotError('Cancelled', `forward port ${port}: cancelled`);
    const text = await Promise.race([errorText, Promise.resolve('')]);
    throw new PilotError(
      'Unreachable',
      text ||
        (replied === 'timeout'
          ? `the kubelet did not answer a new stream for port ${port} in ${STREAM_REPLY_TIMEOUT_MS / 1000} s`
          : `the tunnel to the pod closed while opening a stream for port ${port}`),
    );
  }
  // This side never writes to the error stream.
  error.end();
  return { data, error, errorText };
}

/** The error stream's text, bounded, once the kubelet finishes it. */
function collectText(stream: SpdyStream): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    stream.handlers = {
      data: (chunk) => {
        if (text.length < MAX_ERROR_BYTES)
          text += chunk.toString('utf8', 0, MAX_ERROR_BYTES - text.length);
      },
      end: () => resolve(boundedText(text)),
    };
  });
}

/** `work`, or 'timeout' / 'aborted' first; leaves no timer or listener behind. */
function withinTime<T>(work: Promise<T>, signal?: AbortSignal): Promise<T | 'timeout' | 'aborted'> {
  return new Promise((resolve) => {
    const done = (value: T | 'timeout' | 'aborted') => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => done('aborted');
    const timer = setTimeout(() => done('timeout'), STREAM_REPLY_TIMEOUT_MS);
    if (signal?.aborted) return done('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
    void work.then(done);
  });
}
