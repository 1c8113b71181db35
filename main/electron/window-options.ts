/**
 * The options of the one window, as data, so a unit test checks every security flag
 * without Electron's binary. The renderer is treated as untrusted (it renders what a
 * cluster wrote): isolated, sandboxed, no Node anywhere, no webview, no insecure content,
 * no dialogs, no drag-and-drop navigation. Only a type is imported from Electron.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** The flags the hardening depends on; the smoke test reads them back from the window. */
export const HARDENED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  enableWebSQL: false,
  plugins: false,
  navigateOnDragDrop: false,
  // The renderer never calls alert/confirm/prompt; a hostile page cannot block main with them.
  disableDialogs: true,
  spellcheck: false,
} as const satisfies WebPreferences;

export interface WindowOptionsInput {
  /** Absolute path of the built preload (one CommonJS file). */
  preload: string;
  /** DevTools in development only: a packaged app gives no console to a page. */
  devTools: boolean;
}

export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 480,
    minHeight: 360,
    show: false,
    title: 'Pilothouse',
    webPreferences: {
      ...HARDENED_WEB_PREFERENCES,
      preload: input.preload,
      devTools: input.devTools,
    },
  };
}
