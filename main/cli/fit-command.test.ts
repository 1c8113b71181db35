import { describe, expect, it } from 'vitest';
import type { FitAnswer } from '../../shared/contract/scheduling';
import { FILTER_ORDER } from '../../shared/scheduling/types';
import { fitJson, FitInputError, formatFitText, parseTarget } from './fit-command';

const answer = (nodeName: string, reason: string): FitAnswer => ({
  subject: {
    kind: 'pods',
    namespace: 'ns',
    name: 'p',
    uid: 'u',
    phase: 'Pending',
    nodeName: '',
    labels: {},
    spec: { containers: [] },
  },
  result: {
    summary: `0/1 nodes are available: 1 ${reason}.`,
    feasible: [],
    nodes: [
      {
        name: nodeName,
        fits: false,
        reasons: [reason],
        failedFilter: 'NodeResourcesFit',
        filters: FILTER_ORDER.map((filter) => ({
          filter,
          outcome: filter === 'NodeResourcesFit' ? ('fail' as const) : ('pass' as const),
          reasons: filter === 'NodeResourcesFit' ? [reason] : [],
        })),
      },
    ],
    cannotJudge: [],
    preferences: {},
  },
  scheduler: null,
  warnings: [],
});

describe('pilothouse fit', () => {
  it('reads kubectl-style targets and refuses others as bad input', () => {
    expect(parseTarget('pod/web-0')).toEqual({ kind: 'pods', name: 'web-0' });
    expect(parseTarget('deploy/api')).toEqual({ kind: 'deployments', name: 'api' });
    expect(parseTarget('sts/db')).toEqual({ kind: 'statefulsets', name: 'db' });
    expect(parseTarget('ds/agent')).toEqual({ kind: 'daemonsets', name: 'agent' });
    expect(parseTarget('job/migrate')).toEqual({ kind: 'jobs', name: 'migrate' });
    for (const bad of ['svc/web', 'web', 'pod/', 'pod/UPPER', 'pod/a/b'])
      expect(() => parseTarget(bad), bad).toThrow(FitInputError);
  });

  it('prints the matrix, the reasons and the summary; cluster text cannot drive the terminal', () => {
    const text = formatFitText(answer('evil\u001b]52;c;x\u0007', 'Insufficient cpu'));
    expect(text).not.toContain('\u001b');
    expect(text).toContain('evil\\x1b]52;c;x\\x07');
    expect(text.split('\n')[0]).toMatch(/^NODE\s+FITS\s+NodeUnschedulable/);
    expect(text).toContain('FAIL');
    expect(text).toContain('0/1 nodes are available: 1 Insufficient cpu.');
  });

  it('-o json carries summary, feasible and nodes (name, fits, reasons), not the spec', () => {
    const out = JSON.parse(fitJson(answer('n1', 'Insufficient cpu'))) as Record<string, unknown>;
    expect(out).toMatchObject({
      summary: '0/1 nodes are available: 1 Insufficient cpu.',
      feasible: [],
      nodes: [{ name: 'n1', fits: false, reasons: ['Insufficient cpu'] }],
    });
    expect((out['subject'] as Record<string, unknown>)['spec']).toBeUndefined();
  });
});
