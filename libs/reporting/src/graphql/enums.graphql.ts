import { registerEnumType } from '@nestjs/graphql';
import { enumFrom } from '@schakel/platform';
import { BOTTLENECK_GROUPINGS, LEARNING_STORY_STATUSES, PROPOSAL_STATUSES, REPORT_SCOPES, REVIEW_DECISIONS } from '../reporting.enums';

export const ReportScopeEnum = enumFrom(REPORT_SCOPES);
export const BottleneckGroupingEnum = enumFrom(BOTTLENECK_GROUPINGS);
export const LearningStoryStatusEnum = enumFrom(LEARNING_STORY_STATUSES);
export const ProposalStatusEnum = enumFrom(PROPOSAL_STATUSES);
export const ReviewDecisionEnum = enumFrom(REVIEW_DECISIONS);

registerEnumType(ReportScopeEnum, { name: 'ReportScope', description: 'ORGANISATION: uw eigen organisatie; ACTION_LIST: alle partijen van een definitieve actielijst samen.' });
registerEnumType(BottleneckGroupingEnum, { name: 'BottleneckGrouping', description: 'Waarop de knelpunten gegroepeerd worden.' });
registerEnumType(LearningStoryStatusEnum, { name: 'LearningStoryStatus', description: 'TER_REVIEW → GOEDGEKEURD (mag in een rapportage) of AFGEWEZEN.' });
registerEnumType(ProposalStatusEnum, { name: 'ProposalStatus', description: 'INGEDIEND → IN_BEHANDELING → OPGELOST of AFGEWEZEN (met reden); alleen de eigenaar zet het voorstel verder.' });
registerEnumType(ReviewDecisionEnum, { name: 'ReviewDecision' });
