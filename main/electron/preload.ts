/**
 * The preload: one object, `window.pilot`, with the contract's calls and subscriptions.
 * No ipcRenderer, no process, nothing else crosses into the page. The contract runs over a
 * MessagePort handed to main once.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createClient } from '../../shared/contract/client';
import type { PilotBridge } from '../../shared/contract/bridge';
import type { ServerMessage } from '../../shared/contract/wire';

const { port1, port2 } = new MessageChannel();
ipcRenderer.postMessage('pilot:connect', null, [port2]);

const client = createClient({
  send: (message) => port1.postMessage(message),
  onMessage: (receive) => {
    port1.onmessage = (event: MessageEvent<ServerMessage>) => receive(event.data);
  },
  onClose: () => undefined,
});
port1.start();

const bridge: PilotBridge = {
  request: (channel, input) => client.request(channel, input),
  subscribe(channel, input, handlers) {
    const controller = new AbortController();
    client.subscribe(channel, input, handlers, controller.signal);
    return () => controller.abort();
  },
};

contextBridge.exposeInMainWorld('pilot', bridge);
