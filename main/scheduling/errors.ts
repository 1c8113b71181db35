/**
 * How the scheduling services report a failed API call: Cancelled when the call's own
 * signal ended it; the API server's refusal of the input (400/422) as `Invalid`, a 409 as
 * `Conflict`, both with the server's reason; the rest as classifyKubeError says (a 403
 * keeps RBAC's reason: "nodes "x" is forbidden: User … cannot patch resource …").
 */
import { PilotError } from '../../shared/contract/errors';
import { classifyKubeError, statusMessage } from '../platform/classify-error';

export function schedulingFailure(error: unknown, signal: AbortSignal, action: string): PilotError {
  if (error instanceof PilotError) return error;
  if (signal.aborted) return new PilotError('Cancelled', `${action} was cancelled`);
  const e = error as { code?: unknown; body?: unknown } | null;
  const code = typeof e?.code === 'number' ? e.code : undefined;
  if (code === 400 || code === 422 || code === 409) {
    const reason = statusMessage(e?.body) ?? `HTTP ${code}`;
    return new PilotError(code === 409 ? 'Conflict' : 'Invalid', `could not ${action}: ${reason}`);
  }
  return classifyKubeError(error, { action });
}
