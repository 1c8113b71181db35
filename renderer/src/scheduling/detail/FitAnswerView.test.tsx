import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { FitAnswer } from '../../../../shared/contract/scheduling';
import { FILTER_ORDER } from '../../../../shared/scheduling/types';
import { FitAnswerView, whatIfManifest } from './SchedulingTab';
import { parse } from 'yaml';

const SUMMARY = '0/1 nodes are available: 1 node(s) were unschedulable.';

function answer(schedulerSays: string | null, differs = false): FitAnswer {
  return {
    subject: {
      kind: 'pods',
      namespace: 'team-a',
      name: 'p',
      uid: 'u',
      phase: 'Pending',
      nodeName: '',
      labels: { app: 'x' },
      spec: { containers: [{ name: 'app', image: 'i' }], nodeSelector: { a: 'b' } },
    },
    result: {
      summary: SUMMARY,
      feasible: [],
      nodes: [
        {
          name: 'n1',
          fits: false,
          reasons: ['node(s) were unschedulable'],
          filters: FILTER_ORDER.map((filter) => ({
            filter,
            outcome: filter === 'NodeUnschedulable' ? 'fail' : 'not-run',
            reasons: filter === 'NodeUnschedulable' ? ['node(s) were unschedulable'] : [],
          })),
        },
      ],
      cannotJudge: [
        { code: 'volumes', message: 'The pod mounts volumes the engine does not judge.' },
      ],
      preferences: {},
    },
    scheduler: schedulerSays
      ? {
          message: `${schedulerSays} preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.`,
          comparable: schedulerSays,
          at: '',
          count: 3,
          differs,
        }
      : null,
    warnings: ['Pods in team-b could not be listed.'],
  };
}

describe('the fit answer', () => {
  it('shows the scheduler’s message beside ours, marked the same', () => {
    const html = renderToStaticMarkup(<FitAnswerView answer={answer(SUMMARY)} />);
    expect(html).toContain(SUMMARY);
    expect(html).toContain('aria-label="Scheduler message"');
    expect(html).toContain('✓ Same as Pilothouse');
    expect(html).toContain('Said 3 times.');
    expect(html).toContain('Cannot judge: The pod mounts volumes the engine does not judge.');
    expect(html).toContain('Pods in team-b could not be listed.');
  });

  it('marks a difference in words, not colour alone', () => {
    const html = renderToStaticMarkup(
      <FitAnswerView answer={answer('0/1 nodes are available: 1 Insufficient cpu.', true)} />,
    );
    expect(html).toContain('⚠ Differs from Pilothouse');
    expect(html).toContain('fit-verdict scheduler differs');
  });

  it('has no scheduler block without a FailedScheduling message, nor in a what-if', () => {
    expect(renderToStaticMarkup(<FitAnswerView answer={answer(null)} />)).not.toContain(
      'Scheduler message',
    );
    expect(renderToStaticMarkup(<FitAnswerView answer={answer(SUMMARY)} whatIf />)).not.toContain(
      'Scheduler message',
    );
  });

  it('builds the what-if Pod from the subject, with the edited fragment', () => {
    const a = answer(null);
    const yaml = whatIfManifest(a.subject, {
      nodeSelector: {},
      tolerations: [{ key: 'k', operator: 'Exists' }],
      affinity: {},
      containers: [{ name: 'app', init: false, requests: { cpu: '1' }, limits: {} }],
    });
    expect(parse(yaml)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'team-a', labels: { app: 'x' } },
      spec: {
        containers: [{ name: 'app', image: 'i', resources: { requests: { cpu: '1' } } }],
        tolerations: [{ key: 'k', operator: 'Exists' }],
      },
    });
  });
});
