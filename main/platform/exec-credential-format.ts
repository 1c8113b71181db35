/**
 * The client.authentication.k8s.io ExecCredential protocol (v1 and v1beta1), as client-go
 * speaks it: the `exec` stanza of a kubeconfig user, the KUBERNETES_EXEC_INFO the plugin
 * reads, and the credential it prints. Everything a plugin prints on stdout is a secret:
 * no message made here quotes it (not even JSON.parse's message, which would), only the
 * plugin's stderr, cut to its end and with control characters made visible.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { PilotError } from '../../shared/contract/errors';

export const EXEC_API_VERSIONS = [
  'client.authentication.k8s.io/v1',
  'client.authentication.k8s.io/v1beta1',
] as const;

/** How much of stderr's end a message quotes (the runner keeps 64 KiB of it). */
export const MESSAGE_STDERR_CHARS = 2_000;
/** An installHint is advice from the kubeconfig; it is quoted up to this length. */
const MAX_INSTALL_HINT_CHARS = 500;

export type InteractiveMode = 'Never' | 'IfAvailable' | 'Always';

export interface ExecConfig {
  apiVersion: (typeof EXEC_API_VERSIONS)[number];
  command: string;
  args: string[];
  env: { name: string; value: string }[];
  interactiveMode: InteractiveMode;
  provideClusterInfo: boolean;
  installHint?: string;
}

/** The cluster as ExecCredential.spec.cluster describes it (provideClusterInfo: true). */
export interface ExecClusterInfo {
  server: string;
  'tls-server-name'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'certificate-authority-data'?: string;
  'proxy-url'?: string;
  config?: unknown;
}

export interface ExecCredential {
  token?: string;
  /** PEM, both or neither. */
  cert?: string;
  key?: string;
  /** ms since the epoch; absent: valid until the server refuses it. */
  expiresAt?: number;
}

const bad = (message: string) => new PilotError('BadKubeconfig', `exec plugin: ${message}`);

/** Reads a kubeconfig user's `exec` stanza, refusing what client-go would refuse. */
export function parseExecConfig(raw: unknown): ExecConfig {
  if (!raw || typeof raw !== 'object') throw bad('the exec entry is not a map');
  const exec = raw as Record<string, unknown>;
  const apiVersion = exec['apiVersion'];
  if (!EXEC_API_VERSIONS.includes(apiVersion as ExecConfig['apiVersion'])) {
    throw bad(
      `apiVersion ${JSON.stringify(apiVersion ?? null)} is not supported (${EXEC_API_VERSIONS.join(' or ')})`,
    );
  }
  const command = exec['command'];
  if (typeof command !== 'string' || command.trim() === '') throw bad('no command is given');
  const args = exec['args'] ?? [];
  if (!Array.isArray(args) || !args.every((a) => typeof a === 'string'))
    throw bad('args must be a list of strings');
  const env = exec['env'] ?? [];
  if (
    !Array.isArray(env) ||
    !env.every(
      (e: unknown) =>
        !!e &&
        typeof (e as Record<string, unknown>)['name'] === 'string' &&
        typeof (e as Record<string, unknown>)['value'] === 'string',
    )
  )
    throw bad('env must be a list of {name, value} strings');
  // v1beta1 defaults to IfAvailable; v1 requires it, which we do not insist on.
  const mode = exec['interactiveMode'] ?? 'IfAvailable';
  if (mode !== 'Never' && mode !== 'IfAvailable' && mode !== 'Always')
    throw bad(`unknown interactiveMode ${JSON.stringify(mode)}`);
  const hint = exec['installHint'];
  return {
    apiVersion: apiVersion as ExecConfig['apiVersion'],
    command,
    args: args as string[],
    env: (env as { name: string; value: string }[]).map(({ name, value }) => ({ name, value })),
    interactiveMode: mode,
    provideClusterInfo: exec['provideClusterInfo'] === true,
    ...(typeof hint === 'string' && hint.trim()
      ? { installHint: hint.slice(0, MAX_INSTALL_HINT_CHARS) }
      : {}),
  };
}

/**
 * KUBERNETES_EXEC_INFO: spec.interactive is always false, because the plugin never gets
 * a terminal from us (stdin is /dev/null).
 */
export function execInfo(config: ExecConfig, cluster: ExecClusterInfo | undefined): string {
  return JSON.stringify({
    apiVersion: config.apiVersion,
    kind: 'ExecCredential',
    spec: {
      interactive: false,
      ...(config.provideClusterInfo && cluster ? { cluster } : {}),
    },
  });
}

/** The plugin's environment: ours, then the kubeconfig's env entries, then the exec info. */
export function pluginEnv(
  config: ExecConfig,
  cluster: ExecClusterInfo | undefined,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const { name, value } of config.env) env[name] = value;
  env['KUBERNETES_EXEC_INFO'] = execInfo(config, cluster);
  return env;
}

/** Parses what a plugin printed on stdout; errors describe the output, never quote it. */
export function parseCredential(stdout: Buffer, config: ExecConfig, file: string): ExecCredential {
  const fail = (what: string) =>
    new PilotError(
      'ExecFailed',
      `credential plugin ${file} ${what} (its output is not shown: it may hold a secret)`,
    );
  let doc: unknown;
  try {
    doc = JSON.parse(stdout.toString('utf8'));
  } catch {
    throw fail(`printed ${stdout.length} bytes that are not an ExecCredential JSON document`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw fail('printed JSON that is not an object');
  const obj = doc as Record<string, unknown>;
  if (obj['kind'] !== 'ExecCredential')
    throw fail('printed an object whose kind is not ExecCredential');
  if (obj['apiVersion'] !== config.apiVersion) {
    throw fail(`answered with another apiVersion than the kubeconfig's ${config.apiVersion}`);
  }
  const status = obj['status'];
  if (!status || typeof status !== 'object') throw fail('returned no status');
  const s = status as Record<string, unknown>;
  const text = (name: string) => (typeof s[name] === 'string' ? (s[name] as string) : '');
  const token = text('token');
  const cert = text('clientCertificateData');
  const key = text('clientKeyData');
  if (!token && !cert && !key)
    throw fail('returned neither a token nor a client certificate and key');
  if (!cert !== !key) throw fail('returned only one of the client certificate and key');
  if (cert) {
    try {
      new X509Certificate(cert);
      createPrivateKey(key);
    } catch {
      throw fail('returned a client certificate or key that is not valid PEM');
    }
  }
  const credential: ExecCredential = {};
  if (token) credential.token = token;
  if (cert) {
    credential.cert = cert;
    credential.key = key;
  }
  const expiry = s['expirationTimestamp'];
  if (expiry !== undefined && expiry !== null) {
    const at = typeof expiry === 'string' ? Date.parse(expiry) : NaN;
    if (Number.isNaN(at)) throw fail('returned an expirationTimestamp that is not a date');
    credential.expiresAt = at;
  }
  return credential;
}

/**
 * The end of a plugin's stderr for a message: the last MESSAGE_STDERR_CHARS, with control
 * characters other than newline and tab shown as \xNN (no terminal control reaches the
 * CLI's terminal, no stray byte the page).
 */
export function stderrTail(stderr: string): string {
  const trimmed = stderr.trim();
  const tail =
    trimmed.length > MESSAGE_STDERR_CHARS
      ? `…${trimmed.slice(trimmed.length - MESSAGE_STDERR_CHARS)}`
      : trimmed;
  return tail.replace(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
