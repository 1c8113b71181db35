/**
 * Splits a Kubernetes list response (`{"kind":…,"metadata":{…},"items":[{…},{…}]}`) into
 * its items as the bytes arrive, so a list of 10,000 pods (30 MB of JSON) is parsed and
 * projected one object at a time while it streams, instead of being held whole as text and
 * then as one object graph (the peak that JSON.parse of a whole page or list costs), and
 * so the first rows can be shown before the last byte has arrived.
 *
 * It only finds where each item of the top-level `items` array begins and ends (a scan of
 * the bytes that tracks nesting and strings); each item is then parsed by JSON.parse, which
 * also rejects anything malformed inside it. The top-level `metadata` (resourceVersion,
 * continue) is kept; every other top-level field is skipped without being stored.
 *
 * Each item's `metadata.managedFields` is cut out of its text before JSON.parse: no view reads
 * it (the detail panel fetches its object and drops it too), and on a pod it is about a
 * third of the bytes and most of the small objects (the `f:` field sets) that parsing would
 * make only for the garbage collector. The cut is found on the way by the scan below, in
 * compact JSON as the API server writes it; where it is not found (other spacing, a key
 * split across two chunks), the item is parsed whole, which is only slower.
 *
 * Bounds (the response is hostile input): an item or the metadata longer than
 * MAX_ITEM_BYTES fails the list, as does a body that is cut short or unbalanced. Nothing
 * else is kept between chunks but the bytes of the one item being read.
 */

/**
 * The largest single object accepted in a list, in bytes of JSON. etcd refuses requests
 * over 1.5 MiB by default, so no stored object comes near this; it bounds what one item
 * can make main hold.
 */
export const MAX_ITEM_BYTES = 8 * 1024 * 1024;

/** The list's own metadata: where a watch continues from, and the next page's token. */
export interface ListHead {
  resourceVersion?: string;
  continue?: string;
}

export class ListFormatError extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
/** Longest top-level key remembered; longer ones are none we read. */
const MAX_KEY_BYTES = 32;
/** Nesting inside an item (the list is 1, `items` 2): the item's keys, its metadata's keys. */
const ITEM_FLOOR = 2;
const ITEM_DEPTH = 3;
const METADATA_DEPTH = 4;
const METADATA_KEY = bytesOf('metadata"');
const MANAGED_FIELDS_KEY = bytesOf('managedFields":[');

function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Whether `bytes` holds `word` at `at` (false when the chunk ends first). */
function holds(bytes: Uint8Array, at: number, word: Uint8Array): boolean {
  if (at + word.length > bytes.length) return false;
  for (let k = 0; k < word.length; k++) if (bytes[at + k] !== word[k]) return false;
  return true;
}

type Capture = 'item' | 'metadata';

export class ListSplitter {
  /** The list's metadata once it has been read (Kubernetes sends it before the items). */
  head: ListHead | undefined;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** At depth 1: the next string is a key (after `{` or `,`), not a value. */
  private expectKey = false;
  private readingKey = false;
  private key: number[] = [];
  /** The top-level key whose value is being read. */
  private valueKey = '';
  private inItems = false;
  private capture: Capture | undefined;
  /** Bytes of the captured value from earlier chunks. */
  private parts: Uint8Array[] = [];
  private partBytes = 0;
  /** In the item being read: its last key was `metadata`; its metadata is being read. */
  private metadataKey = false;
  private inMetadata = false;
  /** In the item being read: the bytes [cutFrom, cutTo) to leave out (managedFields), or -1. */
  private cutFrom = -1;
  private cutTo = -1;

  constructor(
    /** Called with the JSON text of each item, in order. */
    private readonly onItem: (json: string) => void,
    private readonly maxItemBytes = MAX_ITEM_BYTES,
  ) {}

