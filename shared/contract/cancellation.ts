/**
 * The part of AbortSignal the contract relies on. Shared code has neither DOM nor Node
 * typings, so it names the shape; a real AbortSignal from either side satisfies it.
 */
export interface Cancellation {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
