/**
 * A unified diff split into lines with their kind, for colouring. The text stays text:
 * the view puts each line in a span as a string, never as markup.
 */
export type DiffLineKind = 'add' | 'del' | 'hunk' | 'file' | 'context';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

export function diffLines(patch: string): DiffLine[] {
  return patch
    .split('\n')
    .filter((line, i, all) => !(i === all.length - 1 && line === ''))
    .map((text) => {
      if (text.startsWith('+++') || text.startsWith('---') || text.startsWith('===')) {
        return { kind: 'file', text };
      }
      if (text.startsWith('@@')) return { kind: 'hunk', text };
      if (text.startsWith('+')) return { kind: 'add', text };
      if (text.startsWith('-')) return { kind: 'del', text };
      return { kind: 'context', text };
    });
}
