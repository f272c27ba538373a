import type { BottleneckCategory, ReferralTopic } from '@schakel/referrals';
import type { LearningStoryStatus, ProposalStatus } from './reporting.enums';

/** Dutch words for the report's keys (the PDF and CSV; the web app has its own in ui/labels.ts). */
export const TOPIC_LABELS: Record<ReferralTopic, string> = {
  WERK: 'Werk',
  INKOMEN: 'Inkomen',
  SCHULDEN: 'Schulden',
  TOESLAGEN: 'Toeslagen',
  BELASTINGEN: 'Belastingen',
  ZORG: 'Zorg',
  WONEN: 'Wonen',
  JEUGD: 'Jeugd',
  OVERIG: 'Overig',
};

export const CATEGORY_LABELS: Record<BottleneckCategory, string> = {
  WET_EN_REGELGEVING: 'Wet- en regelgeving',
  SYSTEEM: 'Systeem',
  WERKPROCES: 'Werkproces',
  SAMENWERKING: 'Samenwerking',
  CAPACITEIT: 'Capaciteit',
  OVERIG: 'Overig',
};

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  INGEDIEND: 'Ingediend',
  IN_BEHANDELING: 'In behandeling',
  OPGELOST: 'Opgelost',
  AFGEWEZEN: 'Afgewezen',
};

export const STORY_STATUS_LABELS: Record<LearningStoryStatus, string> = {
  TER_REVIEW: 'Ter beoordeling',
  GOEDGEKEURD: 'Goedgekeurd',
  AFGEWEZEN: 'Afgewezen',
};
