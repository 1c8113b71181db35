import { describe, expect, it } from 'vitest';
import { kindById } from '../../../../shared/kube/kinds';
import type { DetailTarget } from '../../ui/detail/detail-sections';
import {
  partitionDialogText,
  pauseDialogText,
  restartDialogText,
  rollbackDialogText,
} from './rollout-dialogs';
import { diffLines } from './diff-lines';

const target = (kind: 'deployments' | 'statefulsets' | 'daemonsets'): DetailTarget => ({
  context: 'arn:aws:eks:eu-central-1:123456789012:cluster/prod',
  kind,
  def: kindById.get(kind)!,
  namespace: 'team-a',
  name: 'web',
});

describe('rollout dialogs name what they act on', () => {
  for (const kind of ['deployments', 'statefulsets', 'daemonsets'] as const) {
    it(`${kind}: rollback and restart list context, namespace, kind and name`, () => {
      const singular = kindById.get(kind)!.singular;
      const rollback = rollbackDialogText(target(kind), 2);
      expect(rollback.confirmLabel).toBe('Roll back');
      expect(rollback.title).toBe(`Roll back ${singular} web to revision 2?`);
      expect(rollback.facts).toEqual([
        ['Context', 'arn:aws:eks:eu-central-1:123456789012:cluster/prod'],
        ['Namespace', 'team-a'],
        ['Kind', singular],
        ['Name', 'web'],
        ['To revision', '2'],
      ]);
      expect(restartDialogText(target(kind)).facts.map(([l]) => l)).toEqual([
        'Context',
        'Namespace',
        'Kind',
        'Name',
      ]);
    });
  }
  it('pause, resume and partition say which', () => {
    expect(pauseDialogText(target('deployments'), true).confirmLabel).toBe('Pause');
    expect(pauseDialogText(target('deployments'), false).confirmLabel).toBe('Resume');
    expect(partitionDialogText(target('statefulsets'), 3).facts.at(-1)).toEqual(['Partition', '3']);
  });
});

describe('diff lines', () => {
  it('classifies a unified diff line by line, keeping the text as it is', () => {
    const lines = diffLines(
      '--- a\n+++ b\n@@ -1,2 +1,2 @@\n x\n-<img src=x onerror=alert(1)>\n+y\n',
    );
    expect(lines.map((l) => l.kind)).toEqual(['file', 'file', 'hunk', 'context', 'del', 'add']);
    expect(lines[4]!.text).toBe('-<img src=x onerror=alert(1)>');
  });
});