  /** Scans one chunk of the body, calling onItem for each item it completes. */
  push(chunk: Uint8Array): void {
    let start = this.capture ? 0 : -1;
    const length = chunk.length;
    for (let i = 0; i < length; i++) {
      if (this.capture) {
        // Nearly every byte of a list is inside an item: a tight loop finds its end.
        // `base` turns an index into this chunk into an offset into the captured value.
        const base = this.partBytes - Math.max(start, 0);
        const floor = this.capture === 'item' ? ITEM_FLOOR : 1;
        const end = this.valueEnd(chunk, i, floor, base);
        if (end < 0) break;
        this.finish(chunk, start, end + 1);
        start = -1;
        i = end;
        continue;
      }
      const c = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.readingKey) this.endKey();
        } else if (this.readingKey && this.key.length < MAX_KEY_BYTES) this.key.push(c);
      } else if (c === QUOTE) {
        this.inString = true;
        if (this.depth === 1 && this.expectKey) {
          this.readingKey = true;
          this.key = [];
        }
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        const depth = ++this.depth;
        if (depth === 1) this.expectKey = c === OPEN_OBJECT;
        else if (depth === 2) {
          if (c === OPEN_OBJECT && this.valueKey === 'metadata') this.capture = 'metadata';
          else if (c === OPEN_ARRAY && this.valueKey === 'items') this.inItems = true;
        } else if (depth === 3 && this.inItems && c === OPEN_OBJECT) this.capture = 'item';
        if (this.capture) start = i;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        const depth = --this.depth;
        if (depth < 0) throw new ListFormatError('unbalanced list response');
        if (depth === 1) this.inItems = false;
      } else if (this.depth === 1) {
        if (c === COMMA) {
          this.expectKey = true;
          this.valueKey = '';
        } else if (c === COLON) this.expectKey = false;
      }
    }
    if (this.capture) {
      // The value goes on in the next chunk: keep its bytes so far (a copy, since the
      // transport may reuse the chunk's memory). The bound is checked here and when the
      // value ends: all that is held between chunks is these parts.
      const rest = chunk.subarray(Math.max(start, 0));
      this.partBytes += rest.length;
      if (this.partBytes > this.maxItemBytes) this.tooLarge();
      this.parts.push(rest.slice());
    }
  }

  /**
   * Inside a captured value: the index of the bracket that brings the nesting back to
   * `floor` (the value's end), or -1 if the chunk ends first. Local variables, one
   * comparison chain per byte: this loop is most of the splitter's time.
   *
   * In an item (floor 2), it notes on the way where the item's `metadata.managedFields`
   * begins (at the comma before the key) and ends (after the array's `]`). Those checks run
   * only at a string's opening quote and at brackets, never on the bytes inside strings.
   */
  private valueEnd(bytes: Uint8Array, from: number, floor: number, base: number): number {
    const item = floor === ITEM_FLOOR;
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    const length = bytes.length;
    let i = from;
    for (; i < length; i++) {
      const c = bytes[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
      } else if (c === QUOTE) {
        inString = true;
        if (!item) continue;
        if (depth === ITEM_DEPTH) this.metadataKey = holds(bytes, i + 1, METADATA_KEY);
        else if (
          depth === METADATA_DEPTH &&
          this.inMetadata &&
          this.cutFrom < 0 &&
          i > 0 &&
          bytes[i - 1] === COMMA &&
          holds(bytes, i + 1, MANAGED_FIELDS_KEY)
        )
          this.cutFrom = base + i - 1;
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (++depth === METADATA_DEPTH) this.inMetadata = c === OPEN_OBJECT && this.metadataKey;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (--depth === floor) break;
        if (depth === ITEM_DEPTH) this.inMetadata = false;
        else if (depth === METADATA_DEPTH && this.cutFrom >= 0 && this.cutTo < 0)
          this.cutTo = base + i + 1;
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    return i < length ? i : -1;
  }

  /** The body is complete: fails if it stopped inside a value. */
  end(): void {
    if (this.depth !== 0 || this.inString) throw new ListFormatError('list response cut short');
  }

  private endKey(): void {
    this.readingKey = false;
    this.valueKey = this.key.length < MAX_KEY_BYTES ? String.fromCharCode(...this.key) : '';
  }

  private finish(bytes: Uint8Array, start: number, end: number): void {
    if (this.partBytes + end - start > this.maxItemBytes) this.tooLarge();
    let value: Buffer;
    if (this.parts.length === 0) value = utf8(bytes).subarray(start, end);
    else {
      this.parts.push(bytes.subarray(0, end));
      value = Buffer.concat(this.parts);
      this.parts = [];
      this.partBytes = 0;
    }
    const what = this.capture;
    this.capture = undefined;
    if (what === 'metadata') {
      this.head = readHead(value.toString('utf8'));
      return;
    }
    const { cutFrom, cutTo } = this;
    this.metadataKey = this.inMetadata = false;
    this.cutFrom = this.cutTo = -1;
    this.onItem(
      cutTo > 0
        ? value.toString('utf8', 0, cutFrom) + value.toString('utf8', cutTo)
        : value.toString('utf8'),
    );
  }

  private tooLarge(): never {
    throw new ListFormatError(
      `an object in the list is over ${Math.round(this.maxItemBytes / 2 ** 20)} MiB`,
    );
  }
}

/** The same bytes as a Buffer (no copy), for its fast UTF-8 decoding of a range. */
const utf8 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function readHead(json: string): ListHead {
  const meta = JSON.parse(json) as Record<string, unknown>;
  const head: ListHead = {};
  if (typeof meta['resourceVersion'] === 'string') head.resourceVersion = meta['resourceVersion'];
  if (typeof meta['continue'] === 'string' && meta['continue']) head.continue = meta['continue'];
  return head;
}
