/**
 * Connections accepted while a forward has no checked pod: held, unread (the listener
 * pauses them on connect), until a pod's path is checked or PENDING_MAX_MS passes. At most
 * MAX_PENDING wait at once, so a client retrying in a loop cannot pile up sockets.
 */
import type net from 'node:net';

export const MAX_PENDING = 128;
export const PENDING_MAX_MS = 10_000;

/** A held connection, with the tunnels that already failed to open for it. */
export interface Waiting {
  socket: net.Socket;
  attempts: number;
}

interface Entry extends Waiting {
  timer: NodeJS.Timeout;
}

export class WaitingRoom {
  private entries: Entry[] = [];

  /** `turnedAway` says why a connection was closed instead of held or after holding. */
  constructor(private readonly turnedAway: (text: string) => void) {}

  hold(socket: net.Socket, attempts: number): void {
    if (this.entries.length >= MAX_PENDING) {
      this.turnedAway(`more than ${MAX_PENDING} connections waiting for a pod: closed`);
      return void socket.destroy();
    }
    const entry: Entry = {
      socket,
      attempts,
      timer: setTimeout(() => {
        this.remove(entry);
        socket.destroy();
        this.turnedAway(`no ready pod within ${PENDING_MAX_MS / 1000} s: connection closed`);
      }, PENDING_MAX_MS),
    };
    socket.once('close', () => this.remove(entry));
    this.entries.push(entry);
  }

  /** Hands every connection still open over, in the order they came. */
  release(): Waiting[] {
    const out: Waiting[] = [];
    for (const entry of this.entries.splice(0)) {
      clearTimeout(entry.timer);
      if (!entry.socket.destroyed) out.push({ socket: entry.socket, attempts: entry.attempts });
    }
    return out;
  }

  /** Closes every held connection (the forward stopped). */
  closeAll(): void {
    for (const { socket } of this.release()) socket.destroy();
  }

  get size(): number {
    return this.entries.length;
  }

  private remove(entry: Entry): void {
    clearTimeout(entry.timer);
    this.entries = this.entries.filter((e) => e !== entry);
  }
}
