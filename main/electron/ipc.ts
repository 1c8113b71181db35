/**
 * The Electron transport: the preload hands main one MessagePort, and the contract runs
 * over it exactly as over browser mode's WebSocket. A port is accepted only from our own
 * window's main frame, showing our own origin (the rules: sender-check.ts).
 */
import { ipcMain, type BrowserWindow, type IpcMainEvent } from 'electron';
import { servePort } from './serve-port';
import { senderRefusal } from './sender-check';
import type { Handlers } from '../rpc/handler-types';
import { logger } from '../platform/logger';

const log = logger('ipc');
export const CONNECT_CHANNEL = 'pilot:connect';

export function acceptRendererPorts(
  handlers: Handlers,
  ownWindow: () => BrowserWindow | undefined,
  ownOrigin: string,
): void {
  ipcMain.on(CONNECT_CHANNEL, (event: IpcMainEvent) => {
    const window = ownWindow();
    const contents = window && !window.isDestroyed() ? window.webContents : undefined;
    const frame = event.senderFrame;
    const refusal = senderRefusal(
      {
        senderId: event.sender.id,
        windowContentsId: contents?.id,
        frame: frame
          ? {
              url: frame.url,
              isWindowMainFrame: frame === contents?.mainFrame,
              hasParent: frame.parent !== null,
            }
          : null,
        portCount: event.ports.length,
      },
      ownOrigin,
    );
    const [port] = event.ports;
    if (refusal !== undefined || !port) {
      log.warn(
        `refused a contract port from ${frame?.url.slice(0, 200) ?? 'a gone frame'}: ${refusal}`,
      );
      for (const p of event.ports) p.close();
      return;
    }
    servePort(handlers, port);
  });
}
