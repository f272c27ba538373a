import { registerEnumType } from '@nestjs/graphql';
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

const asEnum = <T extends string>(values: readonly T[]): Record<T, T> =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const ReferralTopicEnum = asEnum(REFERRAL_TOPICS);
export const UrgencyEnum = asEnum(URGENCIES);
export const ReferralStatusEnum = asEnum(REFERRAL_STATUSES);
export const HandoffStatusEnum = asEnum(HANDOFF_STATUSES);
export const HandoffActionEnum = asEnum(HANDOFF_ACTIONS);
export const OutcomeEnum = asEnum(OUTCOMES);
export const ConsentMethodEnum = asEnum(CONSENT_METHODS);
export const ContactChannelEnum = asEnum(CONTACT_CHANNELS);
export const BottleneckCategoryEnum = asEnum(BOTTLENECK_CATEGORIES);
export const HandoffDirectionEnum = asEnum(HANDOFF_DIRECTIONS);
export const TimelineEventTypeEnum = asEnum(TIMELINE_EVENT_TYPES);
export const TimelineActorKindEnum = asEnum(['PERSON', 'SYSTEM'] as const);

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
