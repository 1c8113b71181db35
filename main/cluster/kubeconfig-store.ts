/**
 * Holds the merged kubeconfig: reads the files, watches them, and tells listeners about
 * every change. Credentials stay here; listeners get credential-free snapshots.
 */
import { watch, type FSWatcher } from 'chokidar';
import {
  mergeKubeconfigs,
  summarizeContexts,
  type MergedKubeconfig,
} from '../../shared/kube/kubeconfig-merge';
import type { KubeconfigSnapshot } from '../../shared/contract/cluster';
import type { KubeconfigPaths } from './kubeconfig-paths';
import { readKubeconfigFile } from './kubeconfig-read';
import { logger } from '../platform/logger';

const log = logger('kubeconfig');

/** Editors save in bursts (truncate, write, rename); wait for the burst to settle. */
const SETTLE_MS = 150;

export class KubeconfigStore {
  private merged: MergedKubeconfig = mergeKubeconfigs([]);
  private snapshot: KubeconfigSnapshot;
  private readonly listeners = new Set<(snapshot: KubeconfigSnapshot) => void>();
  private watcher: FSWatcher | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;
  private loading: Promise<void> = Promise.resolve();
  private sourcesKey = '';

  constructor(private readonly source: KubeconfigPaths) {
    this.snapshot = this.toSnapshot();
  }

  /** Reads every file once and starts watching them (created, changed or deleted). */
  async start(): Promise<void> {
    await this.reload();
    this.watcher = watch(this.source.paths, {
      ignoreInitial: true,
      // Editors that save by rename replace the inode; chokidar follows that with atomic.
      atomic: true,
      awaitWriteFinish: false,
    });
    this.watcher.on('all', () => this.scheduleReload());
    this.watcher.on('error', (error) => log.warn('watch failed', error));
  }

  async stop(): Promise<void> {
    clearTimeout(this.reloadTimer);
    await this.watcher?.close();
  }

  current(): KubeconfigSnapshot {
    return this.snapshot;
  }

  mergedConfig(): MergedKubeconfig {
    return this.merged;
  }

  /** Calls `listener` on every change until the returned function is called. */
  onChange(listener: (snapshot: KubeconfigSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private scheduleReload(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), SETTLE_MS);
  }

  /** Reloads are serialised so a slow read can never overwrite a newer one. */
  reload(): Promise<void> {
    this.loading = this.loading.then(async () => {
      const sources = await Promise.all(this.source.paths.map((p) => readKubeconfigFile(p)));
      // Any change counts, even one that only rotates a credential: connections recheck.
      const key = JSON.stringify(sources);
      if (key === this.sourcesKey) return;
      this.sourcesKey = key;
      this.merged = mergeKubeconfigs(sources);
      const next = this.toSnapshot();
      this.snapshot = next;
      for (const file of next.files.filter((f) => f.status === 'error')) {
        log.warn(`${file.path}: ${file.error}`);
      }
      for (const listener of this.listeners) listener(next);
    });
    return this.loading;
  }

  private toSnapshot(): KubeconfigSnapshot {
    const snapshot: KubeconfigSnapshot = {
      files: this.merged.files,
      searchedFrom: this.source.searchedFrom,
      contexts: summarizeContexts(this.merged),
    };
    if (this.merged.currentContext) snapshot.currentContext = this.merged.currentContext;
    return snapshot;
  }
}
