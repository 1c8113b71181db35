/**
 * The "Forward…" dialog's form as data: which port, which local port (the same number,
 * a chosen one, or any free one), which address (127.0.0.1 unless the user explicitly
 * picks another, with a warning), and whether it starts with the app. Validation lives
 * here so the dialog only shows what it says.
 */
import type { TargetPort } from './target-ports';

export const LOOPBACK = '127.0.0.1';

export type LocalPortMode = 'same' | 'chosen' | 'free';

export interface ForwardForm {
  /** Index into the offered ports, or -1 for "another port" (typed in `otherPort`). */
  portIndex: number;
  otherPort: string;
  localMode: LocalPortMode;
  localPort: string;
  /** 'loopback', or 'other' with `otherAddress`. */
  addressMode: 'loopback' | 'other';
  otherAddress: string;
  autostart: boolean;
}

export interface ForwardChoice {
  /** The remote port: a Service port, or a container port (by number). */
  remotePort: number;
  /** Its name, when it has one (shown, and for the browser link's guess). */
  portName: string;
  /** undefined: the same number as the remote port; 0: any free port. */
  localPort: number | undefined;
  address: string;
  autostart: boolean;
}

export function initialForm(ports: readonly TargetPort[]): ForwardForm {
  const first = ports.findIndex((p) => p.protocol === 'TCP');
  return {
    portIndex: first,
    otherPort: '',
    localMode: 'same',
    localPort: '',
    addressMode: 'loopback',
    otherAddress: '0.0.0.0',
    autostart: false,
  };
}

const portNumber = (text: string): number | undefined => {
  const t = text.trim();
  if (!/^\d{1,5}$/.test(t)) return undefined;
  const n = Number(t);
  return n >= 1 && n <= 65535 ? n : undefined;
};

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IP literal the local side may bind (IPv4 dotted quad, or an IPv6 literal). */
export function validAddress(text: string): boolean {
  const t = text.trim();
  if (IPV4.test(t)) return true;
  return t.includes(':') && /^[0-9a-fA-F:.]{2,45}$/.test(t) && !t.includes(':::');
}

/** True for an address other machines may reach: the dialog warns about it. */
export function isExposed(address: string): boolean {
  const t = address.trim();
  return !(/^127\./.test(t) || t === '::1' || t === 'localhost');
}

/** The choice the form describes, or the first thing wrong with it. */
export function readForm(
  form: ForwardForm,
  ports: readonly TargetPort[],
  allowOtherPort: boolean,
): { ok: true; choice: ForwardChoice } | { ok: false; problem: string } {
  let remotePort: number | undefined;
  let portName = '';
  if (form.portIndex >= 0) {
    const p = ports[form.portIndex];
    if (!p) return { ok: false, problem: 'Pick a port.' };
    if (p.protocol !== 'TCP') return { ok: false, problem: `${p.protocol} cannot be forwarded.` };
    remotePort = p.port;
    portName = p.name;
  } else if (allowOtherPort) {
    remotePort = portNumber(form.otherPort);
    if (remotePort === undefined) return { ok: false, problem: 'The port must be 1 to 65535.' };
  } else return { ok: false, problem: 'Pick a port.' };

  let localPort: number | undefined;
  if (form.localMode === 'chosen') {
    localPort = portNumber(form.localPort);
    if (localPort === undefined)
      return { ok: false, problem: 'The local port must be 1 to 65535.' };
  } else if (form.localMode === 'free') localPort = 0;

  const address = form.addressMode === 'loopback' ? LOOPBACK : form.otherAddress.trim();
  if (!validAddress(address))
    return { ok: false, problem: 'The address must be an IP address of this machine.' };
  return {
    ok: true,
    choice: { remotePort, portName, localPort, address, autostart: form.autostart },
  };
}
