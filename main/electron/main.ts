/**
 * The desktop app's entry. Kept thin: it starts the same services as browser mode, opens
 * the window and carries the contract over IPC. No cluster logic lives here. The order
 * matters: the app:// scheme and the web-contents guard exist before anything loads.
 */
import { app, session, type BrowserWindow } from 'electron';
import path from 'node:path';
import { createHandlers, startServices } from '../app';
import { applyDevServerCsp, registerAppScheme, serveAppScheme } from './app-scheme';
import { allowForwardLinks, hardenSession, installWebContentsGuard } from './guard';
import { acceptRendererPorts } from './ipc';
import { APP_ENTRY_URL, APP_ORIGIN, originOf } from './navigation-policy';
import { createMainWindow } from './window';

// electron-vite sets this in development, pointing at its dev server.
const devServer = process.env['ELECTRON_RENDERER_URL'];
const rendererRoot = path.join(import.meta.dirname, '../renderer');
const ownOrigin = devServer ? (originOf(devServer) ?? APP_ORIGIN) : APP_ORIGIN;
const pageUrl = devServer ?? APP_ENTRY_URL;
// DevTools only where the page comes from a dev server or an unpackaged build.
const devTools = Boolean(devServer) || !app.isPackaged;
let mainWindow: BrowserWindow | undefined;

// Every renderer sandboxed, whatever its options say.
app.enableSandbox();
registerAppScheme();
installWebContentsGuard(ownOrigin);

if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

void app.whenReady().then(async () => {
  hardenSession(session.defaultSession);
  if (devServer) applyDevServerCsp(session.defaultSession, devServer);
  else serveAppScheme(rendererRoot);

  const kubeconfigFlag = app.commandLine.getSwitchValue('kubeconfig');
  const services = await startServices({
    mode: 'electron',
    settingsDir: app.getPath('userData'),
    version: app.getVersion(),
    ...(kubeconfigFlag ? { kubeconfig: kubeconfigFlag } : {}),
  });
  acceptRendererPorts(createHandlers(services), () => mainWindow, ownOrigin);
  // "Open in browser" on a forward: only where one of ours listens now (link-policy.ts).
  allowForwardLinks((ip, port) =>
    services.forwards
      .list()
      .some((f) => f.phase !== 'stopped' && f.localPort === port && f.spec.address === ip),
  );
  mainWindow = createMainWindow(pageUrl, devTools);

  app.on('activate', () => {
    if (!mainWindow || mainWindow.isDestroyed()) mainWindow = createMainWindow(pageUrl, devTools);
  });
  app.on('before-quit', () => void services.stop());
});
