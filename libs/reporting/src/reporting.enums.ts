/** Enums of the reporting lib, the same lists as the database enums. */
export const LEARNING_STORY_STATUSES = ['TER_REVIEW', 'GOEDGEKEURD', 'AFGEWEZEN'] as const;
export type LearningStoryStatus = (typeof LEARNING_STORY_STATUSES)[number];

export const PROPOSAL_STATUSES = ['INGEDIEND', 'IN_BEHANDELING', 'OPGELOST', 'AFGEWEZEN'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** ingediend → in behandeling → opgelost | afgewezen (with a reason); only the owner organisation moves it. */
export const PROPOSAL_TRANSITIONS: Readonly<Record<ProposalStatus, readonly ProposalStatus[]>> = {
  INGEDIEND: ['IN_BEHANDELING'],
  IN_BEHANDELING: ['OPGELOST', 'AFGEWEZEN'],
  OPGELOST: [],
  AFGEWEZEN: [],
};

export const REPORT_SCOPES = ['ORGANISATION', 'ACTION_LIST'] as const;
export type ReportScope = (typeof REPORT_SCOPES)[number];

export const BOTTLENECK_GROUPINGS = ['CATEGORY', 'RULE', 'ORGANISATION', 'TOPIC'] as const;
export type BottleneckGrouping = (typeof BOTTLENECK_GROUPINGS)[number];

export const REVIEW_DECISIONS = ['APPROVE', 'REJECT'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
