/**
 * SPDY/3.1 framing, the part of it the kubelet's port-forward speaks (moby/spdystream, which
 * every kubelet and kwok use). Why SPDY at all: kubectl 1.31+ forwards through ONE WebSocket
 * per pod carrying SPDY ("SPDY/3.1+portforward.k8s.io"), and opens a pair of SPDY streams per
 * local connection inside it; the older v4.channel.k8s.io WebSocket costs a whole upgrade
 * (TLS, authentication, the API server's proxy, the kubelet) per local connection.
 *
 * Header blocks: SPDY/3 compresses them with zlib in one stream per direction. Outgoing
 * blocks are written as zlib STORED blocks, each followed by a sync flush's empty stored
 * block (no compression, no preset dictionary): a valid
 * zlib stream that spdystream's reader (Go's compress/zlib) accepts, and it keeps this side
 * synchronous and free of compressor state. Incoming header blocks (the kubelet's empty
 * SYN_REPLY headers) are never decoded: port-forward needs none of them.
 *
 * Frames the peer sends are bounded: a frame longer than MAX_INBOUND_FRAME_BYTES is a
 * protocol error (the kubelet writes data frames of at most 32 KiB).
 */

export const SPDY_VERSION = 3;
export const enum ControlType {
  SynStream = 1,
  SynReply = 2,
  RstStream = 3,
  Settings = 4,
  Ping = 6,
  GoAway = 7,
  Headers = 8,
  WindowUpdate = 9,
}
export const FLAG_FIN = 0x01;
/** RST_STREAM status codes (SPDY/3 §2.6.3). */
export const RST_CANCEL = 5;
/** What one data frame carries at most when this side writes (the kubelet's own size). */
export const MAX_OUTBOUND_DATA_BYTES = 32 * 1024;
export const MAX_INBOUND_FRAME_BYTES = 1024 * 1024;
const HEADER_BYTES = 8;
const SYNC_FLUSH = Buffer.from([0, 0, 0, 0xff, 0xff]);
/** Largest zlib stored block. */
const MAX_STORED_BLOCK_BYTES = 0xffff;

export type Frame =
  | { kind: 'data'; streamId: number; fin: boolean; data: Buffer }
  | { kind: 'control'; type: number; flags: number; payload: Buffer };

/** A control frame: the C bit and version, the type, flags and the 24-bit length. */
export function controlFrame(type: ControlType, flags: number, payload: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  frame.writeUInt16BE(0x8000 | SPDY_VERSION, 0);
  frame.writeUInt16BE(type, 2);
  frame.writeUInt32BE(((flags & 0xff) << 24) | payload.length, 4);
  payload.copy(frame, HEADER_BYTES);
  return frame;
}

/** A data frame: the 31-bit stream id, FIN, the 24-bit length, the bytes. */
export function dataFrame(streamId: number, data: Buffer, fin = false): Buffer {
  const frame = Buffer.allocUnsafe(HEADER_BYTES + data.length);
  frame.writeUInt32BE(streamId & 0x7fffffff, 0);
  frame.writeUInt32BE(((fin ? FLAG_FIN : 0) << 24) | data.length, 4);
  data.copy(frame, HEADER_BYTES);
  return frame;
}

/** RST_STREAM for one stream. */
export function resetFrame(streamId: number, status = RST_CANCEL): Buffer {
  const payload = Buffer.allocUnsafe(8);
  payload.writeUInt32BE(streamId & 0x7fffffff, 0);
  payload.writeUInt32BE(status, 4);
  return controlFrame(ControlType.RstStream, 0, payload);
}

/** The name/value block of SPDY/3 (§2.6.10), before compression: lower-case names. */
export function headerBlock(headers: ReadonlyArray<readonly [string, string]>): Buffer {
  const parts: Buffer[] = [u32(headers.length)];
  for (const [name, value] of headers) {
    const n = Buffer.from(name.toLowerCase(), 'utf8');
    const v = Buffer.from(value, 'utf8');
    parts.push(u32(n.length), n, u32(v.length), v);
  }
  return Buffer.concat(parts);
}

