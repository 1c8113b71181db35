/**
 * The Electron transport: the preload hands main one MessagePort, and the contract runs
 * over it exactly as over browser mode's WebSocket. A port is accepted only from our own
 * window's main frame, showing our own page.
 */
import { ipcMain, type BrowserWindow, type IpcMainEvent } from 'electron';
import { servePort } from './serve-port';
import type { Handlers } from '../rpc/handler-types';
import { logger } from '../platform/logger';

const log = logger('ipc');
export const CONNECT_CHANNEL = 'pilot:connect';

export function acceptRendererPorts(
  handlers: Handlers,
  ownWindow: () => BrowserWindow | undefined,
  isOwnPage: (url: string) => boolean,
): void {
  ipcMain.on(CONNECT_CHANNEL, (event: IpcMainEvent) => {
    const window = ownWindow();
    const frame = event.senderFrame;
    if (
      !window ||
      event.sender !== window.webContents ||
      !frame ||
      frame !== window.webContents.mainFrame ||
      !isOwnPage(frame.url)
    ) {
      log.warn(`refused a contract port from ${frame?.url ?? 'an unknown frame'}`);
      return;
    }
    const [port] = event.ports;
    if (!port) return;
    servePort(handlers, port);
  });
}
