/**
 * How a channel is declared, and the input schemas every feature's channels share. Each
 * feature declares its own channels in `shared/contract/<feature>.ts` with these helpers;
 * `channels.ts` only merges them.
 */
import { z } from 'zod';

/** A kubeconfig context name: free text in kubeconfig, so only its length is bounded. */
export const contextName = z.string().min(1).max(512);

/** A namespace name as Kubernetes accepts it (RFC 1123 label). */
export const namespaceName = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a lowercase RFC 1123 label, like team-a');

/** "All namespaces", or a list of them. */
export const namespaceChoice = z.discriminatedUnion('all', [
  z.object({ all: z.literal(true) }).strict(),
  z.object({ all: z.literal(false), namespaces: z.array(namespaceName).max(1000) }).strict(),
]);

/** A Kubernetes object name (RFC 1123 subdomain; generous, the API server has the last word). */
export const objectName = z.string().min(1).max(253);

export const empty = z.object({}).strict();
export const byContext = z.object({ context: contextName }).strict();

/** A request: one input, one answer, cancellable. */
export interface RequestDef<In extends z.ZodType, Out> {
  kind: 'request';
  input: In;
  /** Type-only marker for the answer; never set at run time. */
  readonly output?: Out;
}

/** A stream: one input, then batches of events until it ends, fails or is cancelled. */
export interface StreamDef<In extends z.ZodType, Event> {
  kind: 'stream';
  input: In;
  /** Type-only marker for the events; never set at run time. */
  readonly event?: Event;
}

export const request =
  <Out>() =>
  <In extends z.ZodType>(input: In): RequestDef<In, Out> => ({ kind: 'request', input });
export const stream =
  <Event>() =>
  <In extends z.ZodType>(input: In): StreamDef<In, Event> => ({ kind: 'stream', input });
