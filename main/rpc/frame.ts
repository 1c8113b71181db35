/**
 * Turns what a transport received into a message for the dispatcher, or a typed refusal,
 * before any schema: the size limit (MAX_MESSAGE_BYTES), binary frames, UTF-8 and JSON for
 * byte transports (the WebSocket), an estimated size for structured ones (a MessagePort).
 * Transport-free, so both transports refuse the same things with the same codes
 * (the rules are at the top of shared/contract/wire.ts).
 */
import { MAX_MESSAGE_BYTES } from '../../shared/contract/wire';
import { PilotError } from '../../shared/contract/errors';

export type Decoded =
  { ok: true; message: unknown } | { ok: false; id: number | null; error: PilotError };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The start of a message as the client writes it (`JSON.stringify({ t, id, ... })`,
 * shared/contract/client.ts). Anchored, so an "id" deeper in the input cannot be taken for
 * the message's; only used to answer a frame main cannot parse (too big, not UTF-8, not
 * JSON) under its own id.
 */
const LEADING_ID =
  /^\s*\{\s*"t"\s*:\s*"(?:call|sub|cancel|ack)"\s*,\s*"id"\s*:\s*(\d{1,16})\s*[,}]/;
/** Longest piece of renderer-sent text (a channel name, a schema path) echoed in a message. */
const MAX_ECHO_CHARS = 200;

/** Enough for `{ "t": "call", "id": 9007199254740991,` with some spaces. */
const SNIFF_BYTES = 96;

/** An id as the wire allows it (wire.ts), or null. */
export function wireId(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/** The `id` of something shaped like a message, when it is one the wire allows. */
export function idOf(message: unknown): number | null {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return null;
  return Object.prototype.hasOwnProperty.call(message, 'id')
    ? wireId((message as Record<string, unknown>)['id'])
    : null;
}

/** The id at the very start of a frame written the way the client writes messages. */
export function leadingId(bytes: Uint8Array): number | null {
  const head = String.fromCharCode(...bytes.subarray(0, SNIFF_BYTES));
  const match = LEADING_ID.exec(head);
  return match?.[1] ? wireId(Number(match[1])) : null;
}

/** A WebSocket frame (already reassembled by the transport). */
export function decodeFrame(data: Uint8Array, binary: boolean, limit = MAX_MESSAGE_BYTES): Decoded {
  if (binary) {
    return refused(null, 'Invalid', 'binary frames are not part of the wire; send JSON text');
  }
  if (data.byteLength > limit) {
    return refused(
      leadingId(data),
      'TooLarge',
      `message of ${data.byteLength} bytes is over the limit of ${limit}`,
    );
  }
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    return refused(leadingId(data), 'Invalid', 'frame is not UTF-8 text');
  }
  try {
    return { ok: true, message: JSON.parse(text) as unknown };
  } catch {
    // Answered under its id when it starts like a message (say, `NaN` in its input).
    return refused(leadingId(data), 'Invalid', 'frame is not JSON');
  }
}

/** A message that arrived already decoded (a MessagePort's structured clone). */
export function checkStructured(message: unknown, limit = MAX_MESSAGE_BYTES): Decoded {
  if (message instanceof ArrayBuffer || ArrayBuffer.isView(message)) {
    return refused(null, 'Invalid', 'binary messages are not part of the wire');
  }
  if (!fitsWithin(message, limit)) {
    return refused(idOf(message), 'TooLarge', `message is over the limit of ${limit} bytes`);
  }
  return { ok: true, message };
}

/**
 * Whether a value's JSON length is at most `limit`, estimated (a few bytes per number and
 * punctuation). Iterative and stops as soon as the budget is spent, so a deep, wide or
 * cyclic structure (a structured clone may be cyclic) costs at most `limit` steps.
 */
export function fitsWithin(value: unknown, limit: number): boolean {
  let budget = limit;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') budget -= item.length + 2;
    else if (typeof item !== 'object' || item === null) budget -= 8;
    else if (item instanceof ArrayBuffer || ArrayBuffer.isView(item)) budget -= item.byteLength;
    else if (Array.isArray(item)) {
      budget -= 2;
      for (let i = 0; i < item.length && budget >= 0; i++) {
        budget -= 1;
        stack.push(item[i]);
      }
    } else {
      budget -= 2;
      for (const key in item) {
        if (!Object.prototype.hasOwnProperty.call(item, key)) continue;
        budget -= key.length + 4;
        if (budget < 0) return false;
        stack.push((item as Record<string, unknown>)[key]);
      }
    }
    if (budget < 0) return false;
  }
  return true;
}

function refused(id: number | null, code: 'Invalid' | 'TooLarge', message: string): Decoded {
  return { ok: false, id, error: new PilotError(code, message) };
}

/** Renderer-sent text, bounded and with control characters escaped, for messages and logs. */
export function echo(text: string): string {
  const clipped = text.length > MAX_ECHO_CHARS ? `${text.slice(0, MAX_ECHO_CHARS)}…` : text;
  // eslint-disable-next-line no-control-regex
  return clipped.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    JSON.stringify(c).slice(1, -1),
  );
}
