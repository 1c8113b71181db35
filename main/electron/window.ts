/**
 * The one window factory. Its options come from window-options.ts (unit-tested flag by
 * flag); navigation, new windows and permissions are the web-contents guard's (guard.ts),
 * which covers this window like every other web contents.
 */
import { BrowserWindow } from 'electron';
import path from 'node:path';
import { mainWindowOptions } from './window-options';

export function createMainWindow(pageUrl: string, devTools: boolean): BrowserWindow {
  const window = new BrowserWindow(
    mainWindowOptions({
      preload: path.join(import.meta.dirname, '../preload/index.cjs'),
      devTools,
    }),
  );
  window.once('ready-to-show', () => window.show());
  void window.loadURL(pageUrl);
  return window;
}
