/**
 * Schedules the store's publishes of new lines: on an animation frame, and no more than one
 * per `intervalMs`. A list scrolling past at thousands of lines a second reads the same at
 * thirty renders a second as at sixty, and each render costs the same whatever the batch
 * size, so this halves the renderer's work under load while a new line waits at most
 * `intervalMs` plus a frame to be drawn. User actions do not wait.
 *
 * Frames are waited for with requestAnimationFrame alone (no timer in between): a timer
 * fires mid-frame and then still waits for the next frame, adding up to a frame of lag.
 */

/** Frames come every ~16.7 ms: a frame this close to the interval counts as on time. */
const HALF_FRAME_MS = 8;

export function throttledFrames(intervalMs: number): (publish: () => void) => void {
  let last = -Infinity;
  return (publish) => {
    const frame = (now: number) => {
      if (now - last < intervalMs - HALF_FRAME_MS) return void requestAnimationFrame(frame);
      last = now;
      publish();
    };
    requestAnimationFrame(frame);
  };
}
