/**
 * Schedules the store's publishes of new lines: on an animation frame, and no more than one
 * per `intervalMs`. A list scrolling past at thousands of lines a second reads the same at
 * ten renders a second, and each render costs the same whatever the batch size, so this
 * cuts the renderer's work several times over under load. User actions do not wait.
 */
export function throttledFrames(intervalMs: number): (publish: () => void) => void {
  let last = -Infinity;
  return (publish) => {
    const wait = Math.max(0, last + intervalMs - performance.now());
    setTimeout(
      () =>
        requestAnimationFrame((now) => {
          last = now;
          publish();
        }),
      wait,
    );
  };
}
