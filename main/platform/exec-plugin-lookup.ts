/**
 * Finds the file an exec credential plugin's `command` names, as an absolute path, before
 * anything runs: the file that runs is the one the messages name, and no folder an
 * attacker can write to by planting a file in the working directory (or that npm puts
 * first on PATH) can supply it.
 *
 * kubectl's rules (client-go clientcmd GetAuthInfoFileReferences + Go's exec.LookPath):
 * - a command containing a path separator is relative to the folder of the kubeconfig
 *   file that defined it (an absolute one is taken as it is);
 * - a bare name is looked up in PATH's folders, in order.
 * Where we are stricter than Go's LookPath (which fails with ErrDot when a relative entry
 * would supply the file), PATH entries are SKIPPED, and the search goes on, when they are:
 * - empty (POSIX reads an empty entry as the current directory),
 * - relative ("." or "bin": relative to whatever the working directory is),
 * - inside a node_modules folder (`npm run` and `npx` put node_modules/.bin, and npm its
 *   node-gyp-bin, first on PATH; a dependency must never supply a credential plugin).
 * On Windows the current directory is never searched (cmd.exe would search it first) and
 * a name without an extension is tried with each of PATHEXT's.
 * Error messages list the folders searched, not the raw PATH.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PilotError } from '../../shared/contract/errors';

export interface LookupOptions {
  platform?: NodeJS.Platform;
  /** PATH (Path on Windows) as the plugin would inherit it. */
  pathEnv?: string | undefined;
  /** Windows only: PATHEXT. */
  pathExt?: string | undefined;
  /** Whether a file may be run; the default asks the file system. */
  isRunnable?: (file: string, platform: NodeJS.Platform) => boolean;
}

export interface SearchFolders {
  /** Absolute folders, in PATH order, duplicates removed. */
  folders: string[];
  /** Entries left out, with why, for messages ("." (relative), ...). */
  skipped: string[];
}

const WINDOWS_DEFAULT_PATHEXT = '.COM;.EXE;.BAT;.CMD';

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** The folders a bare plugin name is looked up in, and the entries left out. */
export function pluginSearchFolders(
  pathEnv: string | undefined,
  platform: NodeJS.Platform = process.platform,
): SearchFolders {
  const api = pathApi(platform);
  const folders: string[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const raw of (pathEnv ?? '').split(api.delimiter)) {
    // Windows allows quoted entries ("C:\Program Files\x").
    const entry = platform === 'win32' ? raw.replace(/^"(.*)"$/, '$1') : raw;
    if (entry === '') {
      skipped.push('(empty entry)');
      continue;
    }
    if (!api.isAbsolute(entry) || (platform === 'win32' && !/^([a-z]:|\\\\)/i.test(entry))) {
      // On Windows "\bin" is absolute to path.win32 but relative to the current drive.
      skipped.push(`${entry} (relative)`);
      continue;
    }
    const folder = api.normalize(entry);
    if (folder.split(/[\\/]/).some((part) => part.toLowerCase() === 'node_modules')) {
      skipped.push(`${folder} (node_modules)`);
      continue;
    }
    const key = platform === 'win32' ? folder.toLowerCase() : folder;
    if (seen.has(key)) continue;
    seen.add(key);
    folders.push(folder);
  }
  return { folders, skipped };
}

function defaultIsRunnable(file: string, platform: NodeJS.Platform): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return false;
    if (platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasSeparator(command: string, platform: NodeJS.Platform): boolean {
  return platform === 'win32' ? /[\\/]/.test(command) : command.includes('/');
}

/** The names to try in one folder: the name itself, or with PATHEXT's extensions on Windows. */
function candidates(command: string, platform: NodeJS.Platform, pathExt: string | undefined) {
  if (platform !== 'win32') return [command];
  const exts = (pathExt || WINDOWS_DEFAULT_PATHEXT)
    .split(';')
    .map((e) => e.trim())
    .filter((e) => e.startsWith('.'));
  const lower = command.toLowerCase();
  if (exts.some((e) => lower.endsWith(e.toLowerCase()))) return [command];
  return exts.map((e) => command + e);
}

/**
 * The absolute file `command` runs, or a PilotError('ExecFailed') saying where it looked.
 * `kubeconfigFile` is the file that defined the user entry.
 */
export function resolvePluginCommand(
  command: string,
  kubeconfigFile: string,
  options: LookupOptions = {},
): string {
  const platform = options.platform ?? process.platform;
  const api = pathApi(platform);
  const isRunnable = options.isRunnable ?? defaultIsRunnable;
  const pathExt = options.pathExt ?? process.env['PATHEXT'];
  if (command.trim() === '') throw new PilotError('ExecFailed', 'the exec plugin has no command');

  if (api.isAbsolute(command) || hasSeparator(command, platform)) {
    const base = api.dirname(api.resolve(kubeconfigFile));
    const file = api.resolve(base, command);
    for (const name of candidates(file, platform, pathExt))
      if (isRunnable(name, platform)) return name;
    throw new PilotError(
      'ExecFailed',
      `credential plugin "${command}" is not an executable file: ${file}` +
        (api.isAbsolute(command) ? '' : ` (relative to the kubeconfig's folder ${base})`),
    );
  }

  // process.env is case-insensitive on Windows, so PATH also reads Path there.
  const { folders, skipped } = pluginSearchFolders(
    options.pathEnv ?? process.env['PATH'],
    platform,
  );
  for (const folder of folders) {
    for (const name of candidates(command, platform, pathExt)) {
      const file = api.join(folder, name);
      if (isRunnable(file, platform)) return file;
    }
  }
  const searched = folders.length ? folders.join(', ') : '(no usable folder)';
  const left = skipped.length
    ? `; ${skipped.length} PATH ${skipped.length === 1 ? 'entry' : 'entries'} never searched (empty, relative or inside node_modules)`
    : '';
  throw new PilotError(
    'ExecFailed',
    `credential plugin "${command}" was not found on PATH; searched: ${searched}${left}`,
  );
}
