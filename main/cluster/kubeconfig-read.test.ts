// Hostile kubeconfig files: whatever a KUBECONFIG entry points at, reading it never hangs,
// never reads more than the limit, and refuses anything but a regular file, per file.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_KUBECONFIG_BYTES, readKubeconfigFile } from './kubeconfig-read';
import { KubeconfigStore } from './kubeconfig-store';

const posix = process.platform !== 'win32';
const good = [
  'apiVersion: v1',
  'clusters: [{ name: c, cluster: { server: "https://127.0.0.1:1" } }]',
  'users: [{ name: u, user: { token: t } }]',
  'contexts: [{ name: good, context: { cluster: c, user: u } }]',
].join('\n');

let dir: string;
const at = (name: string) => path.join(dir, name);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pilothouse-kcread-'));
  fs.writeFileSync(at('good'), good);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function mkfifo(name: string): string {
  execFileSync('mkfifo', [at(name)]);
  return at(name);
}

describe('readKubeconfigFile', () => {
  it('reads a regular file, and a symlink to one', async () => {
    fs.symlinkSync(at('good'), at('link'));
    expect(await readKubeconfigFile(at('good'))).toEqual({ path: at('good'), text: good });
    expect(await readKubeconfigFile(at('link'))).toEqual({ path: at('link'), text: good });
  });

  it('reports a missing file (and a dangling symlink) as missing, as kubectl skips them', async () => {
    fs.symlinkSync(at('nowhere'), at('dangling'));
    expect(await readKubeconfigFile(at('nope'))).toEqual({ path: at('nope'), missing: true });
    expect(await readKubeconfigFile(at('dangling'))).toMatchObject({ missing: true });
  });

  it('refuses a directory, and a symlink to one', async () => {
    fs.mkdirSync(at('dir'));
    fs.symlinkSync(at('dir'), at('dirlink'));
    for (const p of [at('dir'), at('dirlink')]) {
      expect(await readKubeconfigFile(p)).toEqual({
        path: p,
        readError: 'is a directory, not a regular file: not read',
      });
    }
  });

  it.runIf(posix)('refuses a FIFO with no writer at once instead of blocking', async () => {
    const fifo = mkfifo('fifo');
    fs.symlinkSync(fifo, at('fifolink'));
    for (const p of [fifo, at('fifolink')]) {
      expect(await readKubeconfigFile(p)).toEqual({
        path: p,
        readError: 'is a named pipe (FIFO), not a regular file: not read',
      });
    }
  });

  it.runIf(fs.existsSync('/dev/zero'))('refuses a device (/dev/zero never ends)', async () => {
    fs.symlinkSync('/dev/zero', at('zero'));
    for (const p of ['/dev/zero', at('zero')]) {
      expect(await readKubeconfigFile(p)).toEqual({
        path: p,
        readError: 'is a character device, not a regular file: not read',
      });
    }
  });

  it.runIf(posix)('refuses a Unix socket', async () => {
    const server = net.createServer();
    const socket = at('sock');
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      expect(await readKubeconfigFile(socket)).toEqual({
        path: socket,
        readError: 'is a socket, not a regular file: not read',
      });
    } finally {
      server.close();
    }
  });

  it.runIf(posix)('refuses a symlink loop', async () => {
    fs.symlinkSync(at('loop-b'), at('loop-a'));
    fs.symlinkSync(at('loop-a'), at('loop-b'));
    expect(await readKubeconfigFile(at('loop-a'))).toMatchObject({ readError: expect.any(String) });
  });

  it('reads a file of exactly the limit and refuses one byte more, without truncating', async () => {
    fs.writeFileSync(at('edge'), 'x'.repeat(1024));
    fs.writeFileSync(at('over'), 'x'.repeat(1025));
    expect(await readKubeconfigFile(at('edge'), 1024)).toMatchObject({ text: 'x'.repeat(1024) });
    expect(await readKubeconfigFile(at('over'), 1024)).toEqual({
      path: at('over'),
      readError: 'is 1,025 bytes; kubeconfig files over 1,024 bytes are not read',
    });
  });

  it('documents its limit: 8 MiB', () => {
    expect(MAX_KUBECONFIG_BYTES).toBe(8 * 1024 * 1024);
  });
});

describe('KubeconfigStore with hostile files among good ones', () => {
  it.runIf(posix)('loads the good file and names each bad one with its reason', async () => {
    const fifo = mkfifo('fifo');
    fs.mkdirSync(at('dir'));
    fs.writeFileSync(at('big'), `# ${'x'.repeat(MAX_KUBECONFIG_BYTES)}\n${good}`);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 9; i++) {
      bomb.push(
        `l${i}: &l${i} [${Array(9)
          .fill(i ? `*l${i - 1}` : '*a')
          .join(', ')}]`,
      );
    }
    fs.writeFileSync(at('bomb'), bomb.join('\n'));
    const paths = [fifo, at('dir'), at('big'), at('bomb'), at('good')];
    const store = new KubeconfigStore({ paths, searchedFrom: 'KUBECONFIG' });
    // start(): the first read, and the watcher on every path (a FIFO among them).
    await store.start();
    const snapshot = store.current();
    await store.stop();
    expect(snapshot.contexts.map((c) => c.name)).toEqual(['good']);
    expect(snapshot.files).toEqual([
      {
        path: fifo,
        status: 'error',
        error: 'is a named pipe (FIFO), not a regular file: not read',
      },
      { path: at('dir'), status: 'error', error: 'is a directory, not a regular file: not read' },
      {
        path: at('big'),
        status: 'error',
        error: `is ${(MAX_KUBECONFIG_BYTES + 3 + good.length).toLocaleString('en')} bytes; kubeconfig files over 8 MiB are not read`,
      },
      {
        path: at('bomb'),
        status: 'error',
        error: 'refused: its YAML aliases expand to more than 100 nodes (an alias bomb?)',
      },
      { path: at('good'), status: 'loaded' },
    ]);
  });
});
