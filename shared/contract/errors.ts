/**
 * Errors travel as data so the UI can say exactly what went wrong and what to do.
 * Every failure that crosses the contract is one of these codes.
 */
import { redactUrlsIn } from '../kube/server-url';

export const errorCodes = [
  /**
   * The payload did not match the channel's schema, a value was out of range, or the
   * message itself was not one of the wire's (not JSON, a binary frame, a bad envelope).
   */
  'Invalid',
  /** The named thing (context, channel, object) does not exist. */
  'NotFound',
  /** The API server refused the credentials (HTTP 401). */
  'Unauthorized',
  /** The credentials are valid but RBAC denies the verb (HTTP 403). */
  'Forbidden',
  /** The API server (or Pilothouse's own backend) could not be reached. */
  'Unreachable',
  /** The kubeconfig's exec credential plugin failed; the message is the plugin's own. */
  'ExecFailed',
  /** A kubeconfig file could not be read or parsed. */
  'BadKubeconfig',
  /**
   * The object is not the one the caller named (HTTP 409): e.g. a delete whose
   * preconditions.uid no longer matches because the object was replaced. Nothing was done.
   */
  'Conflict',
  /** The caller cancelled the call. */
  'Cancelled',
  /** A message over the wire's size limit (MAX_MESSAGE_BYTES in wire.ts). */
  'TooLarge',
  /** The connection already runs its limit of calls or streams (wire.ts); end one first. */
  'TooMany',
  /** A call or stream reused an id this connection already used (ids must increase). */
  'DuplicateId',
  /** Anything else: a bug, reported with its message. */
  'Internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** The serialisable form of every error that crosses the contract. */
export interface PilotErrorData {
  code: ErrorCode;
  message: string;
}

/** Thrown inside services; serialised as {@link PilotErrorData} at the transport. */
export class PilotError extends Error implements PilotErrorData {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PilotError';
  }

  toData(): PilotErrorData {
    return { code: this.code, message: this.message };
  }
}

/**
 * Normalises anything thrown into a {@link PilotErrorData}. Any `user:password@` in a URL
 * quoted by the message is removed: the last line of defence for credentials in a
 * kubeconfig's server URL, whichever library echoed it.
 */
export function toErrorData(error: unknown): PilotErrorData {
  const data = asErrorData(error);
  return { code: data.code, message: redactUrlsIn(data.message) };
}

function asErrorData(error: unknown): PilotErrorData {
  if (error instanceof PilotError) return error.toData();
  if (isErrorData(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'Internal', message };
}

export function isErrorData(value: unknown): value is PilotErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof message === 'string' && (errorCodes as readonly unknown[]).includes(code);
}
