/**
 * Where the features meet: the shell gathers what each feature contributes to shared
 * surfaces, so no feature imports another. Today that is the detail panel's sections;
 * rollouts, metrics and scheduling add theirs here; and the tables' provided columns
 * (metrics adds CPU and Memory). The registrations are eager and small; each feature's
 * section components are a chunk of their own, listed here for the shell to prefetch.
 */
import type { DetailSection } from '../ui/detail/detail-sections';
import type { LazyModule } from '../ui/lazy';
import {
  resourceDetailSections,
  resourceSectionChunk,
  yamlChunk,
} from '../resources/detail/sections';
import { rolloutDetailSections, rolloutSectionChunk } from '../rollouts/detail/sections';
import { schedulingDetailSections, schedulingSectionChunk } from '../scheduling/detail/sections';
import { forwardDetailSections, forwardSectionChunk } from '../forwards/detail/sections';
import type { ColumnProvider } from '../ui/table/column-providers';
import { metricDetailSections, metricSectionChunk } from '../metrics/detail/sections';
import { metricColumnProvider } from '../metrics/columns';

export const detailSections: readonly DetailSection[] = [
  ...resourceDetailSections,
  ...rolloutDetailSections,
  ...schedulingDetailSections,
  ...forwardDetailSections,
  ...metricDetailSections,
];

/** The chunks of those sections' components, most used first. */
export const detailSectionChunks: readonly LazyModule<unknown>[] = [
  resourceSectionChunk,
  rolloutSectionChunk,
  yamlChunk,
  schedulingSectionChunk,
  metricSectionChunk,
  forwardSectionChunk,
];

export const columnProviders: readonly ColumnProvider[] = [metricColumnProvider];
