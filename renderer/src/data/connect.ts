/**
 * Finds the way to main: Electron's preload bridge when there is one, otherwise the
 * browser-mode WebSocket on the page's own origin (the token travels as an HttpOnly cookie).
 */
import { createClient, type MessagePipe } from '../../../shared/contract/client';
import type { PilotApi } from '../../../shared/contract/api';
import type { PilotBridge } from '../../../shared/contract/bridge';
import type { ServerMessage } from '../../../shared/contract/wire';

declare global {
  interface Window {
    pilot?: PilotBridge;
  }
}

export function connect(onClosed: (reason: string) => void): Promise<PilotApi> {
  const bridge = window.pilot;
  if (bridge) return Promise.resolve(fromBridge(bridge));
  return fromWebSocket(
    `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`,
    onClosed,
  );
}

function fromBridge(bridge: PilotBridge): PilotApi {
  return {
    request: (channel, input) => bridge.request(channel, input),
    subscribe(channel, input, handlers, signal) {
      if (signal.aborted) return;
      const dispose = bridge.subscribe(channel, input, handlers);
      signal.addEventListener('abort', dispose, { once: true });
    },
  };
}

function fromWebSocket(url: string, onClosed: (reason: string) => void): Promise<PilotApi> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    let receive: (message: ServerMessage) => void = () => undefined;
    let closed: (reason: string) => void = () => undefined;
    const pipe: MessagePipe = {
      send: (message) => socket.send(JSON.stringify(message)),
      onMessage: (fn) => (receive = fn),
      onClose: (fn) => (closed = fn),
    };
    socket.addEventListener('open', () => resolve(createClient(pipe)));
    socket.addEventListener('message', (event) => {
      if (typeof event.data === 'string') receive(JSON.parse(event.data) as ServerMessage);
    });
    socket.addEventListener('close', () => {
      const reason =
        'The connection to the Pilothouse backend was lost. Is `npm run web` still running?';
      closed(reason);
      onClosed(reason);
      reject(new Error(reason));
    });
  });
}
