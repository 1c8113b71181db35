/**
 * A forward's local side: the listening socket, bound the way the spec asks (a chosen
 * port, the pod's own number if it is free, or any free one) and never silently on another
 * port than the one the user chose. A failure comes back as the state text the view and
 * the CLI show ("Failed: local port 8080 is in use"), not as an exception.
 */
import net from 'node:net';
import type { LocalPortChoice } from '../../shared/contract/forwards';
import { stateText } from '../../shared/forwards/state-text';

/** Connections carried at once by one forward; more are refused by the listener. */
export const MAX_CONNECTIONS = 512;

export type Bound =
  { ok: true; server: net.Server; port: number } | { ok: false; reason: string; text: string };

/**
 * Listens on `address`:`port`; with 'same-or-free', a port in use (or needing privileges)
 * falls back to a free one. The server is paused on connect, half-open allowed: the
 * forward decides where each connection goes before any byte is read.
 */
export async function bindLocal(
  address: string,
  port: number,
  choice: LocalPortChoice,
): Promise<Bound> {
  const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true });
  server.maxConnections = MAX_CONNECTIONS;
  let error = await listen(server, address, port);
  if (
    error &&
    choice === 'same-or-free' &&
    (error.code === 'EADDRINUSE' || error.code === 'EACCES')
  )
    error = await listen(server, address, 0);
  if (!error) return { ok: true, server, port: (server.address() as net.AddressInfo).port };
  const text =
    error.code === 'EADDRINUSE'
      ? stateText.portInUse(port)
      : error.code === 'EACCES'
        ? stateText.failed(`local port ${port} needs privileges this user does not have`)
        : error.code === 'EADDRNOTAVAIL'
          ? stateText.failed(`address ${address} is not on this machine`)
          : stateText.failed(error.message);
  return { ok: false, reason: text.replace(/^Failed: /, ''), text };
}

function listen(
  server: net.Server,
  host: string,
  port: number,
): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException) => resolve(error);
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.removeListener('error', onError);
      resolve(undefined);
    });
  });
}
