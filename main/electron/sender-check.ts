/**
 * Who may hand main the contract's MessagePort: only our own window's top frame, showing
 * our own origin, with exactly one port. Everything else (another web contents, an
 * iframe, a page that navigated away) is refused. Pure facts in, a refusal reason out, so
 * every rule is unit-tested; main/electron/ipc.ts gathers the facts from Electron.
 */
import { isOwnPage } from './navigation-policy';

export interface SenderFacts {
  /** webContents.id of the sender. */
  senderId: number;
  /** webContents.id of our window, if it exists and is not destroyed. */
  windowContentsId: number | undefined;
  /** The sending frame, or null when it navigated or was destroyed meanwhile. */
  frame: { url: string; isWindowMainFrame: boolean; hasParent: boolean } | null;
  portCount: number;
}

/** Undefined when the sender is trusted; otherwise why it is refused. */
export function senderRefusal(facts: SenderFacts, ownOrigin: string): string | undefined {
  if (facts.windowContentsId === undefined) return 'no window is open';
  if (facts.senderId !== facts.windowContentsId) return 'the sender is not our window';
  if (!facts.frame) return 'the sending frame is gone';
  if (!facts.frame.isWindowMainFrame || facts.frame.hasParent)
    return 'the sender is not the main frame';
  if (!isOwnPage(facts.frame.url, ownOrigin)) return 'the frame does not show our page';
  if (facts.portCount !== 1) return `expected one port, got ${facts.portCount}`;
  return undefined;
}
