import { describe, expect, it } from 'vitest';
import { ChannelReader, dataFrame, MAX_ERROR_BYTES } from './tunnel';

describe('the v4 port-forward channels', () => {
  it("drops each channel's two-byte port prefix, even split across frames", () => {
    const data: string[] = [];
    const errors: string[] = [];
    const r = new ChannelReader(
      (d) => data.push(d.toString()),
      (e) => errors.push(e),
    );
    r.push(Buffer.from([0, 0x50]));
    r.push(Buffer.from([0, 0x00, ...Buffer.from('hello')]));
    r.push(Buffer.from([1, 0x50, 0x00]));
    r.push(Buffer.from([0, ...Buffer.from(' world')]));
    expect(data.join('')).toBe('hello world');
    expect(errors).toEqual([]);
    r.push(Buffer.from([1, ...Buffer.from('dial failed\u001b[2J')]));
    expect(errors.at(-1)).toBe('dial failed [2J');
  });
  it('bounds the error text and ignores unknown channels', () => {
    const errors: string[] = [];
    const r = new ChannelReader(
      () => undefined,
      (e) => errors.push(e),
    );
    r.push(Buffer.from([1, 0, 0]));
    r.push(Buffer.concat([Buffer.from([1]), Buffer.alloc(3 * MAX_ERROR_BYTES, 'e')]));
    r.push(Buffer.from([7, 1, 2, 3]));
    expect(errors.at(-1)!.length).toBeLessThanOrEqual(500);
  });
  it('frames data for channel 0', () => {
    expect([...dataFrame(Buffer.from('ab'))]).toEqual([0, 97, 98]);
  });
});
