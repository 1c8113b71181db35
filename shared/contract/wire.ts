/**
 * The messages that carry the contract over any byte pipe: a WebSocket in browser mode,
 * a MessagePort in Electron. Both ends speak exactly this.
 */
import { z } from 'zod';
import type { PilotErrorData } from './errors';

/** Streams are flushed at most this often, so a busy stream costs the UI ~20 renders/s. */
export const STREAM_FLUSH_MS = 50;

const id = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** What the renderer sends. Main parses it with this schema before anything else. */
export const clientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id, channel: z.string().max(200), input: z.unknown() }),
  z.object({ t: z.literal('sub'), id, channel: z.string().max(200), input: z.unknown() }),
  z.object({ t: z.literal('cancel'), id }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

/** What main sends back. `batch` carries one or more stream events in order. */
export type ServerMessage =
  | { t: 'result'; id: number; value: unknown }
  | { t: 'error'; id: number; error: PilotErrorData }
  | { t: 'batch'; id: number; events: unknown[] }
  | { t: 'end'; id: number };
