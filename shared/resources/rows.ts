/**
 * The compact row every table shows. Main projects each object to one of these before it
 * crosses the contract (no managedFields, no specs); the full object is fetched on demand.
 */
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
  /** Kind-specific columns, keyed by column id. */
  cells: Record<string, Cell>;
  labels?: Record<string, string>;
  /** The controlling owner, for links (Pod → ReplicaSet → Deployment). */
  owner?: { kind: string; name: string };
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
