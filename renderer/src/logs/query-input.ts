/**
 * What the filter bar knows about its text, without side effects: the chips it shows,
 * the error (with the bad token's place), and whether applying it means restarting the
 * stream or only changing the live include/exclude filters.
 */
import { QueryError, splitViewFilters, tokenize } from '../../../shared/logs/query';

export interface Chip {
  /** The token as typed, quotes included. */
  source: string;
  /** "deploy", "label", "since"… or the flag itself ("previous"). */
  kind: string;
  value: string;
  index: number;
  end: number;
  /** Applied live by the viewer, not by the engine. */
  live: boolean;
}

export type QueryAnalysis =
  | {
      ok: true;
      chips: Chip[];
      engineQuery: string;
      include: string[];
      exclude: string[];
    }
  | { ok: false; message: string; token: string; index: number };

export function analyzeQuery(input: string): QueryAnalysis {
  try {
    const { engineQuery, include, exclude } = splitViewFilters(input);
    const chips = tokenize(input).map((t): Chip => {
      const colon = t.text.indexOf(':');
      const kind = colon > 0 ? t.text.slice(0, colon) : t.text;
      return {
        source: input.slice(t.index, t.end),
        kind,
        value: colon > 0 ? t.text.slice(colon + 1) : '',
        index: t.index,
        end: t.end,
        live: /^-?(include|exclude)$/.test(kind),
      };
    });
    return { ok: true, chips, engineQuery, include, exclude };
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    return { ok: false, message: error.message, token: error.token, index: error.index };
  }
}

/** The input without one chip's token, spaces tidied. */
export function removeChip(input: string, chip: Chip): string {
  return `${input.slice(0, chip.index).trimEnd()} ${input.slice(chip.end).trimStart()}`.trim();
}

/**
 * The input cut around the bad token, for the mirror under the field that highlights it.
 * The token can be empty (an unclosed quote at the end): then it marks the end.
 */
export function splitAtError(
  input: string,
  error: { token: string; index: number },
): [before: string, bad: string, after: string] {
  const end = Math.min(input.length, error.index + Math.max(error.token.length, 0));
  return [input.slice(0, error.index), input.slice(error.index, end), input.slice(end)];
}
