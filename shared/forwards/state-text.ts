/**
 * The words of a forward's state, as issue 12 writes them, in one place: the view, the
 * CLI and the tests read the same texts. Everything that comes from the cluster (names,
 * the API's reasons) is cut to a bound and stripped of control characters first.
 */
import type { ForwardSpec } from '../contract/forwards';
import { forwardKindShort } from '../contract/values';

/** Longest reason or error text kept in a state (an API message can be anything). */
export const MAX_REASON_CHARS = 500;

/** Control characters (C0, DEL, C1) become spaces; the text is cut at `max` with "…". */
export function boundedText(text: string, max = MAX_REASON_CHARS): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export const stateText = {
  starting: () => 'Starting',
  active: (pod: string, connections: number) =>
    `Active (pod ${pod}, ${connections} connection${connections === 1 ? '' : 's'})`,
  /** Services and workloads. */
  waiting: () => 'Waiting for a ready pod',
  /** A pod forward waits for a pod of the same name (a StatefulSet's pod comes back). */
  waitingForPod: (name: string) => `Waiting for a ready pod named ${name}`,
  reconnecting: () => 'Reconnecting',
  portInUse: (port: number) => `Failed: local port ${port} is in use`,
  failed: (reason: string) => `Failed: ${boundedText(reason)}`,
  forbidden: (reason: string) => `Forbidden: ${boundedText(reason)}`,
  stopped: () => 'Stopped',
};

/** "team-a/svc/web:80", kubectl's TYPE/NAME with the namespace and the port asked for. */
export function targetText(
  spec: Pick<ForwardSpec, 'namespace' | 'kind' | 'name' | 'port'>,
): string {
  return `${spec.namespace}/${forwardKindShort[spec.kind]}/${spec.name}:${spec.port}`;
}

/** "127.0.0.1:8080", "[::1]:8080". */
export function hostPort(address: string, port: number | null): string {
  const host = address.includes(':') ? `[${address}]` : address;
  return port === null ? host : `${host}:${port}`;
}

/** 127.0.0.0/8 and ::1: reachable from this machine only. */
export function isLoopback(address: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || address === '::1';
}
