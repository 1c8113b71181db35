import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import type { FilterResult, FitResult } from '../../../shared/scheduling/types';
import { FILTER_ORDER } from '../../../shared/scheduling/types';
import {
  cellText,
  failCounts,
  failingFilters,
  matrixOf,
  orderedRows,
  preferenceTerms,
} from './fit-view';
import { PreferenceScores } from './FitMatrix';

const pass = (filter: FilterResult['filter']): FilterResult => ({
  filter,
  outcome: 'pass',
  reasons: [],
});

function result(): FitResult {
  return {
    summary: '1/3 nodes are available: 1 node(s) were unschedulable, 1 Insufficient cpu.',
    feasible: ['b'],
    nodes: [
      {
        name: 'c',
        fits: false,
        reasons: ['node(s) were unschedulable'],
        failedFilter: 'NodeUnschedulable',
        filters: FILTER_ORDER.map((f) =>
          f === 'NodeUnschedulable'
            ? { filter: f, outcome: 'fail', reasons: ['node(s) were unschedulable'] }
            : f === 'NodeResourcesFit'
              ? { filter: f, outcome: 'not-run', reasons: ['Insufficient cpu'], wouldFail: true }
              : { filter: f, outcome: 'not-run', reasons: [] },
        ),
      },
      { name: 'b', fits: true, reasons: [], filters: FILTER_ORDER.map(pass) },
      {
        name: 'a',
        fits: false,
        reasons: ['Insufficient cpu'],
        filters: FILTER_ORDER.map((f) =>
          f === 'NodeResourcesFit'
            ? { filter: f, outcome: 'fail', reasons: ['Insufficient cpu'] }
            : f === 'NodePorts'
              ? { filter: f, outcome: 'skipped', reasons: [] }
              : pass(f),
        ),
      },
    ],
    cannotJudge: [{ code: 'volumes', message: 'The pod mounts a PersistentVolumeClaim.' }],
    preferences: {
      b: [
        {
          plugin: 'TaintToleration',
          term: 'PreferNoSchedule taint dedicated=batch',
          weight: 1,
          matches: true,
          score: -1,
        },
      ],
    },
  };
}

describe('the fit matrix model', () => {
  it('has the filters in the scheduler’s order and one cell per filter per node', () => {
    const m = matrixOf(result());
    expect(m.filters).toEqual([...FILTER_ORDER]);
    expect(m.rows.map((r) => r.node)).toEqual(['c', 'b', 'a']);
    const c = m.rows[0]!;
    expect(c.cells[0]).toEqual({ verdict: 'fail', reason: 'node(s) were unschedulable' });
    const fitIndex = FILTER_ORDER.indexOf('NodeResourcesFit');
    expect(c.cells[fitIndex]).toEqual({
      verdict: 'not-run',
      reason: 'not reached; would also fail: Insufficient cpu',
    });
    expect(c.cells[1]).toEqual({ verdict: 'not-run', reason: '' });
    expect(m.rows[2]!.cells[FILTER_ORDER.indexOf('NodePorts')]).toEqual({
      verdict: 'skipped',
      reason: '',
    });
    expect(m.notes).toEqual(['The pod mounts a PersistentVolumeClaim.']);
    expect(m.summary).toBe(result().summary);
  });

  it('puts a PreFilter rejection first among the notes', () => {
    const r = result();
    r.preFilter = { plugin: 'NodeAffinity', message: 'node(s) didn’t match', unresolvable: true };
    expect(matrixOf(r).notes[0]).toMatch(/^NodeAffinity rejects the pod before any node/);
  });

  it('orders nodes that fit first, counts failures per filter, lists preference terms', () => {
    const m = matrixOf(result());
    expect(orderedRows(m.rows).map((r) => r.node)).toEqual(['b', 'a', 'c']);
    const counts = failCounts(m);
    expect(counts[FILTER_ORDER.indexOf('NodeUnschedulable')]).toBe(1);
    expect(counts[FILTER_ORDER.indexOf('NodeResourcesFit')]).toBe(1);
    expect(preferenceTerms(m.rows)).toEqual([
      'TaintToleration: PreferNoSchedule taint dedicated=batch',
    ]);
  });

  it('shows preference scores for feasible nodes only, and does not claim a pick', () => {
    const html = renderToStaticMarkup(
      createElement(PreferenceScores, { model: matrixOf(result()) }),
    );
    expect(html).toContain('aria-label="Preference scores"');
    expect(html).toContain('<td>b</td><td>-1</td>');
    expect(html).not.toContain('<td>a</td>');
    expect(html).toContain('does not say which node it will pick');
  });

  it('folds the filters no node fails, keeping cells aligned', () => {
    const m = failingFilters(matrixOf(result()));
    expect(m.filters).toEqual(['NodeUnschedulable', 'NodeResourcesFit']);
    expect(m.rows[0]!.cells.map((c) => c.verdict)).toEqual(['fail', 'not-run']);
    expect(m.rows[2]!.cells.map((c) => c.verdict)).toEqual(['pass', 'fail']);
  });

  it('shortens a cell’s reason, never its meaning', () => {
    expect(cellText('node(s) had untolerated taint {a: b}')).toBe('had untolerated taint {a: b}');
    expect(cellText('not reached; would also fail: node(s) were unschedulable')).toBe(
      'not reached; would also fail: node(s) were unschedulable',
    );
    expect(cellText('node(s) a, node(s) b')).toBe('a, b');
    expect(cellText('Insufficient cpu')).toBe('Insufficient cpu');
  });
});
