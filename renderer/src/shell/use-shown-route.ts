/**
 * Which route the content area shows: the current one once its view's chunk is loaded;
 * while it is in flight, the last route that could be shown, so switching to a view whose
 * chunk has not arrived keeps the previous view on screen (no flash of an empty page) and
 * swaps in one commit. Undefined only before the very first view's chunk is here.
 */
import { useEffect, useReducer, useState } from 'react';
import { formatRoute, type Route } from '../data/route';
import { chunkOfView } from './view-chunks';

export function useShownRoute(route: Route): Route | undefined {
  const chunk = chunkOfView(route.view);
  const ready = chunk.current() !== undefined;
  const key = formatRoute(route);
  const [shown, setShown] = useState<{ key: string; route: Route }>();
  const [failed, setFailed] = useState<string>();
  const [, loaded] = useReducer((n: number) => n + 1, 0);
  // Remembered as it changes (React's pattern for state derived from props): one string
  // comparison per render, no extra commit.
  if (ready && shown?.key !== key) setShown({ key, route });

  useEffect(() => {
    if (ready) return;
    let live = true;
    chunk.load().then(
      () => live && loaded(),
      // Shown anyway: the view's boundary says what went wrong.
      () => live && setFailed(key),
    );
    return () => {
      live = false;
    };
  }, [chunk, ready, key]);

  return ready || failed === key ? route : shown?.route;
}
