/**
 * Credential canaries (issue 10, test 3): a kubeconfig whose every credential is a unique
 * string, and a check that none of them, nor any 10-character piece of one, shows up in
 * what the renderer, the terminal or the logs receive. Contexts point at the real test
 * cluster where the credential can work (real ServiceAccount tokens from `kubectl create
 * token` and the admin's real client certificate are themselves unique strings); markers
 * sit where a credential is not needed otherwise (a fake client certificate, exec args and
 * env, user:password in a server URL, a plugin that prints a bare token).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { kubectl, requireClusterKubeconfig } from './cluster';

export interface Canary {
  /** Which credential this is, for the failure message. */
  what: string;
  value: string;
  /** Where the unique part starts (a JWT's header or a PEM's first line is not unique). */
  uniqueFrom?: number;
}

/** A leak of this many characters of a canary's unique part is caught. */
export const WINDOW_CHARS = 10;

/** 24 random characters from A-Z: no hex, so uids and hashes cannot match by chance. */
export function marker(): string {
  return [...randomBytes(24)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
}

/** Every canary found in `text`, with the piece that was found (one finding per canary). */
export function leaks(text: string, canaries: Canary[]): string[] {
  // Every window of every canary's unique part, then one pass over the text.
  const pieces = new Map<string, Canary>();
  for (const canary of canaries) {
    const unique = canary.value.slice(canary.uniqueFrom ?? 0);
    for (let i = 0; i + WINDOW_CHARS <= unique.length; i++) {
      pieces.set(unique.slice(i, i + WINDOW_CHARS), canary);
    }
  }
  const found = new Map<Canary, string>();
  for (let at = 0; at + WINDOW_CHARS <= text.length; at++) {
    const piece = text.slice(at, at + WINDOW_CHARS);
    const canary = pieces.get(piece);
    if (!canary || found.has(canary)) continue;
    const around = text.slice(Math.max(0, at - 60), at + WINDOW_CHARS + 60);
    found.set(canary, `${canary.what}: "${piece}" in …${around}…`);
  }
  return [...found.values()];
}

export const CANARY_NAMESPACE = 'team-a';

export interface CanaryKubeconfig {
  file: string;
  /** Contexts on the real cluster whose credentials work (for routes and logs). */
  working: string[];
  /** Every context of the file. */
  contexts: string[];
  /** The context that prints a bare token: its leak check depends on sec-execauth. */
  bareTokenContext: string;
  canaries: Canary[];
  bareToken: Canary;
  secret: { name: string; canaries: Canary[] };
}

interface ClusterDoc {
  clusters: { name: string; cluster: Record<string, string> }[];
  users: { name: string; user: Record<string, string> }[];
}

const b64 = (text: string) => Buffer.from(text).toString('base64');
const pem = (label: string, body: string) =>
  `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;

/** Builds the canary kubeconfig, two exec plugins and a Secret (by kubectl) in `dir`. */
export function writeCanaryKubeconfig(dir: string): CanaryKubeconfig {
  const real = parse(readFileSync(requireClusterKubeconfig(), 'utf8')) as ClusterDoc;
  const cluster = real.clusters.find((c) => c.name === 'pilothouse')!.cluster;
  const admin = real.users.find((u) => u.name === 'pilothouse-admin')!.user;
  const server = new URL(cluster['server']!);
  const token = (): string =>
    kubectl(['create', 'token', 'pilothouse-viewer', '-n', CANARY_NAMESPACE, '--duration=1h'])
      .trim()
      .replace(/\s/g, '');
  const jwt = (what: string, value: string): Canary => ({
    what,
    value,
    uniqueFrom: value.lastIndexOf('.') + 1, // the signature
  });
  const tokenA = token();
  const tokenB = token();
  const m = {
    urlUser: marker(),
    urlPassword: marker(),
    offlineUser: marker(),
    offlinePassword: marker(),
    fakeCert: marker(),
    fakeKey: marker(),
    execArg: marker(),
    execEnv: marker(),
    bare: marker(),
    secret: marker(),
  };

  // Exec plugins: absolute paths, so no PATH lookup is involved.
  const tokenFile = path.join(dir, 'exec-token');
  writeFileSync(tokenFile, tokenB);
  const execPlugin = path.join(dir, 'canary-exec-plugin');
  writeFileSync(
    execPlugin,
    '#!/bin/sh\n' +
      'printf \'{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",' +
      `"status":{"token":"%s"}}' "$(cat '${tokenFile}')"\n`,
  );
  const barePlugin = path.join(dir, 'canary-bare-plugin');
  writeFileSync(barePlugin, `#!/bin/sh\necho '${m.bare}'\n`);
  for (const p of [execPlugin, barePlugin]) chmodSync(p, 0o755);

  const realCluster = { ...cluster };
  const withUserInfo = (user: string, password: string, host = server.host) => ({
    ...cluster,
    server: `https://${user}:${password}@${host}`,
  });
  const exec = (command: string, extra: Record<string, unknown> = {}) => ({
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1',
      command,
      interactiveMode: 'Never',
      ...extra,
    },
  });
  const entries: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['canary-admin', realCluster, admin],
    ['canary-token', realCluster, { token: tokenA }],
    ['canary-userpass', withUserInfo(m.urlUser, m.urlPassword), { token: tokenA }],
    [
      'canary-userpass-offline',
      withUserInfo(m.offlineUser, m.offlinePassword, '127.0.0.1:4'),
      { token: tokenA },
    ],
    [
      'canary-fake-cert',
      realCluster,
      {
        'client-certificate-data': b64(pem('CERTIFICATE', m.fakeCert)),
        'client-key-data': b64(pem('PRIVATE KEY', m.fakeKey)),
      },
    ],
    [
      'canary-exec',
      realCluster,
      exec(execPlugin, {
        args: ['--canary', m.execArg],
        env: [{ name: 'CANARY_ENV', value: m.execEnv }],
      }),
    ],
    ['canary-exec-bare', realCluster, exec(barePlugin)],
    // Names that are special on a JavaScript object work like any other.
    ['__proto__', realCluster, { token: tokenA }],
    ['constructor', realCluster, { token: tokenA }],
  ];
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: entries.map(([name, c]) => ({ name: `${name}-cluster`, cluster: c })),
    users: entries.map(([name, , u]) => ({ name: `${name}-user`, user: u })),
    contexts: entries.map(([name]) => ({
      name,
      context: { cluster: `${name}-cluster`, user: `${name}-user`, namespace: CANARY_NAMESPACE },
    })),
    'current-context': 'canary-admin',
  };
  const file = path.join(dir, 'canary-kubeconfig');
  writeFileSync(file, stringify(doc));

  // A Secret applied with kubectl: stringData and the last-applied annotation both carry
  // the value in clear text on the server.
  const secretName = `canary-${marker().toLowerCase().slice(0, 8)}`;
  const manifest = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: secretName, namespace: CANARY_NAMESPACE },
    stringData: { password: m.secret, plain: 'not-a-secret' },
  };
  writeFileSync(path.join(dir, 'secret.yaml'), stringify(manifest));
  kubectl(['apply', '-f', path.join(dir, 'secret.yaml')]);

  const bareToken: Canary = { what: 'bare token printed by an exec plugin', value: m.bare };
  return {
    file,
    working: ['canary-admin', 'canary-token', 'canary-userpass', 'canary-exec'],
    contexts: entries.map(([name]) => name),
    bareTokenContext: 'canary-exec-bare',
    bareToken,
    canaries: [
      // Real credentials: the admin's certificate and key (base64 and PEM body).
      {
        what: 'admin client-certificate-data',
        value: admin['client-certificate-data']!,
        uniqueFrom: 100,
      },
      { what: 'admin client-key-data', value: admin['client-key-data']!, uniqueFrom: 100 },
      {
        what: 'admin client key (PEM)',
        value: Buffer.from(admin['client-key-data']!, 'base64')
          .toString()
          .replace(/\s|-----[^-]*-----/g, ''),
        uniqueFrom: 40,
      },
      jwt('ServiceAccount token', tokenA),
      jwt('exec plugin ServiceAccount token', tokenB),
      { what: 'server URL user', value: m.urlUser },
      { what: 'server URL password', value: m.urlPassword },
      { what: 'offline server URL user', value: m.offlineUser },
      { what: 'offline server URL password', value: m.offlinePassword },
      { what: 'fake client-certificate-data', value: m.fakeCert },
      { what: 'fake client-key-data', value: m.fakeKey },
      { what: 'exec argument', value: m.execArg },
      { what: 'exec env value', value: m.execEnv },
    ],
    secret: {
      name: secretName,
      canaries: [
        { what: 'Secret value', value: m.secret },
        { what: 'Secret value (base64)', value: b64(m.secret) },
      ],
    },
  };
}

export function deleteCanarySecret(name: string): void {
  kubectl(['delete', 'secret', name, '-n', CANARY_NAMESPACE, '--ignore-not-found', '--wait=false']);
}
