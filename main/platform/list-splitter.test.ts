import { describe, expect, it } from 'vitest';
import { ListFormatError, ListSplitter } from './list-splitter';

const list = {
  kind: 'PodList',
  apiVersion: 'v1',
  metadata: { resourceVersion: '4711', continue: 'next-page' },
  items: [
    { metadata: { name: 'a', uid: '1' }, spec: { containers: [{ name: 'c', args: ['[', '{'] }] } },
    { metadata: { name: 'b "quoted" \\ back\\slash } ]', uid: '2' }, status: {} },
    { metadata: { name: 'ünïcødé ✓ 漢字', uid: '3' }, items: [{ nested: true }] },
  ],
};

/** Feeds `text` in chunks of `size` bytes and returns the parsed items and the head. */
function split(text: string, size: number, max?: number) {
  const items: unknown[] = [];
  const splitter = new ListSplitter((json) => items.push(JSON.parse(json)), max);
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) splitter.push(bytes.subarray(i, i + size));
  splitter.end();
  return { items, head: splitter.head };
}

describe('ListSplitter', () => {
  it('hands over every item and the metadata, whatever the chunk boundaries', () => {
    const text = JSON.stringify(list, null, 1);
    for (const size of [1, 2, 3, 7, 64, 100_000]) {
      const { items, head } = split(text, size);
      expect(items).toEqual(list.items);
      expect(head).toEqual({ resourceVersion: '4711', continue: 'next-page' });
    }
  });

  it('reads metadata that comes after the items, and no continue token as none', () => {
    const text = JSON.stringify({
      items: list.items,
      kind: 'PodList',
      metadata: { resourceVersion: '9', continue: '' },
    });
    const { items, head } = split(text, 5);
    expect(items).toHaveLength(3);
    expect(head).toEqual({ resourceVersion: '9' });
  });

  it('ignores items and metadata below the top level and other top-level values', () => {
    const text = JSON.stringify({
      kind: 'List',
      other: { items: [{ x: 1 }], metadata: { resourceVersion: 'wrong' } },
      strange: ['items', { metadata: 1 }],
      items: [1, 'two', null, [{ three: 3 }], { four: 4 }],
    });
    const { items, head } = split(text, 4);
    expect(items).toEqual([{ four: 4 }]);
    expect(head).toBeUndefined();
  });

  it('an empty list has no items', () => {
    expect(split('{"metadata":{"resourceVersion":"1"},"items":[]}', 3).items).toEqual([]);
    expect(split('{"metadata":{"resourceVersion":"1"},"items":null}', 3).items).toEqual([]);
  });

  it('fails a body that stops inside a value', () => {
    const text = JSON.stringify(list);
    expect(() => split(text.slice(0, text.length - 3), 10)).toThrow(ListFormatError);
    expect(() => split('{"items":[{"a":"unterminated', 10)).toThrow(ListFormatError);
  });

  it('fails an unbalanced body', () => {
    expect(() => split('{"items":[]}]}', 4)).toThrow(ListFormatError);
  });

  it('fails an item over the bound, in one chunk or across many, without holding more', () => {
    const big = JSON.stringify({ items: [{ small: 1 }, { data: 'x'.repeat(2000) }] });
    expect(() => split(big, 100_000, 1000)).toThrow(/over/);
    const items: unknown[] = [];
    const splitter = new ListSplitter((json) => items.push(JSON.parse(json)), 1000);
    const bytes = new TextEncoder().encode(big);
    expect(() => {
      for (let i = 0; i < bytes.length; i += 64) splitter.push(bytes.subarray(i, i + 64));
    }).toThrow(ListFormatError);
    expect(items).toEqual([{ small: 1 }]);
  });

  it('bounds the metadata like an item', () => {
    const text = JSON.stringify({ metadata: { continue: 'x'.repeat(5000) }, items: [] });
    expect(() => split(text, 100, 1000)).toThrow(ListFormatError);
  });
});
