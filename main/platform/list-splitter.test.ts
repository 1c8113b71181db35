import fc from 'fast-check';
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

  describe("an item's metadata.managedFields", () => {
    const managedFields = [
      {
        manager: 'kube-controller-manager',
        operation: 'Update',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': {} },
      },
      { manager: 'kwok', fieldsV1: { 'f:status': { 'k:{"type":"Ready"}': { '.': {} } } } },
    ];
    const pod = (name: string) => ({
      metadata: { name, uid: name, labels: { a: 'b' }, managedFields },
      spec: { containers: [{ name: 'c', args: ['"managedFields":[', ']'] }] },
      status: { phase: 'Running' },
    });
    /** Each item as sent, or without its metadata.managedFields. */
    const eitherWay = (got: unknown[], sent: Array<{ metadata?: object }>) => {
      expect(got).toHaveLength(sent.length);
      sent.forEach((item, i) => {
        const cut = withoutManagedFields(item);
        if (JSON.stringify(got[i]) !== JSON.stringify(cut)) expect(got[i]).toEqual(item);
      });
    };
    const withoutManagedFields = (item: { metadata?: object }) => {
      if (!item.metadata) return item;
      const { managedFields: _dropped, ...metadata } = item.metadata as Record<string, unknown>;
      return { ...item, metadata };
    };

    it('is left out of the item, the rest parsed as sent', () => {
      const items = [pod('a'), pod('b'), pod('c')];
      const text = JSON.stringify({ metadata: { resourceVersion: '7' }, items });
      expect(split(text, 100_000).items).toEqual(items.map(withoutManagedFields));
      // Chunks of 1 KiB split none of these keys; smaller ones split some, whose items come whole.
      const chunked = split(text, 1024).items;
      expect(chunked).toEqual(items.map(withoutManagedFields));
      for (const size of [1, 2, 5, 13, 64]) eitherWay(split(text, size).items, items);
    });

    it('stays where it is not the metadata of an item', () => {
      const items = [
        { spec: { managedFields: [1, 2] }, status: { x: 1 } },
        { metadata: { name: 'x', labels: { managedFields: '[' } }, managedFields: [3] },
        { metadata: { name: 'y', annotations: { k: '"managedFields":[1]' } } },
      ];
      const text = JSON.stringify({ metadata: { managedFields: [9] }, items });
      for (const size of [1, 3, 100_000]) expect(split(text, size).items).toEqual(items);
    });

    it('is cut exactly or not at all, whatever the item and the chunks (property)', () => {
      const metadata = fc.record(
        {
          name: fc.string(),
          managedFields: fc.array(fc.jsonValue(), { maxLength: 3 }),
          annotations: fc.dictionary(fc.string(), fc.string()),
        },
        { requiredKeys: ['name'] },
      );
      const item = fc.record({ metadata, spec: fc.jsonValue() }, { requiredKeys: ['metadata'] });
      fc.assert(
        fc.property(
          fc.array(item, { maxLength: 4 }),
          fc.integer({ min: 1, max: 50 }),
          (items, size) => {
            const text = JSON.stringify({ items });
            // JSON.stringify's own reading of the items (it drops undefined, -0, ...).
            const sent = (JSON.parse(text) as { items: Array<{ metadata: object }> }).items;
            eitherWay(split(text, size).items, sent);
            // In one chunk, every managedFields after the first key is found.
            expect(split(text, text.length).items).toEqual(sent.map(withoutManagedFields));
          },
        ),
      );
    });
  });
});
