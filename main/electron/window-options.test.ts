import { describe, expect, it } from 'vitest';
import { HARDENED_WEB_PREFERENCES, mainWindowOptions } from './window-options';

describe('window options', () => {
  const options = mainWindowOptions({ preload: '/app/out/preload/index.cjs', devTools: false });
  const prefs = options.webPreferences ?? {};

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
    ['enableWebSQL', false],
    ['plugins', false],
    ['navigateOnDragDrop', false],
    ['disableDialogs', true],
    ['devTools', false],
  ] as const)('sets %s to %s', (flag, value) => {
    expect(prefs[flag]).toBe(value);
  });

  it('enables no Blink feature and keeps the preload given', () => {
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
  });

  it('cannot be weakened by the caller: only preload and devTools vary', () => {
    const dev = mainWindowOptions({ preload: '/p.cjs', devTools: true }).webPreferences ?? {};
    expect(dev.devTools).toBe(true);
    expect({ ...dev, preload: undefined, devTools: undefined }).toEqual({
      ...HARDENED_WEB_PREFERENCES,
      preload: undefined,
      devTools: undefined,
    });
  });

  it('opens hidden until ready, so no blank frame shows', () => {
    expect(options.show).toBe(false);
  });
});
