/**
 * The Electron fuses of the packaged app, flipped by electron-builder's afterPack hook
 * (electron.config.ts) with @electron/fuses and then read back: a build whose binary does
 * not carry every fuse below fails instead of shipping. Fuses are bits in the binary that
 * no command line, environment variable or script can change afterwards.
 *
 * - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn the signed app into a Node interpreter.
 * - EnableNodeOptionsEnvironmentVariable off: NODE_OPTIONS cannot preload code into main.
 * - EnableNodeCliInspectArguments off: --inspect cannot attach a debugger to main.
 * - OnlyLoadAppFromAsar on, EnableEmbeddedAsarIntegrityValidation on: main runs only the
 *   app.asar that was packaged, checked against the hash embedded at build time
 *   (validation is enforced on macOS and Windows; Linux has no embedded hash yet).
 * - EnableCookieEncryption on: cookies on disk are encrypted with the OS keystore.
 * - GrantFileProtocolExtraPrivileges off: the renderer loads from app://, file:// needs no
 *   privileges. LoadBrowserProcessSpecificV8Snapshot off (unused); WasmTrapHandlers on
 *   (Electron's default, a sandbox protection for WebAssembly).
 * strictlyRequireAllFuses: a fuse added by a newer Electron fails the build until it is
 * decided here. Plain Node: unit-tested on a synthetic fuse wire.
 */
import {
  flipFuses,
  FuseState,
  FuseV1Options,
  FuseVersion,
  getCurrentFuseWire,
  type FuseV1Config,
} from '@electron/fuses';
import path from 'node:path';

export const PILOTHOUSE_FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
} as const satisfies FuseV1Config;

/** The executable name on Linux (electron.config.ts sets `linux.executableName` to it). */
export const LINUX_EXECUTABLE_NAME = 'pilothouse';

/** The file @electron/fuses edits, as electron-builder lays out the packaged app. */
export function packagedBinaryPath(
  appOutDir: string,
  platform: string,
  productFilename: string,
): string {
  if (platform === 'darwin' || platform === 'mas')
    return path.join(appOutDir, `${productFilename}.app`);
  if (platform === 'win32') return path.join(appOutDir, `${productFilename}.exe`);
  return path.join(appOutDir, LINUX_EXECUTABLE_NAME);
}

/** Every fuse whose state in the binary differs from PILOTHOUSE_FUSES, by name. */
export async function fuseMismatches(binary: string): Promise<string[]> {
  const wire = await getCurrentFuseWire(binary);
  const wrong: string[] = [];
  for (const option of Object.values(FuseV1Options)) {
    if (typeof option !== 'number') continue;
    const want = PILOTHOUSE_FUSES[option] ? FuseState.ENABLE : FuseState.DISABLE;
    const have = wire[option];
    if (have !== want) wrong.push(`${FuseV1Options[option]} is ${stateName(have)}`);
  }
  return wrong;
}

const stateName = (state: FuseState | undefined) =>
  state === undefined ? 'missing' : (FuseState[state] ?? `unknown (${state})`);

/** Flips the fuses, then reads them back; throws naming every fuse that did not take. */
export async function flipAndVerifyFuses(
  binary: string,
  options: { resetAdHocDarwinSignature: boolean },
): Promise<void> {
  await flipFuses(binary, { ...PILOTHOUSE_FUSES, ...options });
  const wrong = await fuseMismatches(binary);
  if (wrong.length > 0) throw new Error(`Electron fuses not set in ${binary}: ${wrong.join(', ')}`);
}

/** What the afterPack hook needs of electron-builder's AfterPackContext. */
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string } };
}

/** electron-builder's afterPack hook: runs before signing, as fuses must. */
export async function afterPackFlipFuses(context: PackContext): Promise<void> {
  const platform = context.electronPlatformName;
  const binary = packagedBinaryPath(
    context.appOutDir,
    platform,
    context.packager.appInfo.productFilename,
  );
  // Flipping bits breaks the ad-hoc signature arm64 macOS requires; re-sign ad hoc (the
  // real signature, if any, is applied by electron-builder afterwards).
  await flipAndVerifyFuses(binary, { resetAdHocDarwinSignature: platform === 'darwin' });
}
