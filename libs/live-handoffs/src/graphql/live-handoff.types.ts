import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { enumFrom, SafeText } from '@schakel/platform';
import { type ReferralTopic, ReferralTopicEnum, type Urgency, UrgencyEnum } from '@schakel/referrals';
import { IsOptional, IsUUID } from 'class-validator';
import { LIVE_HANDOFF_STATUSES, type LiveHandoffStatus } from '../live-handoff.enums';
import type { LiveHandoffRecord } from '../store/live-handoffs.store';

export const LiveHandoffStatusEnum = enumFrom(LIVE_HANDOFF_STATUSES);
registerEnumType(LiveHandoffStatusEnum, {
  name: 'LiveHandoffStatus',
  description: 'REQUESTED: wacht op een dienstdoende; PICKED_UP: overgenomen; FELL_BACK: niemand nam op, gewone overdracht met de ACUUT-norm; CANCELLED: ingetrokken.',
});

/** What both screens show of a live request: ids, organisations, states, times; no citizen data. */
@ObjectType('LiveHandoff', { description: 'Een live warme overdracht: de ontvangende dienstdoenden nemen het direct over, of het valt terug op de ACUUT-norm.' })
export class LiveHandoffType {
  @Field(() => ID) id!: string;
  @Field(() => ID) handoffId!: string;
  @Field(() => ID) referralId!: string;
  @Field(() => LiveHandoffStatusEnum) status!: LiveHandoffStatus;
  @Field(() => ID) fromOrganisationId!: string;
  @Field() fromOrganisationName!: string;
  @Field(() => ID) toOrganisationId!: string;
  @Field() toOrganisationName!: string;
  @Field(() => ID, { nullable: true }) doorId!: string | null;
  @Field(() => ReferralTopicEnum) topic!: ReferralTopic;
  @Field(() => UrgencyEnum) urgency!: Urgency;
  @Field() requestedAt!: Date;
  @Field({ description: 'Tot wanneer de dienstdoenden kunnen overnemen; daarna valt het terug.' }) expiresAt!: Date;
  @Field(() => Date, { nullable: true }) pickedUpAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Wie het overnam (naam van de medewerker).' }) pickedUpByName!: string | null;
  @Field(() => Date, { nullable: true }) endedAt!: Date | null;
  @Field(() => Int) version!: number;
}

export interface LiveHandoffView {
  live: LiveHandoffRecord;
  fromOrganisationName: string;
  toOrganisationName: string;
  topic: ReferralTopic;
  urgency: Urgency;
  pickedUpByName: string | null;
}

export function liveHandoffType(v: LiveHandoffView): LiveHandoffType {
  const { live } = v;
  return {
    id: live.id,
    handoffId: live.handoffId,
    referralId: live.referralId,
    status: live.status,
    fromOrganisationId: live.fromOrganisationId,
    fromOrganisationName: v.fromOrganisationName,
    toOrganisationId: live.toOrganisationId,
    toOrganisationName: v.toOrganisationName,
    doorId: live.doorId,
    topic: v.topic,
    urgency: v.urgency,
    requestedAt: live.requestedAt,
    expiresAt: live.expiresAt,
    pickedUpAt: live.pickedUpAt,
    pickedUpByName: v.pickedUpByName,
    endedAt: live.endedAt,
    version: live.version,
  };
}

/** The live event for the receiver's on-duty people: ids, organisation names, topic and urgency only. */
@ObjectType('LiveHandoffRequest', { description: 'Een nieuw live verzoek aan uw organisatie (alleen voor dienstdoenden).' })
export class LiveHandoffRequestType {
  @Field(() => ID) liveHandoffId!: string;
  @Field(() => ID) handoffId!: string;
  @Field(() => ID) referralId!: string;
  @Field() fromOrganisationName!: string;
  @Field() toOrganisationName!: string;
  @Field(() => ReferralTopicEnum) topic!: ReferralTopic;
  @Field(() => UrgencyEnum) urgency!: Urgency;
  @Field() expiresAt!: Date;
}

@ObjectType('OnDuty', { description: 'Of u dienstdoende bent voor live overdrachten.' })
export class OnDutyType {
  @Field() onDuty!: boolean;
  @Field(() => Date, { nullable: true }) since!: Date | null;
}

@InputType('RequestLiveHandoffInput')
export class RequestLiveHandoffInput {
  @Field(() => ID) @IsUUID('all', { message: 'handoffId moet een geldige id zijn' }) handoffId!: string;
  @Field(() => ID, { nullable: true, description: 'Het gekozen loket van de ontvangende organisatie, als er een is.' })
  @IsOptional()
  @IsUUID('all', { message: 'doorId moet een geldige id zijn' })
  doorId?: string | null;
  @Field({ description: 'Uniek per verzoek (bijv. een UUID van de client): hetzelfde verzoek twee keer maakt één live verzoek.' })
  @SafeText({ max: 200, required: true })
  idempotencyKey!: string;
}
