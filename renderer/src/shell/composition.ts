/**
 * Where the features meet: the shell gathers what each feature contributes to shared
 * surfaces, so no feature imports another. Today that is the detail panel's sections;
 * rollouts, metrics and scheduling add theirs here.
 */
import type { DetailSection } from '../ui/detail/detail-sections';
import { resourceDetailSections } from '../resources/detail/sections';
import { rolloutDetailSections } from '../rollouts/detail/sections';
import { schedulingDetailSections } from '../scheduling/detail/sections';
import { forwardDetailSections } from '../forwards/detail/sections';

export const detailSections: readonly DetailSection[] = [
  ...resourceDetailSections,
  ...rolloutDetailSections,
  ...schedulingDetailSections,
  ...forwardDetailSections,
];
