/**
 * Which pod a forward sends connections to: kubectl's choice for `port-forward TYPE/NAME`
 * (polymorphichelpers.AttachablePodForObject: the pods of the selector sorted by
 * sort.Reverse(podutils.ActivePods), first one), restricted to pods that can carry a
 * connection now (Running, Ready, not being deleted). A forward keeps its current pod while
 * that pod stays usable, so connections do not hop between healthy pods.
 */
import type { PodFacts } from './target-facts';

/** Can this pod take a new connection (what "a ready pod" means in the states)? */
export function isUsable(pod: PodFacts): boolean {
  return pod.phase === 'Running' && pod.ready && !pod.deleting && pod.nodeName !== '';
}

const phaseRank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** RFC 3339 seconds compare as text; '' is the zero time. */
function afterOrZero(a: string, b: string): boolean {
  if (!a || !b) return !a;
  return Date.parse(a) > Date.parse(b);
}

/** podutils.ActivePods' Less: true when `a` is "less active" than `b`. */
export function lessActive(a: PodFacts, b: PodFacts): boolean {
  if (a.nodeName !== b.nodeName && (!a.nodeName || !b.nodeName)) return !a.nodeName;
  const pa = phaseRank[a.phase] ?? 0;
  const pb = phaseRank[b.phase] ?? 0;
  if (pa !== pb) return pa < pb;
  if (a.ready !== b.ready) return !a.ready;
  if (!!a.deleting !== !!b.deleting) return !!a.deleting;
  if (a.deleting && b.deleting && a.deleting !== b.deleting)
    return Date.parse(a.deleting) < Date.parse(b.deleting);
  if (a.ready && b.ready && a.readySince !== b.readySince)
    return afterOrZero(a.readySince, b.readySince);
  if (a.restarts !== b.restarts) return a.restarts > b.restarts;
  if (a.created !== b.created) return afterOrZero(a.created, b.created);
  return false;
}

/**
 * The pod to use among `candidates` (already filtered by the target's selector): the
 * current one while it is usable, else the most active usable one (kubectl's order), else
 * null (the forward waits for a ready pod).
 */
export function choosePod(candidates: PodFacts[], current: string | null): PodFacts | null {
  const usable = candidates.filter(isUsable);
  if (current) {
    const keep = usable.find((p) => p.name === current);
    if (keep) return keep;
  }
  let best: PodFacts | null = null;
  for (const p of usable) if (!best || lessActive(best, p)) best = p;
  return best;
}
