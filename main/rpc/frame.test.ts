import { describe, expect, it } from 'vitest';
import { echo, fitsWithin, idOf, leadingId } from './frame';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('frame', () => {
  it('reads the id only from the start of a message written as the client writes it', () => {
    expect(leadingId(bytes('{"t":"call","id":42,"channel":"x"'))).toBe(42);
    expect(leadingId(bytes(' { "t" : "sub" , "id" : 7 }'))).toBe(7);
    expect(leadingId(bytes('{"t":"call","channel":"x","id":42'))).toBeNull();
    expect(leadingId(bytes('{"input":{"t":"call","id":1},"id":2'))).toBeNull();
    expect(leadingId(bytes('{"t":"call","id":99999999999999999,'))).toBeNull();
    expect(leadingId(bytes('{"t":"call","id":-1,'))).toBeNull();
  });

  it('takes an id only when the wire allows it', () => {
    expect(idOf({ id: 3 })).toBe(3);
    expect([idOf({ id: 1.5 }), idOf({ id: -1 }), idOf({ id: '3' }), idOf([3]), idOf(null)]).toEqual(
      [null, null, null, null, null],
    );
    expect(idOf(Object.create({ id: 3 }) as object)).toBeNull();
  });

  it('estimates sizes within a budget, and stops early on huge, deep or cyclic values', () => {
    expect(fitsWithin({ a: 'x'.repeat(10) }, 100)).toBe(true);
    expect(fitsWithin({ a: 'x'.repeat(200) }, 100)).toBe(false);
    expect(fitsWithin(new Array(1e6).fill(0), 1000)).toBe(false);
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(fitsWithin(deep, 1000)).toBe(false);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(fitsWithin(cyclic, 1000)).toBe(false);
  });

  it('echoes text bounded, with control characters escaped', () => {
    expect(echo('a\u001b[2Jb\u0007')).toBe('a\\u001b[2Jb\\u0007');
    expect(echo('x'.repeat(500))).toHaveLength(201);
  });
});
