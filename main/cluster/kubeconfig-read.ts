/**
 * Reads one kubeconfig file as hostile input: whatever a KUBECONFIG entry points at must
 * never hang startup, fill memory or be read as something it is not.
 * - The path is stat'ed first, so a FIFO, socket, device (/dev/zero, /dev/tty) or directory
 *   is refused without being opened (opening some devices has effects). It is then opened
 *   with O_NONBLOCK | O_NOCTTY, so a FIFO swapped in after that check opens at once instead
 *   of blocking main, and checked again with fstat on the OPENED descriptor: only a regular
 *   file is ever read. Each refusal says what the path is.
 * - Symlinks are followed (kubectl does, and ~/.kube/config is often one), but the fstat
 *   above sees the target, so a link to anything but a regular file is refused too.
 * - At most MAX_KUBECONFIG_BYTES are read; a larger file (or one that grows while being
 *   read) is refused, never truncated (half a kubeconfig would parse as a different one).
 * Every refusal is a per-file `readError`: the other files of KUBECONFIG still load.
 */
import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { KubeconfigSource } from '../../shared/kube/kubeconfig-merge';

/**
 * 8 MiB per file. A kubeconfig is usually a few KiB; 8 MiB holds about 2,000 contexts
 * with their CA, client certificate and key inlined. The file is parsed on main's thread
 * (about 1 s for 9 MiB of YAML on a slow machine), so the limit also bounds that stall.
 */
const MIB = 1024 * 1024;
export const MAX_KUBECONFIG_BYTES = 8 * MIB;

/** Windows has neither flag (nor FIFOs in the file system); 0 leaves the flags alone. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

export async function readKubeconfigFile(
  path: string,
  maxBytes: number = MAX_KUBECONFIG_BYTES,
): Promise<KubeconfigSource> {
  let handle: FileHandle;
  try {
    const before = describeNonFile(await stat(path));
    if (before) return { path, readError: `${before}, not a regular file: not read` };
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    return openFailure(path, error);
  }
  try {
    const stats = await handle.stat();
    const notFile = describeNonFile(stats);
    if (notFile) return { path, readError: `${notFile}, not a regular file: not read` };
    if (stats.size > maxBytes) return { path, readError: tooLarge(stats.size, maxBytes) };
    const bytes = await readAtMost(handle, maxBytes);
    if (!bytes) return { path, readError: tooLarge(undefined, maxBytes) };
    return { path, text: bytes.toString('utf8') };
  } catch (error) {
    return { path, readError: messageOf(error) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Reads the whole file, or returns undefined once more than `maxBytes` have been seen. */
async function readAtMost(handle: FileHandle, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    // One byte more than allowed tells "exactly at the limit" from "over it".
    const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) return Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (total > maxBytes) return undefined;
  }
}

function describeNonFile(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'is a directory';
  if (stats.isFIFO()) return 'is a named pipe (FIFO)';
  if (stats.isSocket()) return 'is a socket';
  if (stats.isCharacterDevice()) return 'is a character device';
  if (stats.isBlockDevice()) return 'is a block device';
  return 'is not a regular file';
}

function tooLarge(size: number | undefined, maxBytes: number): string {
  const limit =
    maxBytes % MIB === 0 ? `${maxBytes / MIB} MiB` : `${maxBytes.toLocaleString('en')} bytes`;
  const actual =
    size === undefined
      ? 'grew past the limit while being read'
      : `is ${size.toLocaleString('en')} bytes`;
  return `${actual}; kubeconfig files over ${limit} are not read`;
}

function openFailure(path: string, error: unknown): KubeconfigSource {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { path, missing: true };
  if (code === 'EISDIR') return { path, readError: 'is a directory, not a regular file: not read' };
  if (code === 'ELOOP') return { path, readError: 'symbolic link loop: not read' };
  if (code === 'ENXIO')
    return { path, readError: 'is a socket or device with no reader: not read' };
  return { path, readError: messageOf(error) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
