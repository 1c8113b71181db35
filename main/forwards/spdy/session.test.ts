import { EventEmitter } from 'node:events';
import type WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import {
  ControlType,
  FrameParser,
  controlFrame,
  dataFrame,
  resetFrame,
  type Frame,
} from './frames';
import { SpdySession } from './session';

/** The WebSocket side the session uses: what it sent, and pause state. */
class FakeSocket extends EventEmitter {
  sent: Buffer[] = [];
  paused = false;
  closed = false;
  send(frame: Buffer, _options: unknown, cb?: () => void) {
    this.sent.push(frame);
    cb?.();
  }
  pause() {
    this.paused = true;
  }
  resume() {
    this.paused = false;
  }
  close() {
    this.closed = true;
    this.emit('close', 1000, Buffer.alloc(0));
  }
  terminate() {
    this.close();
  }
  frames(): Frame[] {
    return new FrameParser().push(Buffer.concat(this.sent));
  }
}

const reply = (id: number) => {
  const payload = Buffer.alloc(6);
  payload.writeUInt32BE(id, 0);
  return controlFrame(ControlType.SynReply, 0, payload);
};

function open() {
  const ws = new FakeSocket();
  const session = new SpdySession(ws as unknown as WebSocket);
  return { ws, session };
}

describe('SpdySession', () => {
  it('numbers streams 1, 3, 5… and sends SYN_STREAM for each', () => {
    const { ws, session } = open();
    expect(session.openStream([['port', '80']]).id).toBe(1);
    expect(session.openStream([['port', '80']]).id).toBe(3);
    expect(ws.frames().map((f) => f.kind === 'control' && f.type)).toEqual([
      ControlType.SynStream,
      ControlType.SynStream,
    ]);
  });

  it('is ready after the reply, hands data on, and ends on FIN', async () => {
    const { ws, session } = open();
    const stream = session.openStream([]);
    const got: string[] = [];
    const ends: string[] = [];
    stream.handlers = { data: (c) => got.push(c.toString()), end: (r) => ends.push(r) };
    ws.emit('message', reply(1));
    expect(await stream.ready()).toBe(true);
    ws.emit(
      'message',
      Buffer.concat([dataFrame(1, Buffer.from('a')), dataFrame(1, Buffer.from('b'), true)]),
    );
    expect(got).toEqual(['a', 'b']);
    expect(ends).toEqual(['fin']);
  });

  it('tells a stream reset by the kubelet, and a waiting opener that it will not be ready', async () => {
    const { ws, session } = open();
    const stream = session.openStream([]);
    const ends: string[] = [];
    stream.handlers = { data: () => undefined, end: (r) => ends.push(r) };
    const ready = stream.ready();
    ws.emit('message', resetFrame(1));
    expect(await ready).toBe(false);
    expect(ends).toEqual(['reset']);
  });

  it('ends every stream when the tunnel closes or the kubelet sends GOAWAY', () => {
    const { ws, session } = open();
    const ends: string[] = [];
    for (let i = 0; i < 3; i++)
      session.openStream([]).handlers = { data: () => undefined, end: (r) => ends.push(r) };
    const reasons: string[] = [];
    session.onClose((r) => reasons.push(r));
    ws.emit('message', controlFrame(ControlType.GoAway, 0, Buffer.alloc(8)));
    expect(ends).toEqual(['session', 'session', 'session']);
    expect(reasons[0]).toMatch(/GOAWAY/);
    expect(session.usable).toBe(false);
  });

  it('echoes the kubelet’s pings (even ids) only', () => {
    const { ws } = open();
    const ping = (id: number) => {
      const p = Buffer.alloc(4);
      p.writeUInt32BE(id, 0);
      return controlFrame(ControlType.Ping, 0, p);
    };
    ws.emit('message', ping(2));
    ws.emit('message', ping(1));
    expect(ws.frames()).toHaveLength(1);
  });

  it('pauses the tunnel while any stream asks, and resumes when none does', () => {
    const { ws, session } = open();
    const a = session.openStream([]);
    const b = session.openStream([]);
    a.pause();
    b.pause();
    a.resume();
    expect(ws.paused).toBe(true);
    b.resume();
    expect(ws.paused).toBe(false);
  });

  it('splits a large write into frames of at most 32 KiB, FIN only on end()', () => {
    const { ws, session } = open();
    const stream = session.openStream([]);
    ws.sent = [];
    stream.write(Buffer.alloc(70_000));
    stream.end();
    const data = ws.frames().filter((f) => f.kind === 'data');
    expect(data.map((f) => f.kind === 'data' && [f.data.length, f.fin])).toEqual([
      [32768, false],
      [32768, false],
      [4464, false],
      [0, true],
    ]);
  });

  it('closes when idle once retired: now if no stream is open, else after the last', () => {
    const { ws, session } = open();
    const stream = session.openStream([]);
    stream.handlers = { data: () => undefined, end: () => undefined };
    session.closeWhenIdle();
    expect(ws.closed).toBe(false);
    ws.emit('message', reply(1));
    ws.emit('message', dataFrame(1, Buffer.alloc(0), true));
    stream.end();
    expect(ws.closed).toBe(true);
  });

  it('refuses a frame over the bound by closing the tunnel', () => {
    const { ws, session } = open();
    const head = Buffer.from([0, 0, 0, 1, 0, 0xff, 0xff, 0xff]);
    ws.emit('message', head);
    expect(session.closed).toBe(true);
  });
});
