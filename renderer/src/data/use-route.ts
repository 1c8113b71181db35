import { useSyncExternalStore } from 'react';
import { formatRoute, parseRoute, type Route } from './route';

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

/** The current route, re-read whenever the hash changes (links, back button, edits). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseRoute(hash);
}

/** Replaces the route; `push` adds a history entry (views), otherwise it is replaced (filters). */
export function navigate(route: Route, push = false): void {
  const hash = formatRoute(route);
  if (hash === location.hash) return;
  if (push) location.hash = hash;
  else {
    history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }
}