/**
 * The outgoing half of the connection's header zlib stream: the zlib header once, then each
 * block as STORED deflate blocks that are not final, so the stream stays open.
 */
export class StoredZlibWriter {
  private started = false;

  wrap(block: Buffer): Buffer {
    const parts: Buffer[] = [];
    // CMF 0x78 (deflate, 32 KiB window), FLG 0x01: no preset dictionary, check bits valid.
    if (!this.started) parts.push(Buffer.from([0x78, 0x01]));
    this.started = true;
    let at = 0;
    do {
      const piece = block.subarray(at, at + MAX_STORED_BLOCK_BYTES);
      const head = Buffer.allocUnsafe(5);
      head[0] = 0; // BFINAL 0, BTYPE 00 (stored)
      head.writeUInt16LE(piece.length, 1);
      head.writeUInt16LE(~piece.length & 0xffff, 3);
      parts.push(head, piece);
      at += MAX_STORED_BLOCK_BYTES;
    } while (at < block.length);
    // What Z_SYNC_FLUSH writes: an empty stored block. Go's inflater hands a stored block's
    // bytes on only when the next block starts; without it, it would read past the frame.
    parts.push(SYNC_FLUSH);
    return Buffer.concat(parts);
  }
}

/** SYN_STREAM for a new stream, its header block already wrapped (see StoredZlibWriter). */
export function synStreamFrame(streamId: number, compressedHeaders: Buffer, fin = false): Buffer {
  const payload = Buffer.allocUnsafe(10 + compressedHeaders.length);
  payload.writeUInt32BE(streamId & 0x7fffffff, 0);
  payload.writeUInt32BE(0, 4); // associated stream
  payload[8] = 0; // priority 0 (highest), as every stream here is equal
  payload[9] = 0; // slot
  compressedHeaders.copy(payload, 10);
  return controlFrame(ControlType.SynStream, fin ? FLAG_FIN : 0, payload);
}

/**
 * Splits the peer's byte stream (WebSocket messages carry arbitrary slices of it: the
 * kubelet writes a data frame's header and its bytes separately) into frames. A frame whose
 * bytes arrived in one message is a view of it, not a copy. Throws on a frame over
 * MAX_INBOUND_FRAME_BYTES.
 */
export class FrameParser {
  private chunks: Buffer[] = [];
  private size = 0;

  push(chunk: Buffer): Frame[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.size += chunk.length;
    }
    const frames: Frame[] = [];
    while (this.size >= HEADER_BYTES) {
      const head = this.peek(HEADER_BYTES);
      const length = head.readUInt32BE(4) & 0xffffff;
      if (length > MAX_INBOUND_FRAME_BYTES)
        throw new Error(
          `a SPDY frame of ${length} bytes is over the ${MAX_INBOUND_FRAME_BYTES}-byte bound`,
        );
      if (this.size < HEADER_BYTES + length) break;
      const first = head.readUInt32BE(0);
      const flags = head[4]!;
      this.take(HEADER_BYTES);
      const body = this.take(length);
      frames.push(
        first & 0x80000000
          ? { kind: 'control', type: first & 0xffff, flags, payload: body }
          : {
              kind: 'data',
              streamId: first & 0x7fffffff,
              fin: (flags & FLAG_FIN) !== 0,
              data: body,
            },
      );
    }
    return frames;
  }

  /** The first `n` buffered bytes, without consuming them. */
  private peek(n: number): Buffer {
    const first = this.chunks[0]!;
    return first.length >= n ? first.subarray(0, n) : Buffer.concat(this.chunks, n);
  }

  /** Consumes `n` buffered bytes: a view when they lie in one chunk. */
  private take(n: number): Buffer {
    this.size -= n;
    const first = this.chunks[0];
    if (n === 0 || !first) return Buffer.alloc(0);
    if (first.length >= n) {
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) {
      const c = this.chunks[0]!;
      const used = Math.min(c.length, n - at);
      c.copy(out, at, 0, used);
      at += used;
      if (used === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(used);
    }
    return out;
  }
}

function u32(n: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(n, 0);
  return b;
}
