/**
 * The desktop app's entry. Kept thin: it starts the same services as browser mode, opens
 * the window and carries the contract over IPC. No cluster logic lives here.
 */
import { app, session, type BrowserWindow } from 'electron';
import path from 'node:path';
import { createHandlers, startServices } from '../app';

import { acceptRendererPorts } from './ipc';
import { createMainWindow } from './window';

// electron-vite sets this in development, pointing at its dev server.
const devServer = process.env['ELECTRON_RENDERER_URL'];
const pageFile = path.join(import.meta.dirname, '../renderer/index.html');
let mainWindow: BrowserWindow | undefined;

const isOwnPage = (url: string) =>
  devServer ? url.startsWith(devServer) : url.startsWith(new URL(`file://${pageFile}`).href);

if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

void app.whenReady().then(async () => {
  // No web permission (camera, notifications, …) is ever needed.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );

  const kubeconfigFlag = app.commandLine.getSwitchValue('kubeconfig');
  const services = await startServices({
    mode: 'electron',
    settingsDir: app.getPath('userData'),
    version: app.getVersion(),
    ...(kubeconfigFlag ? { kubeconfig: kubeconfigFlag } : {}),
  });
  acceptRendererPorts(createHandlers(services), () => mainWindow, isOwnPage);
  mainWindow = createMainWindow(devServer, pageFile);

  app.on('activate', () => {
    if (!mainWindow || mainWindow.isDestroyed()) mainWindow = createMainWindow(devServer, pageFile);
  });
  app.on('before-quit', () => void services.stop());
});
