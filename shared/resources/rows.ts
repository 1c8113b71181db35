/**
 * The compact row every table shows. Main projects each object to one of these before it
 * crosses the contract (no managedFields, no specs); the full object is fetched on demand.
 */
import type { KubeObject } from '../kube/object-types';

export type Cell = string | number | null;

export type Tone = 'ok' | 'warn' | 'bad' | 'muted';

export interface Row {
  uid: string;
  name: string;
  namespace?: string;
  /** creationTimestamp, ISO 8601; the Age column counts from it. */
  created?: string;
  /** The word the status filter offers (Running, Pending, Ready, Failed…). */
  status?: string;
  tone?: Tone;
  /** The shown columns, keyed by column id; read through the column list, never by name. */
  cells: Record<string, Cell>;
  /** Values views need that no column shows; typed, and absent keys are left off the wire. */
  facts?: RowFacts;
  labels?: Record<string, string>;
  /** The controlling owner, for links (Pod → ReplicaSet → Deployment). */
  owner?: { kind: string; name: string };
}

/**
 * The hidden values of a row. One flat interface rather than one per kind: a feed does not
 * know its kind statically, and each field says which kinds set it.
 */
export interface RowFacts {
  /** Pods: why the status is what it is (why it cannot be scheduled); a tooltip. */
  detail?: string;
  /** Pods: when a container last restarted (ISO 8601), for "3 (5m ago)". */
  lastRestart?: string;
  /** Replica workloads: replicas wanted (the Scale field starts here) and ready. */
  desired?: number;
  ready?: number;
  /** Events: the object the event is about (its row links there). */
  involved?: InvolvedObject;
  /** Services: the pod selector ("app=web,tier=api"), so the text filter finds it. */
  selector?: string;
}

export interface InvolvedObject {
  kind: string;
  name: string;
  namespace?: string;
  uid?: string;
}

export interface Column {
  id: string;
  label: string;
  type: 'text' | 'number' | 'age' | 'status';
  /** Relative width (fr units); names get more room. */
  width?: number;
  /** Right-aligned numbers, dimmed secondary text… */
  align?: 'start' | 'end';
}

/** How one kind becomes a table: its columns and the projection that fills them. */
export interface KindTable {
  columns: readonly Column[];
  project(object: KubeObject): Row;
}
