// Where an exec plugin's command is looked up, with real files on disk: the folders kubectl
// would search minus the ones anybody can plant a file in (relative and empty PATH
// entries, node_modules), and the messages that name what was searched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pluginSearchFolders, resolvePluginCommand } from './exec-plugin-lookup';

let dir: string;

function plant(folder: string, name: string, mode = 0o755): string {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, name);
  fs.writeFileSync(file, '#!/bin/sh\nexit 0\n', { mode });
  return file;
}

beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pilothouse-lookup-')));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('resolvePluginCommand (POSIX)', () => {
  it('finds a bare name in the first absolute PATH folder that has it', () => {
    plant(path.join(dir, 'b'), 'aws');
    const wanted = plant(path.join(dir, 'a'), 'aws');
    const pathEnv = [path.join(dir, 'a'), path.join(dir, 'b')].join(':');
    expect(resolvePluginCommand('aws', '/nowhere/config', { pathEnv })).toBe(wanted);
  });

  it('never takes it from a relative entry, an empty entry or node_modules', () => {
    // Planted where each skipped entry points (relative ones are relative to the cwd).
    plant(process.cwd(), 'pilothouse-planted-plugin-test');
    plant(path.join(dir, 'node_modules', '.bin'), 'pilothouse-planted-plugin-test');
    plant(
      path.join(dir, 'x', 'node_modules', '@npmcli', 'node-gyp-bin'),
      'pilothouse-planted-plugin-test',
    );
    const real = plant(path.join(dir, 'real'), 'pilothouse-planted-plugin-test');
    try {
      const pathEnv = [
        '.',
        '',
        'relative/bin',
        path.join(dir, 'node_modules', '.bin'),
        path.join(dir, 'x', 'node_modules', '@npmcli', 'node-gyp-bin'),
        path.join(dir, 'real'),
      ].join(':');
      expect(resolvePluginCommand('pilothouse-planted-plugin-test', '/k/config', { pathEnv })).toBe(
        real,
      );
    } finally {
      fs.rmSync(path.join(process.cwd(), 'pilothouse-planted-plugin-test'));
    }
  });

  it('says which folders it searched, not the raw PATH, when nothing is found', () => {
    const pathEnv = [
      '.',
      '',
      path.join(dir, 'node_modules', '.bin'),
      path.join(dir, 'a'),
      path.join(dir, 'a'),
    ].join(':');
    let message = '';
    try {
      resolvePluginCommand('kubelogin', '/k/config', { pathEnv });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      `credential plugin "kubelogin" was not found on PATH; searched: ${path.join(dir, 'a')}; 3 PATH entries never searched (empty, relative or inside node_modules)`,
    );
  });

  it('takes a command with a slash relative to the kubeconfig file’s folder, as kubectl does', () => {
    const wanted = plant(path.join(dir, 'kube', 'bin'), 'plugin');
    const sub = `pilothouse-lookup-test-${process.pid}`;
    // The same relative path from the working directory holds another file: never taken.
    plant(path.join(process.cwd(), sub), 'plugin');
    plant(path.join(dir, 'kube', sub), 'other');
    try {
      expect(resolvePluginCommand('bin/plugin', path.join(dir, 'kube', 'config'))).toBe(wanted);
      expect(resolvePluginCommand('./bin/plugin', path.join(dir, 'kube', 'config'))).toBe(wanted);
      expect(() => resolvePluginCommand(`${sub}/plugin`, path.join(dir, 'kube', 'config'))).toThrow(
        `is not an executable file: ${path.join(dir, 'kube', sub, 'plugin')}`,
      );
    } finally {
      fs.rmSync(path.join(process.cwd(), sub), { recursive: true, force: true });
    }
  });

  it('takes an absolute command as it is, and refuses a file that cannot run or a folder', () => {
    const wanted = plant(dir, 'abs');
    expect(resolvePluginCommand(wanted, '/k/config', { pathEnv: '' })).toBe(wanted);
    const notExecutable = plant(dir, 'plain', 0o644);
    expect(() => resolvePluginCommand(notExecutable, '/k/config')).toThrow(
      /not an executable file/,
    );
    fs.mkdirSync(path.join(dir, 'folder', 'aws'), { recursive: true });
    expect(() =>
      resolvePluginCommand('aws', '/k/config', { pathEnv: path.join(dir, 'folder') }),
    ).toThrow(/was not found on PATH/);
  });
});

describe('resolvePluginCommand (Windows rules)', () => {
  const exists = (files: string[]) => (file: string) =>
    files.some((f) => f.toLowerCase() === file.toLowerCase());

  it('never searches the current directory or a drive-relative entry, and tries PATHEXT', () => {
    const isRunnable = exists(['C:\\tools\\aws.EXE', '.\\aws.exe', 'C:\\cwd\\aws.exe']);
    expect(
      resolvePluginCommand('aws', 'C:\\Users\\me\\.kube\\config', {
        platform: 'win32',
        pathEnv: '.;\\cwd;;"C:\\tools"',
        pathExt: '.COM;.EXE',
        isRunnable,
      }),
    ).toBe('C:\\tools\\aws.EXE');
    expect(() =>
      resolvePluginCommand('aws', 'C:\\k\\config', {
        platform: 'win32',
        pathEnv: '.;\\cwd',
        isRunnable,
      }),
    ).toThrow(/searched: \(no usable folder\); 2 PATH entries never searched/);
  });

  it('resolves a command with a backslash against the kubeconfig’s folder', () => {
    expect(
      resolvePluginCommand('bin\\plugin.exe', 'C:\\k\\config', {
        platform: 'win32',
        isRunnable: exists(['C:\\k\\bin\\plugin.exe']),
      }),
    ).toBe('C:\\k\\bin\\plugin.exe');
  });
});

describe('pluginSearchFolders', () => {
  it('keeps absolute folders in order, once, and says what it left out', () => {
    expect(pluginSearchFolders('/a:/b/:rel::/a:/p/node_modules/.bin', 'linux')).toEqual({
      folders: ['/a', '/b/'],
      skipped: ['rel (relative)', '(empty entry)', '/p/node_modules/.bin (node_modules)'],
    });
  });
});
