/**
 * The history of one context: a SampleRing per pod (two columns per container: CPU
 * millicores and memory bytes) and per node (CPU, memory), kept for HISTORY_MINUTES at the
 * server's resolution. It lives for the run, independent of views and pollers, so a view
 * closed and opened again finds its history. Bounded three ways: each ring's capacity
 * (the history window over the resolution), `sweep` dropping what has had no sample for
 * the whole window (pods that went away), and MAX_TRACKED entities per kind.
 */
import { HISTORY_MINUTES } from '../../shared/contract/metrics';
import type { RawSample } from './metrics-api';
import { SampleRing } from './sample-ring';

export const HISTORY_MS = HISTORY_MINUTES * 60_000;
/** metrics-server's finest --metric-resolution; rings never hold more than the window at it. */
const MIN_RESOLUTION_MS = 10_000;
/** metrics-server's default --metric-resolution, assumed until a sample says otherwise. */
export const DEFAULT_RESOLUTION_MS = 60_000;
/** Pods (and nodes) with a history at once; the least recently sampled go first. */
export const MAX_TRACKED = 50_000;

export interface PodHistory {
  ring: SampleRing;
  /** Column 2i is container i's CPU, 2i+1 its memory. */
  containers: string[];
  /** The pod's uid when last seen by the pod watch ('' unknown): a new uid is a new pod. */
  uid: string;
  /** `kind/namespace/name` of the workload the pod belonged to when last seen. */
  workload: string;
  namespace: string;
  name: string;
}

export class ContextHistory {
  readonly pods = new Map<string, PodHistory>();
  readonly nodes = new Map<string, SampleRing>();
  /** Pod uid and workload by `namespace/name`, told by the streams' pod watches. */
  readonly identities = new Map<string, { uid: string; workload: string }>();
  /** Ms between samples, as observed (samples of one pod or node); default until known. */
  resolutionMs = DEFAULT_RESOLUTION_MS;
  private resolutionKnown = false;

  constructor(private readonly maxTracked = MAX_TRACKED) {}

  /** Records a sample window as the resolution until two samples of one object tell better. */
  noteWindow(windowMs: number): void {
    if (!this.resolutionKnown && windowMs > 0) this.resolutionMs = Math.max(windowMs, 1000);
  }

  /** Records the interval observed between two samples of one object. */
  noteInterval(intervalMs: number): void {
    if (intervalMs < 1000) return;
    // The smallest interval seen is the resolution (a missed scrape doubles one interval).
    this.resolutionMs = this.resolutionKnown ? Math.min(this.resolutionMs, intervalMs) : intervalMs;
    this.resolutionKnown = true;
  }

  private capacity(): number {
    return Math.ceil(HISTORY_MS / Math.max(this.resolutionMs, MIN_RESOLUTION_MS)) + 1;
  }

  /**
   * Records a pod sample; returns false for a sample already recorded. Its uid and
   * workload come from `identities` when a pod watch told them: a new uid under the same name (a StatefulSet pod
   * recreated) puts a break in the history so the two pods' lines are not joined.
   */
  recordPod(sample: RawSample): boolean {
    const identity = this.identities.get(sample.key);
    const uid = identity?.uid ?? '';
    const workload = identity?.workload ?? '';
    let entry = this.pods.get(sample.key);
    const seconds = Math.floor(sample.timestampMs / 1000);
    if (!entry) {
      this.makeRoom(this.pods);
      entry = {
        ring: new SampleRing(this.capacity(), Math.max(2, sample.containers.length * 2)),
        containers: sample.containers.map((c) => c.name),
        uid,
        workload,
        namespace: sample.namespace,
        name: sample.name,
      };
      this.pods.set(sample.key, entry);
    } else {
      // Map insertion order doubles as recency for makeRoom.
      this.pods.delete(sample.key);
      this.pods.set(sample.key, entry);
    }
    const newest = entry.ring.newestSeconds();
    if (newest !== undefined && seconds <= newest) return false;
    if (uid && entry.uid && uid !== entry.uid) entry.ring.pushBreak(seconds - 1);
    if (uid) entry.uid = uid;
    if (workload) entry.workload = workload;
    if (newest !== undefined) this.noteInterval((seconds - newest) * 1000);
    for (const c of sample.containers) {
      if (!entry.containers.includes(c.name)) entry.containers.push(c.name);
    }
    entry.ring.widen(entry.containers.length * 2);
    const row = new Array<number>(entry.containers.length * 2).fill(NaN);
    for (const c of sample.containers) {
      const i = entry.containers.indexOf(c.name);
      row[2 * i] = c.cpu;
      row[2 * i + 1] = c.bytes;
    }
    return entry.ring.push(seconds, row);
  }

  recordNode(sample: RawSample): boolean {
    let ring = this.nodes.get(sample.key);
    if (!ring) {
      this.makeRoom(this.nodes);
      ring = new SampleRing(this.capacity(), 2);
      this.nodes.set(sample.key, ring);
    }
    const seconds = Math.floor(sample.timestampMs / 1000);
    const newest = ring.newestSeconds();
    if (newest !== undefined && seconds > newest) this.noteInterval((seconds - newest) * 1000);
    return ring.push(seconds, [sample.cpu, sample.bytes]);
  }

  private makeRoom(map: Map<string, unknown>): void {
    while (map.size >= this.maxTracked) {
      const oldest = map.keys().next().value;
      if (oldest === undefined) return;
      map.delete(oldest);
    }
  }

  /** Drops histories whose newest sample is older than the history window. */
  sweep(nowMs: number): void {
    const cutoff = Math.floor((nowMs - HISTORY_MS) / 1000);
    for (const [key, entry] of this.pods) {
      if ((entry.ring.newestSeconds() ?? 0) < cutoff) this.pods.delete(key);
    }
    for (const key of this.identities.keys()) {
      if (!this.pods.has(key)) this.identities.delete(key);
    }
    for (const [key, ring] of this.nodes) {
      if ((ring.newestSeconds() ?? 0) < cutoff) this.nodes.delete(key);
    }
  }

  /** Bytes held by the rings' typed arrays (the bulk of the history). */
  bytes(): number {
    let total = 0;
    for (const p of this.pods.values()) total += p.ring.bytes;
    for (const n of this.nodes.values()) total += n.bytes;
    return total;
  }
}
