/**
 * Records keyed by names the user's kubeconfig or cluster chose (context names are any
 * string, `__proto__` and `constructor` included). They have no prototype, so looking up
 * a name that was never set gives undefined, never Object.prototype's member, and setting
 * `__proto__` stores a value instead of replacing the prototype. Updates copy (the stores
 * compare by identity); object spread is not used because it would bring the prototype back.
 */
export type Keyed<T> = Readonly<Record<string, T | undefined>>;

export function keyed<T>(): Keyed<T> {
  return Object.create(null) as Keyed<T>;
}

/** A copy of `record` with `key` set to `value`. */
export function withKey<T>(record: Keyed<T>, key: string, value: T): Keyed<T> {
  const copy = Object.assign(Object.create(null) as Record<string, T | undefined>, record);
  copy[key] = value;
  return copy;
}
