import { registerEnumType } from '@nestjs/graphql';
import { enumFrom } from '@schakel/platform';
import {
  BOTTLENECK_CATEGORIES,
  CONSENT_METHODS,
  CONTACT_CHANNELS,
  HANDOFF_ACTIONS,
  HANDOFF_DIRECTIONS,
  HANDOFF_STATUSES,
  OUTCOMES,
  REFERRAL_STATUSES,
  REFERRAL_TOPICS,
  TIMELINE_EVENT_TYPES,
  URGENCIES,
} from '../referral.enums';

export const ReferralTopicEnum = enumFrom(REFERRAL_TOPICS);
export const UrgencyEnum = enumFrom(URGENCIES);
export const ReferralStatusEnum = enumFrom(REFERRAL_STATUSES);
export const HandoffStatusEnum = enumFrom(HANDOFF_STATUSES);
export const HandoffActionEnum = enumFrom(HANDOFF_ACTIONS);
export const OutcomeEnum = enumFrom(OUTCOMES);
export const ConsentMethodEnum = enumFrom(CONSENT_METHODS);
export const ContactChannelEnum = enumFrom(CONTACT_CHANNELS);
export const BottleneckCategoryEnum = enumFrom(BOTTLENECK_CATEGORIES);
export const HandoffDirectionEnum = enumFrom(HANDOFF_DIRECTIONS);
export const TimelineEventTypeEnum = enumFrom(TIMELINE_EVENT_TYPES);
export const TimelineActorKindEnum = enumFrom(['PERSON', 'SYSTEM'] as const);

registerEnumType(ReferralTopicEnum, { name: 'ReferralTopic', description: 'Onderwerp van de hulpvraag.' });
registerEnumType(UrgencyEnum, { name: 'Urgency', description: 'Urgentie: bepaalt de reactietermijn.' });
registerEnumType(ReferralStatusEnum, { name: 'ReferralStatus', description: 'Afgeleid uit de laatste overdracht.' });
registerEnumType(HandoffStatusEnum, { name: 'HandoffStatus' });
registerEnumType(HandoffActionEnum, { name: 'HandoffAction', description: 'Wat een beller met een overdracht kan doen.' });
registerEnumType(OutcomeEnum, { name: 'Outcome', description: 'Uitkomst van een afgeronde overdracht.' });
registerEnumType(ConsentMethodEnum, { name: 'ConsentMethod' });
registerEnumType(ContactChannelEnum, { name: 'ContactChannel', description: 'VIA_VERWIJZER: contact via de verwijzer (verplicht bij doNotContact).' });
registerEnumType(BottleneckCategoryEnum, { name: 'BottleneckCategory' });
registerEnumType(HandoffDirectionEnum, { name: 'HandoffDirection', description: 'INCOMING: aan uw organisatie; OUTGOING: door uw organisatie.' });
registerEnumType(TimelineEventTypeEnum, { name: 'TimelineEventType' });
registerEnumType(TimelineActorKindEnum, { name: 'TimelineActorKind' });
