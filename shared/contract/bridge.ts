/**
 * The one object Electron's preload puts on `window.pilot`. AbortSignals cannot cross
 * contextBridge, so a subscription returns its own dispose function instead.
 */
import type { StreamHandlers } from './api';
import type { EventOf, InputOf, OutputOf, RequestName, StreamName } from './channels';

export interface PilotBridge {
  request<K extends RequestName>(channel: K, input: InputOf<K>): Promise<OutputOf<K>>;
  subscribe<K extends StreamName>(
    channel: K,
    input: InputOf<K>,
    handlers: StreamHandlers<EventOf<K>>,
  ): () => void;
}
