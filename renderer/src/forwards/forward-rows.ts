/**
 * How one forward reads in the Port-forwards view: its local address, its target, the
 * state in the engine's own words with a tone and a glyph (colour is never the only
 * signal), bytes in a human unit, whether it gets an "Open in browser" link, and the
 * filter's haystack. Pure, so the view's rules are tested without a DOM.
 */
import type { ForwardPhase, ForwardState, SavedForward } from '../../../shared/contract/forwards';
import { hostPort, isLoopback, targetText } from '../../../shared/forwards/state-text';
import { webScheme } from './target-ports';

/** The state groups the view colours; the words shown are the engine's. */
export type ForwardTone = 'ok' | 'warn' | 'bad' | 'muted';

/** What a row of the view needs, whatever the contract's entry looks like. */
export interface ForwardLine {
  id: string;
  /** "127.0.0.1:8080"; IPv6 addresses in brackets. Empty while no port is bound. */
  address: string;
  /** The bound local IP and port (port 0 until bound). */
  localIp: string;
  localPort: number;
  /** "team-a/svc/web:80" */
  target: string;
  /** The pod carrying new connections, if any. */
  pod: string;
  /** The engine's words: "Active (pod web-7c9…, 3 connections)", "Reconnecting"… */
  state: string;
  tone: ForwardTone;
  connections: number;
  bytesIn: number;
  bytesOut: number;
  lastError: string;
  /** Running (or trying to): Stop applies; otherwise Start. */
  running: boolean;
  /** The remote port's name and number, for the browser link. */
  portName: string;
  remotePort: number;
  appProtocol?: string;
  /** E.g. listening on an address other machines reach. */
  warning: string;
  /** The saved forward it comes from ('' if none): what Remove forgets. */
  savedId: string;
  /** A saved forward with no forward in the engine (not started since the app started). */
  savedOnly: boolean;
  /** Saved and marked "start automatically". */
  autostart: boolean;
  context: string;
}

const phaseTone: Record<ForwardPhase, ForwardTone> = {
  active: 'ok',
  starting: 'warn',
  waiting: 'warn',
  reconnecting: 'warn',
  failed: 'bad',
  forbidden: 'bad',
  stopped: 'muted',
};

/** One forward of the engine as the view's row. */
export function lineOf(f: ForwardState): ForwardLine {
  const named = typeof f.spec.port === 'string';
  const localIp = f.spec.address;
  const localPort = f.localPort ?? 0;
  return {
    id: f.id,
    address: localPort ? formatAddress(localIp, localPort) : '',
    localIp,
    localPort,
    target: f.target,
    pod: f.pod ?? '',
    state: f.state,
    tone: phaseTone[f.phase],
    connections: f.connections,
    bytesIn: f.bytesIn,
    bytesOut: f.bytesOut,
    lastError: f.lastError ?? '',
    running: f.phase !== 'stopped',
    portName: named ? String(f.spec.port) : '',
    remotePort: named ? (f.podPort ?? 0) : Number(f.spec.port),
    warning: f.warning ?? '',
    savedId: f.origin.type === 'saved' ? f.origin.savedId : '',
    savedOnly: false,
    autostart: false,
    context: f.spec.context,
  };
}

/**
 * The view's rows: every forward of the engine, then the saved forwards of the context
 * that have none (saved earlier, not started since the app started), as "Stopped".
 * A running saved forward shows whether it starts automatically.
 */
export function viewLines(forwards: readonly ForwardState[], saved: readonly SavedForward[]) {
  const autostart = new Map(saved.map((s) => [s.id, s.autostart]));
  const running = new Set(forwards.map((f) => f.id));
  const lines = forwards.map((f) => {
    const line = lineOf(f);
    return line.savedId ? { ...line, autostart: autostart.get(line.savedId) ?? false } : line;
  });
  for (const s of saved) {
    if (s.forwardId && running.has(s.forwardId)) continue;
    const named = typeof s.spec.port === 'string';
    lines.push({
      id: `saved:${s.id}`,
      address: '',
      localIp: s.spec.address,
      localPort: 0,
      target: targetText(s.spec),
      pod: '',
      state: 'Stopped',
      tone: 'muted',
      connections: 0,
      bytesIn: 0,
      bytesOut: 0,
      lastError: '',
      running: false,
      portName: named ? String(s.spec.port) : '',
      remotePort: named ? 0 : Number(s.spec.port),
      warning: '',
      savedId: s.id,
      savedOnly: true,
      autostart: s.autostart,
      context: s.spec.context,
    });
  }
  return lines;
}

export const toneGlyph: Record<ForwardTone, string> = {
  ok: '●',
  warn: '◐',
  bad: '✕',
  muted: '○',
};

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 0 B, 999 B, 1.2 KB, 34 MB (decimal units, as network tools count). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '–';
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${shown} ${UNITS[unit]}`;
}

/** "127.0.0.1:8080", "[::1]:8080"; '' until a port is bound. */
export function formatAddress(ip: string, port: number): string {
  return ip && port ? hostPort(ip, port) : '';
}

/**
 * The URL "Open in browser" opens: only for an HTTP(S) port of a forward bound on a
 * loopback address, built from the bound IP and port numbers alone (never from text the
 * cluster wrote), always to the root path. Undefined otherwise.
 */
export function browserUrl(line: ForwardLine): string | undefined {
  if (!line.localPort || !isLoopback(line.localIp)) return undefined;
  const scheme = webScheme({
    port: line.remotePort,
    name: line.portName,
    appProtocol: line.appProtocol,
  });
  if (!scheme) return undefined;
  return `${scheme}://${formatAddress(line.localIp, line.localPort)}/`;
}

/** Case-insensitive words, all of which must appear in one of the row's texts. */
export function matchesFilter(line: ForwardLine, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [line.address || line.localIp, line.target, line.pod, line.state, line.lastError]
    .join('\n')
    .toLowerCase();
  return words.every((w) => hay.includes(w));
}
