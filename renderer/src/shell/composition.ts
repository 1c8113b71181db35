/**
 * Where the features meet: the shell gathers what each feature contributes to shared
 * surfaces, so no feature imports another. Today that is the detail panel's sections;
 * rollouts, metrics and scheduling add theirs here; and the tables' provided columns
 * (metrics adds CPU and Memory).
 */
import type { DetailSection } from '../ui/detail/detail-sections';
import { resourceDetailSections } from '../resources/detail/sections';
import { rolloutDetailSections } from '../rollouts/detail/sections';
import { schedulingDetailSections } from '../scheduling/detail/sections';
import { forwardDetailSections } from '../forwards/detail/sections';
import type { ColumnProvider } from '../ui/table/column-providers';
import { metricDetailSections } from '../metrics/detail/sections';
import { metricColumnProvider } from '../metrics/columns';

export const detailSections: readonly DetailSection[] = [
  ...resourceDetailSections,
  ...rolloutDetailSections,
  ...schedulingDetailSections,
  ...forwardDetailSections,
  ...metricDetailSections,
];

export const columnProviders: readonly ColumnProvider[] = [metricColumnProvider];
