import { describe, expect, it } from 'vitest';
import {
  cordonDialogText,
  drainDialogText,
  drainStateText,
  evictionWhen,
  taintDialogText,
  taintText,
} from './node-dialogs';

const preview = {
  evicted: [],
  staying: 0,
  schedulable: [],
  summary: '2 pods will be evicted, 1 of them after 30 s.',
  uid: 'u1',
};

describe('the node dialogs', () => {
  it('name the context and the node', () => {
    for (const text of [
      cordonDialogText('prod-eu', 'pilot-a1', true),
      cordonDialogText('prod-eu', 'pilot-a1', false),
      drainDialogText('prod-eu', 'pilot-a1'),
      taintDialogText('prod-eu', 'pilot-a1', 'add', { key: 'k', effect: 'NoExecute' }, preview),
    ]) {
      expect(text.facts.slice(0, 2)).toEqual([
        ['Context', 'prod-eu'],
        ['Node', 'pilot-a1'],
      ]);
      expect(text.title).toContain('pilot-a1');
    }
    expect(cordonDialogText('c', 'n', true).confirmLabel).toBe('Cordon');
    expect(cordonDialogText('c', 'n', false).confirmLabel).toBe('Uncordon');
    expect(drainDialogText('c', 'n').consequence).toMatch(
      /--ignore-daemonsets --delete-emptydir-data/,
    );
  });

  it('words taints as kubectl taint does, and the preview’s sentence is the consequence', () => {
    expect(taintText({ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' })).toBe(
      'nvidia.com/gpu=present:NoSchedule',
    );
    expect(taintText({ key: 'k', effect: 'NoExecute' })).toBe('k:NoExecute');
    const text = taintDialogText(
      'c',
      'n',
      'remove',
      { key: 'k', value: 'v', effect: 'NoSchedule' },
      preview,
    );
    expect(text.title).toBe('Remove taint k=v:NoSchedule from node n?');
    expect(text.facts).toContainEqual(['Taint', 'k=v:NoSchedule']);
    expect(text.consequence).toBe(preview.summary);
  });

  it('says when a pod is evicted and what a drain row is waiting on', () => {
    expect(evictionWhen(null)).toBe('evicted at once');
    expect(evictionWhen(30)).toBe('evicted after 30 s');
    expect(
      drainStateText({
        namespace: 'a',
        name: 'p',
        uid: 'u',
        state: 'blocked',
        message: 'Cannot evict pod as it would violate the pod’s disruption budget.',
      }),
    ).toBe(
      'waiting on a PodDisruptionBudget: Cannot evict pod as it would violate the pod’s disruption budget.',
    );
    expect(
      drainStateText({ namespace: 'a', name: 'p', uid: 'u', state: 'done', message: '' }),
    ).toBe('done');
  });
});
