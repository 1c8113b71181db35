import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  ControlType,
  FrameParser,
  MAX_INBOUND_FRAME_BYTES,
  StoredZlibWriter,
  controlFrame,
  dataFrame,
  headerBlock,
  resetFrame,
  synStreamFrame,
} from './frames';

describe('SPDY/3.1 frames', () => {
  it('writes a data frame: stream id, FIN flag, 24-bit length, bytes', () => {
    expect([...dataFrame(5, Buffer.from('hi'), true)]).toEqual([0, 0, 0, 5, 1, 0, 0, 2, 104, 105]);
    expect([...dataFrame(3, Buffer.alloc(0))]).toEqual([0, 0, 0, 3, 0, 0, 0, 0]);
  });

  it('writes a control frame with the C bit, version 3 and its type', () => {
    expect([...controlFrame(ControlType.Ping, 0, Buffer.from([0, 0, 0, 2]))]).toEqual([
      0x80, 3, 0, 6, 0, 0, 0, 4, 0, 0, 0, 2,
    ]);
    expect([...resetFrame(7)]).toEqual([0x80, 3, 0, 3, 0, 0, 0, 8, 0, 0, 0, 7, 0, 0, 0, 5]);
  });

  it('writes the name/value block with lower-case names and 32-bit lengths', () => {
    const block = headerBlock([
      ['streamType', 'data'],
      ['port', '80'],
    ]);
    expect(block.readUInt32BE(0)).toBe(2);
    expect(block.subarray(4, 8).readUInt32BE(0)).toBe(10);
    expect(block.toString('utf8', 8, 18)).toBe('streamtype');
    expect(block.readUInt32BE(18)).toBe(4);
    expect(block.toString('utf8', 22, 26)).toBe('data');
  });

  it('wraps header blocks as one zlib stream of stored blocks that zlib reads back', () => {
    const zlib = new StoredZlibWriter();
    const first = headerBlock([['port', '80']]);
    const second = headerBlock([['port', '5432']]);
    const a = zlib.wrap(first);
    const b = zlib.wrap(second);
    expect([...a.subarray(0, 2)]).toEqual([0x78, 0x01]);
    expect(b[0]).toBe(0); // no second zlib header: the stream continues
    // A final empty stored block closes the stream so that zlib can check it.
    const end = Buffer.from([1, 0, 0, 0xff, 0xff]);
    const body = Buffer.concat([a, b, end]);
    // zlib's trailer (adler32) is not there: ask for what came before it.
    const inflated = inflateSync(body, { finishFlush: 2 /* Z_SYNC_FLUSH */ });
    expect(inflated).toEqual(Buffer.concat([first, second]));
  });

  it('splits a block over 65,535 bytes into several stored blocks', () => {
    const big = Buffer.alloc(70_000, 1);
    const wrapped = new StoredZlibWriter().wrap(big);
    const inflated = inflateSync(Buffer.concat([wrapped, Buffer.from([1, 0, 0, 0xff, 0xff])]), {
      finishFlush: 2,
    });
    expect(inflated.length).toBe(70_000);
  });

  it('puts the stream id and the wrapped headers in SYN_STREAM', () => {
    const frame = synStreamFrame(9, Buffer.from([1, 2, 3]));
    expect(frame.readUInt16BE(0)).toBe(0x8003);
    expect(frame.readUInt16BE(2)).toBe(ControlType.SynStream);
    expect(frame.readUInt32BE(4) & 0xffffff).toBe(13);
    expect(frame.readUInt32BE(8)).toBe(9);
    expect([...frame.subarray(18)]).toEqual([1, 2, 3]);
  });
});

describe('FrameParser', () => {
  it('reads frames split anywhere across messages', () => {
    const bytes = Buffer.concat([
      dataFrame(1, Buffer.from('hello')),
      controlFrame(ControlType.SynReply, 0, Buffer.from([0, 0, 0, 1, 0, 0])),
      dataFrame(1, Buffer.alloc(0), true),
    ]);
    for (let cut = 1; cut < bytes.length; cut++) {
      const p = new FrameParser();
      const frames = [...p.push(bytes.subarray(0, cut)), ...p.push(bytes.subarray(cut))];
      expect(frames.map((f) => f.kind)).toEqual(['data', 'control', 'data']);
      const [data, reply, fin] = frames;
      expect(data).toMatchObject({ streamId: 1, fin: false });
      expect(data?.kind === 'data' && data.data.toString()).toBe('hello');
      expect(reply).toMatchObject({ type: ControlType.SynReply });
      expect(fin).toMatchObject({ streamId: 1, fin: true });
    }
  });

  it('reads frames fed a byte at a time, and hands a frame in one message on as a view', () => {
    const body = Buffer.from('0123456789');
    const frame = dataFrame(3, body);
    const p = new FrameParser();
    const frames = [...frame].flatMap((byte) => p.push(Buffer.from([byte])));
    expect(frames).toHaveLength(1);
    expect(frames[0]?.kind === 'data' && frames[0].data.toString()).toBe('0123456789');
    // The kubelet's way: header pieces, then the bytes in a message of their own.
    const message = Buffer.from(body);
    const q = new FrameParser();
    q.push(frame.subarray(0, 4));
    q.push(frame.subarray(4, 8));
    const [view] = q.push(message);
    expect(view?.kind === 'data' && view.data.buffer).toBe(message.buffer);
  });

  it('refuses a frame over the bound instead of buffering it', () => {
    const head = Buffer.from([0, 0, 0, 1, 0, 0, 0, 0]);
    head.writeUInt32BE(MAX_INBOUND_FRAME_BYTES + 1, 4);
    expect(() => new FrameParser().push(head)).toThrow(/over the/);
  });
});
