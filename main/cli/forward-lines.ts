/**
 * What `pilothouse forward` prints as a forward's state changes: one line when it is
 * ready (`127.0.0.1:8080 -> team-a/svc/web:80 (pod web-7c9…)`), one each time it moves to
 * another pod or reconnects, one when it waits or fails. Counter-only changes print
 * nothing. Pod names, targets and reasons are the cluster's: every line goes through
 * terminalSafe, so no terminal control reaches the screen.
 */
import type { ForwardPhase, ForwardState } from '../../shared/contract/forwards';
import { terminalSafe } from './terminal-text';

interface Seen {
  phase: ForwardPhase;
  /** The last pod it was Active on. */
  pod: string | null;
}

export class ForwardLines {
  private readonly seen = new Map<string, Seen>();

  /** The lines a new state of a forward calls for (often none). */
  update(state: ForwardState): string[] {
    const before = this.seen.get(state.id);
    const head = `${state.localAddress} -> ${state.target}`;
    const lines: string[] = [];
    const now: Seen = { phase: state.phase, pod: before?.pod ?? null };
    if (state.phase === 'active' && state.pod !== null) {
      if (before?.pod == null) lines.push(`${head} (pod ${state.pod})`);
      else if (before.pod !== state.pod)
        lines.push(`${head} (pod ${state.pod}): moved from pod ${before.pod}`);
      else if (before.phase !== 'active') lines.push(`${head} (pod ${state.pod}): reconnected`);
      now.pod = state.pod;
    } else if (state.phase !== before?.phase && state.phase !== 'starting') {
      const why =
        state.phase === 'reconnecting' && state.lastError
          ? `reconnecting (${state.lastError})`
          : state.state.charAt(0).toLowerCase() + state.state.slice(1);
      lines.push(`${head}: ${why}`);
    }
    this.seen.set(state.id, now);
    return lines.map((line) => terminalSafe(line, 'escape'));
  }

  /** A forward that went away (its Service was deleted, or it was stopped). */
  removed(state: ForwardState, why: string): string[] {
    this.seen.delete(state.id);
    return [terminalSafe(`${state.localAddress} -> ${state.target}: ${why}`, 'escape')];
  }
}
