/**
 * Unified diffs of pod templates as YAML (jsdiff's createTwoFilesPatch; no diff algorithm
 * of our own). Templates are cleaned as kubectl compares them: a Deployment revision's
 * pod-template-hash label is the controller's, not the user's, so it is dropped
 * (polymorphichelpers/rollback.go equalIgnoreHash). The text is bounded: the renderer shows
 * it as text only.
 */
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import type { TemplateDiff } from '../../shared/contract/rollouts';
import { asRecord } from '../../shared/kube/object-types';
import { POD_TEMPLATE_HASH_LABEL } from './history';

/** A diff longer than this is cut (a pod template is at most ~1.5 MB, etcd's object limit). */
export const MAX_DIFF_CHARS = 256 * 1024;
/** Lines of context around each change, as `diff -u`. */
const CONTEXT_LINES = 3;

/** A copy of the template without the pod-template-hash label (an emptied labels map goes too). */
export function cleanTemplate(template: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(template);
  const metadata = asRecord(copy['metadata']);
  const labels = asRecord(metadata['labels']);
  if (POD_TEMPLATE_HASH_LABEL in labels) {
    delete labels[POD_TEMPLATE_HASH_LABEL];
    if (Object.keys(labels).length === 0) delete metadata['labels'];
  }
  return copy;
}

/** Keys sorted at every level, so two templates serialised by different writers line up. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      out[key] = sortedKeys((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}

export function templateYaml(template: Record<string, unknown>): string {
  return stringify(sortedKeys(cleanTemplate(template)), { lineWidth: 0 });
}

/** The unified diff from one template to another; '' when they are the same. */
export function templateDiff(
  from: { label: string; template: Record<string, unknown> },
  to: { label: string; template: Record<string, unknown> },
): TemplateDiff {
  const a = templateYaml(from.template);
  const b = templateYaml(to.template);
  if (a === b) return { from: from.label, to: to.label, patch: '', truncated: false };
  // jsdiff opens with a line of '=' (the Index: separator); `diff -u` has none.
  const patch = createTwoFilesPatch(from.label, to.label, a, b, undefined, undefined, {
    context: CONTEXT_LINES,
  }).replace(/^=+\n/, '');
  const truncated = patch.length > MAX_DIFF_CHARS;
  return {
    from: from.label,
    to: to.label,
    patch: truncated ? patch.slice(0, MAX_DIFF_CHARS) : patch,
    truncated,
  };
}
