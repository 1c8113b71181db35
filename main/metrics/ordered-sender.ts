/**
 * The one path every event of a metrics stream takes to the renderer, samples and states
 * alike, in the order they were handed in.
 *
 * Each event goes out as a message of its own, one per turn of the event loop: the page
 * then parses and files 500 samples per task instead of a whole 10,000-pod round in one
 * (bench:metrics: its long tasks were that one message). And a state never overtakes the
 * samples handed in before it: when metrics-server goes away, the poller drops the
 * samples and then says "unavailable", and the page must see them in that order.
 */
import type { StreamSink } from '../rpc/handler-types';

export class OrderedSender<Event> {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly sink: StreamSink<Event>,
    private readonly signal: AbortSignal,
  ) {}

  /** Queues `events` behind everything sent before; resolves once they are out. */
  send(events: readonly Event[]): Promise<void> {
    if (events.length === 0) return this.chain;
    this.chain = this.chain.then(() => this.sendEach(events));
    return this.chain;
  }

  private async sendEach(events: readonly Event[]): Promise<void> {
    for (const event of events) {
      if (this.signal.aborted) return;
      if (this.sink.held()) await this.sink.writable();
      if (this.signal.aborted) return;
      // A sink that throws (its transport closed under it) must not stop the sends after it:
      // the stream's own end comes through the abort signal.
      try {
        this.sink.emit(event);
        this.sink.flush?.();
      } catch {
        return;
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
