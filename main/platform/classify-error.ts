/**
 * Turns whatever client-node threw into a {@link PilotError} a person can act on.
 * client-node reports HTTP failures as ApiException (with `code` and `body`), network
 * failures as fetch errors with a `cause` chain, and exec plugin failures as a plain
 * Error carrying the plugin's stderr.
 */
import { PilotError } from '../../shared/contract/errors';
import { pluginSearchFolders } from './exec-plugin-lookup';

const networkCodes: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'DNS lookup failed',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  UND_ERR_SOCKET: 'connection closed',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed server certificate not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'server certificate not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'server certificate not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'server certificate does not match the host name',
};

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  body?: unknown;
  syscall?: unknown;
  path?: unknown;
}

export interface ClassifyOptions {
  /** What was being done, for the message: "list pods in team-a". */
  action?: string;
  /** The context's user authenticates with an exec plugin. */
  usesExecPlugin?: boolean;
  server?: string;
}

export function classifyKubeError(error: unknown, options: ClassifyOptions = {}): PilotError {
  if (error instanceof PilotError) return error;
  const e = (error ?? {}) as ErrorLike;

  const status = typeof e.code === 'number' ? e.code : undefined;
  if (status !== undefined) {
    const reason = statusMessage(e.body) ?? `HTTP ${status}`;
    const doing = options.action ? ` to ${options.action}` : '';
    if (status === 401)
      return new PilotError('Unauthorized', `the API server rejected the credentials: ${reason}`);
    if (status === 403) return new PilotError('Forbidden', `not allowed${doing}: ${reason}`);
    if (status === 404) return new PilotError('NotFound', reason);
    return new PilotError('Internal', `API error${doing}: ${reason}`);
  }

  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    const c = cause as ErrorLike;
    const known = typeof c.code === 'string' ? networkCodes[c.code] : undefined;
    if (known && !(c.syscall === 'spawn' || String(c.syscall).startsWith('spawn'))) {
      const where = options.server ? ` (${options.server})` : '';
      return new PilotError('Unreachable', `cannot reach the API server${where}: ${known}`);
    }
    cause = c.cause;
  }

  // fetch reports failures it names itself (a blocked port, a bad URL) as "fetch failed"
  // with the reason in `cause`: the request never reached a server.
  if (error instanceof TypeError && e.message === 'fetch failed') {
    const cause = (e.cause as ErrorLike | undefined)?.message;
    const where = options.server ? ` (${options.server})` : '';
    return new PilotError(
      'Unreachable',
      `cannot reach the API server${where}: ${String(cause ?? 'request failed')}`,
    );
  }

  if (options.usesExecPlugin) {
    // Pilothouse's own runner (exec-credentials.ts) throws PilotErrors; these two cases
    // are for a plugin run some other way, and keep to the same rules.
    if (e.code === 'ENOENT' && String(e.syscall).startsWith('spawn')) {
      const command = String(e.path ?? 'the plugin');
      // The folders searched, never the raw PATH.
      const { folders } = pluginSearchFolders(process.env['PATH']);
      return new PilotError(
        'ExecFailed',
        `credential plugin "${command}" was not found on PATH; searched: ${folders.join(', ') || '(no usable folder)'}`,
      );
    }
    // JSON.parse's message quotes the output, which may be a bare token: never shown.
    if (error instanceof SyntaxError) {
      return new PilotError(
        'ExecFailed',
        'credential plugin printed something that is not an ExecCredential (its output is not shown: it may hold a secret)',
      );
    }
    if (!(error instanceof TypeError)) {
      const text = typeof e.message === 'string' ? e.message.trim() : String(error);
      return new PilotError('ExecFailed', `credential plugin failed: ${text || 'no output'}`);
    }
  }

  const message = typeof e.message === 'string' ? e.message : String(error);
  return new PilotError('Internal', message);
}

/**
 * The message of an API error body: a Status object's `message` (as JSON text or parsed),
 * or the first 300 characters of a body that is not JSON (a proxy's or kubelet's text).
 */
export function statusMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    try {
      return statusMessage(JSON.parse(body));
    } catch {
      return body.slice(0, 300) || undefined;
    }
  }
  if (body && typeof body === 'object' && typeof (body as ErrorLike).message === 'string') {
    return (body as { message: string }).message;
  }
  return undefined;
}
