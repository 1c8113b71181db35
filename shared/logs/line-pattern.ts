/**
 * The regular expressions of include:/exclude:, compiled with RE2's semantics (re2js, a
 * pure-JS port of RE2/Go regexp) instead of JavaScript's backtracking RegExp. The patterns
 * come from a user or a link (`#/logs?q=…`), the text from any workload; with RegExp,
 * `(a+)+$` against "aaaa…b" runs for years on the thread that tests it (main's for the CLI
 * and the engine, the renderer's for the viewer). RE2 matches in time linear in the text.
 *
 * Linear is not cheap for every pattern: the cost per byte grows with the compiled
 * program, so `.{1000}` takes ~60 ms on a 64 KiB line. A program is therefore limited to
 * MAX_PATTERN_PROGRAM_SIZE instructions, which keeps one 64 KiB line under ~20 ms.
 *
 * Syntax differences from JavaScript (the README's logs section lists them): no
 * backreferences (\1), no lookahead or lookbehind ((?=…) (?!…) (?<=…) (?<!…)), no \u{…} or
 * \uXXXX escapes (write the character, or \x{…}), repeat counts at most 1000; RE2 adds
 * (?i) style flags, \Q…\E, [[:alpha:]] and \pL classes. Invalid or unsupported syntax is an
 * error naming the pattern, never a silent mismatch.
 */
import { RE2JS } from 're2js';

/** Compiled program instructions; `.{400}` is about the limit. */
export const MAX_PATTERN_PROGRAM_SIZE = 400;

export interface LinePattern {
  /** True if the pattern matches anywhere in the text (like RegExp.prototype.test). */
  test(text: string): boolean;
}

export class LinePatternError extends Error {}

const SYNTAX_HINT = 'RE2 syntax: no backreferences, no lookahead or lookbehind';

export function compileLinePattern(source: string): LinePattern {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new LinePatternError(
      `${message.replace(/^error parsing regexp: /, '')} (${SYNTAX_HINT})`,
    );
  }
  const size = compiled.programSize();
  if (size > MAX_PATTERN_PROGRAM_SIZE)
    throw new LinePatternError(
      `too complex to match quickly (${size} RE2 instructions, at most ` +
        `${MAX_PATTERN_PROGRAM_SIZE}): use smaller repeat counts`,
    );
  return { test: (text) => compiled.test(text) };
}
