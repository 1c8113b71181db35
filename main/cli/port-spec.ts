/**
 * `pilothouse forward`'s port arguments, read as kubectl reads them (client-go's
 * tools/portforward parsePorts and kubectl's splitPort): `5000`, `8888:5000`, `:5000` /
 * `0:5000` (any free local port) and a named remote port (`8080:http`, `http`) that is
 * resolved on the target (a Service's port name, or a container port name). Only the
 * shape is checked here; whether the port exists is the target's business.
 */

/** The largest TCP port (kubectl parses ports as 16-bit unsigned integers). */
const MAX_PORT = 65_535;
/** IANA_SVC_NAME, as Kubernetes validates container and Service port names. */
const MAX_PORT_NAME_CHARS = 15;

export interface PortSpec {
  /**
   * The local port: a number (0 = any free port), or 'same' when the argument named only
   * the remote port (`5000`, `http`): kubectl then listens on the remote port's number,
   * the resolved one for a name.
   */
  local: number | 'same';
  /** The remote port: a number, or a port name resolved on the target. */
  remote: number | string;
}

export class PortSpecError extends Error {}

/** One argument such as `8080:80`; throws PortSpecError with kubectl's reasons. */
export function parsePortSpec(text: string): PortSpec {
  const parts = text.split(':');
  if (parts.length > 2) throw new PortSpecError(`invalid port format '${text}'`);
  if (parts.length === 1) {
    const remote = parseRemote(parts[0]!);
    return { local: 'same', remote };
  }
  const localText = parts[0] === '' ? '0' : parts[0]!;
  const local = parsePortNumber(localText);
  if (local === undefined) throw new PortSpecError(`error parsing local port '${localText}'`);
  return { local, remote: parseRemote(parts[1]!) };
}

export function parsePortSpecs(texts: readonly string[]): PortSpec[] {
  return texts.map(parsePortSpec);
}

function parseRemote(text: string): number | string {
  if (text === '') throw new PortSpecError('remote port cannot be empty');
  if (/^[0-9]+$/.test(text)) {
    const port = parsePortNumber(text);
    if (port === undefined) throw new PortSpecError(`error parsing remote port '${text}'`);
    if (port === 0) throw new PortSpecError('remote port must be > 0');
    return port;
  }
  if (!isPortName(text))
    throw new PortSpecError(
      `error parsing remote port '${text}': not a port number (1-${MAX_PORT}) or a port name`,
    );
  return text;
}

/** Decimal digits only (Go's ParseUint base 10: no sign, no spaces), at most 65535. */
function parsePortNumber(text: string): number | undefined {
  if (!/^[0-9]{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_PORT ? n : undefined;
}

/** IANA_SVC_NAME: lowercase letters, digits and inner single hyphens, a letter, ≤ 15. */
export function isPortName(text: string): boolean {
  return (
    text.length <= MAX_PORT_NAME_CHARS &&
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(text) &&
    /[a-z]/.test(text) &&
    !text.includes('--')
  );
}

/** The argument as kubectl would print it back (`8080:http`, `:5432`, `5000`). */
export function formatPortSpec(spec: PortSpec): string {
  if (spec.local === 'same') return String(spec.remote);
  return `${spec.local === 0 ? '' : spec.local}:${spec.remote}`;
}
