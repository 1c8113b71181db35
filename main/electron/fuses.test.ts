import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  afterPackFlipFuses,
  flipAndVerifyFuses,
  fuseMismatches,
  LINUX_EXECUTABLE_NAME,
  packagedBinaryPath,
  PILOTHOUSE_FUSES,
} from './fuses';

// A stand-in for the Electron binary: bytes around the fuse wire as Electron lays it out
// (sentinel, wire version, wire length, one byte per fuse), with Electron's defaults.
// The marker @electron/fuses looks for (its constants, not exported from the package).
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_DEFAULTS = '101100011'; // RunAsNode .. WasmTrapHandlers
function fakeBinary(wire = ELECTRON_DEFAULTS, name = LINUX_EXECUTABLE_NAME): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pilothouse-fuses-'));
  const file = path.join(dir, name);
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from('\x7fELF...code...'),
      Buffer.from(SENTINEL),
      Buffer.from([1, wire.length]),
      Buffer.from(wire),
      Buffer.from('...more code...'),
    ]),
  );
  return file;
}

describe('Electron fuses', () => {
  it('says what each fuse must be', () => {
    expect(PILOTHOUSE_FUSES).toMatchObject({
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('flips the wire of a binary and reads it back', async () => {
    const binary = fakeBinary();
    expect(await fuseMismatches(binary)).toContain('RunAsNode is ENABLE');
    await flipAndVerifyFuses(binary, { resetAdHocDarwinSignature: false });
    expect(await fuseMismatches(binary)).toEqual([]);
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
  });

  it('fails the build when the binary has a fuse nobody decided on', async () => {
    await expect(
      flipAndVerifyFuses(fakeBinary(ELECTRON_DEFAULTS + '1'), { resetAdHocDarwinSignature: false }),
    ).rejects.toThrow(/strictlyRequireAllFuses/);
  });

  it('fails the build on an Electron whose wire lacks a decided fuse', async () => {
    const binary = fakeBinary(ELECTRON_DEFAULTS.slice(0, -1));
    await expect(flipAndVerifyFuses(binary, { resetAdHocDarwinSignature: false })).rejects.toThrow(
      /WasmTrapHandlers/,
    );
    expect(await fuseMismatches(binary)).toContain('WasmTrapHandlers is missing');
  });

  it('names every fuse left in the wrong state', async () => {
    expect(await fuseMismatches(fakeBinary())).toEqual([
      'RunAsNode is ENABLE',
      'EnableCookieEncryption is DISABLE',
      'EnableNodeOptionsEnvironmentVariable is ENABLE',
      'EnableNodeCliInspectArguments is ENABLE',
      'EnableEmbeddedAsarIntegrityValidation is DISABLE',
      'OnlyLoadAppFromAsar is DISABLE',
      'GrantFileProtocolExtraPrivileges is ENABLE',
    ]);
  });

  it('fails the build when the binary has no fuse wire', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pilothouse-fuses-'));
    const file = path.join(dir, 'pilothouse');
    writeFileSync(file, 'no sentinel here');
    await expect(flipAndVerifyFuses(file, { resetAdHocDarwinSignature: false })).rejects.toThrow(
      /sentinel/,
    );
  });

  it('finds the binary electron-builder packaged, per platform', () => {
    expect(packagedBinaryPath('/o', 'linux', 'Pilothouse')).toBe('/o/pilothouse');
    expect(packagedBinaryPath('/o', 'win32', 'Pilothouse')).toBe('/o/Pilothouse.exe');
    expect(packagedBinaryPath('/o', 'darwin', 'Pilothouse')).toBe('/o/Pilothouse.app');
  });

  it('the afterPack hook flips and checks the packaged binary', async () => {
    const binary = fakeBinary();
    await afterPackFlipFuses({
      appOutDir: path.dirname(binary),
      electronPlatformName: 'linux',
      packager: { appInfo: { productFilename: 'Pilothouse' } },
    });
    expect(await fuseMismatches(binary)).toEqual([]);
  });
});
