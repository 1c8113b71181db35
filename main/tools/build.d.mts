// Types of build.mjs for the TypeScript that imports it (its tests and the e2e setup).

/** Why `target` ('node' or 'renderer') needs a build, or undefined when its build is current. */
export function staleSource(target: string, base?: string): string | undefined;

/** Rebuilds the stale targets in a child process; exits the process if that fails. */
export function ensureBuilt(wanted: string[]): void;
