/**
 * How the detail panel is composed: kinds and features contribute sections (containers
 * for pods, scale for scalable kinds, later rollout history, metrics, scheduling) and the
 * shell hands the composed list to the panel through `DetailSectionsContext`. The panel
 * renders whatever applies, in `order`; it never names a kind or imports a feature.
 */
import { createContext, useContext, type ComponentType } from 'react';
import type { PilotApi } from '../../../../shared/contract/api';
import type { AnyKind } from '../../../../shared/contract/resources';
import type { KindDef } from '../../../../shared/kube/kinds';
import type { KubeObject } from '../../../../shared/kube/object-types';
import type { Row } from '../../../../shared/resources/rows';
import type { Route } from '../../data/route';

/** The object the panel shows, and its kind's registry entry. */
export interface DetailTarget {
  context: string;
  kind: AnyKind;
  def: KindDef;
  namespace: string | undefined;
  name: string;
}

/** The panel's banners: an action's outcome. */
export interface DetailReport {
  done(notice: string): void;
  failed(message: string): void;
}

export interface DetailSectionProps {
  api: PilotApi;
  route: Route;
  target: DetailTarget;
  /** The live row, when the object is in the table; its identity changes on every update. */
  row: Row | undefined;
  /** The full object, once fetched (and its last state after it is gone). */
  object: KubeObject | undefined;
  report: DetailReport;
}

export interface SummarySectionProps extends DetailSectionProps {
  object: KubeObject;
}

interface SectionBase {
  /** Unique across all contributors: React key and a handle for tests. */
  id: string;
  /** Ascending within the slot. Built-ins use multiples of 100 so others can go between. */
  order: number;
  /** Whether the section shows for this object; absent means always. */
  applies?(target: DetailTarget, row: Row | undefined): boolean;
}

/**
 * `actions`: controls beside the Summary/YAML tabs (scale, logs, delete); `notice`: lines
 * under the banners (an event's object); `summary`: the Summary tab, once the object is
 * fetched (owners, facts, containers, conditions, events…).
 */
export type DetailSection = PanelSection | SummarySection | TabSection;
interface PanelSection extends SectionBase {
  slot: 'actions' | 'notice';
  Component: ComponentType<DetailSectionProps>;
}
interface SummarySection extends SectionBase {
  slot: 'summary';
  Component: ComponentType<SummarySectionProps>;
}

/**
 * `tab`: a tab of its own beside Summary and YAML (a feature's view of the object, such as
 * a workload's Rollout and History), shown once the object is fetched.
 */
interface TabSection extends SectionBase {
  slot: 'tab';
  /** The tab's accessible name and text. */
  label: string;
  Component: ComponentType<SummarySectionProps>;
}

export type DetailSlot = DetailSection['slot'];
type SectionOf<S extends DetailSlot> = S extends 'summary'
  ? SummarySection
  : S extends 'tab'
    ? TabSection
    : PanelSection;

export const DetailSectionsContext = createContext<readonly DetailSection[]>([]);

/** The sections of one slot that apply to this object, in order. */
export function sectionsFor<S extends DetailSlot>(
  all: readonly DetailSection[],
  slot: S,
  target: DetailTarget,
  row: Row | undefined,
): SectionOf<S>[] {
  return all
    .filter((s): s is SectionOf<S> => s.slot === slot)
    .filter((s) => !s.applies || s.applies(target, row))
    .sort((a, b) => a.order - b.order);
}

/** `sectionsFor` over the sections the shell composed. */
export function useDetailSections<S extends DetailSlot>(
  slot: S,
  target: DetailTarget,
  row: Row | undefined,
): SectionOf<S>[] {
  return sectionsFor(useContext(DetailSectionsContext), slot, target, row);
}
