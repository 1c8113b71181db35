/**
 * The one window factory. The renderer is treated as untrusted: isolated, sandboxed, no
 * Node, no navigation away from our page, and new windows only as links in the user's
 * browser (http and https only).
 */
import { BrowserWindow, shell } from 'electron';
import path from 'node:path';

export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export function createMainWindow(pageUrl: string | undefined, pageFile: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 480,
    minHeight: 360,
    show: false,
    title: 'Pilothouse',
    webPreferences: {
      preload: path.join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());

  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (isExternalLink(url) && !url.startsWith(pageUrl ?? '\0')) void shell.openExternal(url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());

  if (pageUrl) void window.loadURL(pageUrl);
  else void window.loadFile(pageFile);
  return window;
}
