/**
 * The preferred side, per feasible node and per term, raw as each Score plugin counts it
 * before normalisation, so the view can say why a node is preferred without claiming which
 * node the scheduler will pick (normalisation, the other score plugins — balanced
 * allocation, image locality, spread's ScheduleAnyway — and ties decide that):
 * - TaintToleration: each PreferNoSchedule taint; an intolerable one scores −1 (the plugin
 *   counts them and prefers fewer);
 * - NodeAffinity: each preferred term; its weight when it matches;
 * - InterPodAffinity: each of the pod's preferred (anti-)affinity terms; weight × the
 *   matching pods in the node's domain (anti-affinity negative).
 * Limits: existing pods' preferred terms towards the incoming pod (and the hard-affinity
 * weight) also move InterPodAffinity's score; they are not listed.
 */
import { affinityTermMatches, tolerationsTolerate, type WeightedAffinityTerm } from './model';
import type { PodToFit } from './pod-to-fit';
import { nodeTermMatches, requirementText, type NodeTerm } from './selectors';
import { labelValue } from './selectors';
import { resolveNamespaces } from './inter-pod-affinity';
import type { NodeEntry, Snapshot } from './snapshot';
import type { PreferenceScore } from './types';

function nodeTermText(term: NodeTerm): string {
  const parts = term.labels?.requirements?.map(requirementText) ?? [];
  for (const [value, equal] of term.fields ?? [])
    parts.push(`metadata.name ${equal ? 'In' : 'NotIn'} [${value}]`);
  return parts.join(', ');
}

function podTermText(kind: string, t: WeightedAffinityTerm): string {
  const selector =
    t.selector.requirements === null
      ? '<none>'
      : t.selector.requirements.map(requirementText).join(', ') || '<all>';
  return `${kind} ${selector} by ${t.topologyKey}`;
}

interface PodTermCounts {
  term: WeightedAffinityTerm;
  anti: boolean;
  text: string;
  byValue: Map<string, number>;
}

export interface PreferenceState {
  podTerms: PodTermCounts[];
}

export function preferenceState(pod: PodToFit, snapshot: Snapshot): PreferenceState {
  const podTerms: PodTermCounts[] = [];
  const add = (terms: WeightedAffinityTerm[], anti: boolean) => {
    for (const raw of terms) {
      if (raw.weight === 0) continue;
      const term = { ...resolveNamespaces(raw, snapshot), weight: raw.weight };
      podTerms.push({
        term,
        anti,
        text: podTermText(anti ? 'anti-affinity' : 'affinity', term),
        byValue: new Map(),
      });
    }
  };
  add(pod.affinity.preferred, false);
  add(pod.affinity.preferredAnti, true);
  if (podTerms.length > 0)
    for (const node of snapshot.nodes)
      for (const existing of node.pods)
        for (const t of podTerms) {
          const value = labelValue(node.labels, t.term.topologyKey);
          if (value === undefined) continue;
          if (affinityTermMatches(t.term, existing.namespace, existing.labels, undefined))
            t.byValue.set(value, (t.byValue.get(value) ?? 0) + 1);
        }
  return { podTerms };
}

export function preferencesFor(
  pod: PodToFit,
  state: PreferenceState,
  node: NodeEntry,
): PreferenceScore[] {
  const out: PreferenceScore[] = [];
  const preferNoScheduleTolerations = pod.tolerations.filter(
    (t) => t.effect === '' || t.effect === 'PreferNoSchedule',
  );
  for (const taint of node.taints) {
    if (taint.effect !== 'PreferNoSchedule') continue;
    const intolerable = !tolerationsTolerate(preferNoScheduleTolerations, taint);
    out.push({
      plugin: 'TaintToleration',
      term: `PreferNoSchedule taint ${taint.key}${taint.value === '' ? '' : `=${taint.value}`}`,
      weight: 1,
      matches: intolerable,
      score: intolerable ? -1 : 0,
    });
  }
  for (const p of pod.preferredNodeTerms) {
    const matches = nodeTermMatches(p.term, node.name, node.labels);
    out.push({
      plugin: 'NodeAffinity',
      term: nodeTermText(p.term),
      weight: p.weight,
      matches,
      score: matches ? p.weight : 0,
    });
  }
  for (const t of state.podTerms) {
    const value = labelValue(node.labels, t.term.topologyKey);
    const n = value === undefined ? 0 : (t.byValue.get(value) ?? 0);
    out.push({
      plugin: 'InterPodAffinity',
      term: t.text,
      weight: t.term.weight,
      matches: n > 0,
      score: n === 0 ? 0 : (t.anti ? -1 : 1) * t.term.weight * n,
    });
  }
  return out;
}
