/**
 * Where a container stream resumes after a reconnect. The API's sinceTime has whole
 * seconds, so a resumed stream repeats the lines of the last second; this drops exactly
 * those already delivered: everything older than the last timestamp, and as many lines
 * with that very timestamp as were delivered before.
 */

/**
 * Kubelet timestamps are RFC 3339 with up to nine fractional digits, trailing zeros
 * trimmed (Go's RFC3339Nano). Padding the fraction to nine digits in UTC makes them
 * compare correctly as strings.
 */
export function timeKey(time: string): string {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(time);
  if (!m) return '';
  const [, base, fraction = '', zone] = m;
  const utc = zone === 'Z' ? base! : new Date(`${base}${zone}`).toISOString().slice(0, 19);
  return `${utc}.${fraction.padEnd(9, '0')}Z`;
}

/** Splits a `timestamps=true` log line into its timestamp and text. */
export function splitTimestamp(line: string): { time: string; text: string } {
  const space = line.indexOf(' ');
  const time = space > 0 ? line.slice(0, space) : '';
  if (time && timeKey(time)) return { time, text: line.slice(space + 1) };
  return { time: '', text: line };
}

export class ResumePoint {
  private lastKey = '';
  private atLast = 0;
  private replayedAtLast = 0;

  /** The sinceTime to ask for on reconnect, or undefined before the first line. */
  sinceTime(): string | undefined {
    return this.lastKey ? `${this.lastKey.slice(0, 19)}Z` : undefined;
  }

  /** Called when a new request starts: replayed lines are counted afresh. */
  restart(): void {
    this.replayedAtLast = 0;
  }

  /** True if the line is new; false if an earlier request already delivered it. */
  accept(time: string): boolean {
    const key = timeKey(time);
    if (!key) return true; // no timestamp to compare: never drop
    if (key < this.lastKey) return false;
    if (key === this.lastKey) {
      if (this.replayedAtLast < this.atLast) {
        this.replayedAtLast++;
        return false;
      }
      this.atLast++;
      this.replayedAtLast++;
      return true;
    }
    this.lastKey = key;
    this.atLast = 1;
    this.replayedAtLast = 1;
    return true;
  }
}
