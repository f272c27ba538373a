import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { SafeText } from '@schakel/platform';
import { TEXT_LIMITS } from '../limits';
import {
  BOTTLENECK_CATEGORIES,
  type BottleneckCategory,
  CONSENT_METHODS,
  type ConsentMethod,
  CONTACT_CHANNELS,
  type ContactChannel,
  OUTCOMES,
  type Outcome,
  REFERRAL_TOPICS,
  type ReferralTopic,
  URGENCIES,
  type Urgency,
} from '../referral.enums';
import { BottleneckCategoryEnum, ConsentMethodEnum, ContactChannelEnum, OutcomeEnum, ReferralTopicEnum, UrgencyEnum } from './enums.graphql';

// Shapes are checked here; the rules (11-test, consent, receiver) live in the services.

@InputType('CitizenInput')
export class CitizenInput {
  @Field({ description: 'BSN, 9 cijfers (8 cijfers krijgt een voorloopnul). Nooit in een URL.' })
  @IsString()
  bsn!: string;

  @Field()
  @SafeText({ max: TEXT_LIMITS.citizenName, required: true })
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[+0-9 ()-]{6,40}$/, { message: 'phone: alleen cijfers, spaties, +, -, ( en ) / digits, spaces, +, -, ( and ) only' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email: geen geldig e-mailadres / not a valid e-mail address' })
  @SafeText({ max: TEXT_LIMITS.email })
  email?: string | null;

  @Field(() => ContactChannelEnum, { nullable: true })
  @IsOptional()
  @IsIn(CONTACT_CHANNELS)
  preferredChannel?: ContactChannel | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  doNotContact?: boolean | null;
}

@InputType('ConsentInput')
export class ConsentInput {
  @Field({ description: 'Heeft de inwoner ingestemd met delen met de ontvanger?' })
  @IsBoolean()
  given!: boolean;

  @Field(() => ConsentMethodEnum)
  @IsIn(CONSENT_METHODS)
  method!: ConsentMethod;

  @Field(() => ID, { nullable: true, description: 'De organisatie waarvoor de toestemming geldt; standaard de ontvanger.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;
}

@InputType('BottleneckInput')
export class BottleneckInput {
  @Field(() => BottleneckCategoryEnum)
  @IsIn(BOTTLENECK_CATEGORIES)
  category!: BottleneckCategory;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @SafeText({ max: TEXT_LIMITS.bottleneckRule })
  rule?: string | null;

  @Field()
  @SafeText({ max: TEXT_LIMITS.bottleneckDescription, required: true })
  description!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  customSolutionApplied?: boolean | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @SafeText({ max: TEXT_LIMITS.customSolution })
  customSolution?: string | null;
}

@InputType('CreateReferralInput')
export class CreateReferralInput {
  @Field(() => CitizenInput)
  @ValidateNested()
  @Type(() => CitizenInput)
  citizen!: CitizenInput;

  @Field(() => ID)
  @IsUUID('all', { message: 'toOrganisationId: geen geldige id / not a valid id' })
  toOrganisationId!: string;

  @Field(() => ReferralTopicEnum)
  @IsIn(REFERRAL_TOPICS)
  topic!: ReferralTopic;

  @Field({ description: 'Het verhaal (1–4000 tekens).' })
  @SafeText({ max: TEXT_LIMITS.summary, required: true })
  summary!: string;

  @Field(() => UrgencyEnum, { nullable: true, defaultValue: 'NORMAAL' })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency | null;

  @Field(() => ConsentInput)
  @ValidateNested()
  @Type(() => ConsentInput)
  consent!: ConsentInput;

  @Field(() => BottleneckInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => BottleneckInput)
  bottleneck?: BottleneckInput | null;

  @Field(() => String, { nullable: true, description: 'Dezelfde sleutel geeft bij herhaling de eerste verwijzing terug.' })
  @IsOptional()
  @SafeText({ min: 1, max: TEXT_LIMITS.idempotencyKey })
  idempotencyKey?: string | null;
}

@InputType('VersionInput')
export class VersionInput {
  @Field(() => Int, { description: 'De versie die u het laatst zag; anders CONFLICT.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}

@InputType('AcceptHandoffInput')
export class AcceptHandoffInput extends VersionInput {
  @Field(() => ID, { nullable: true, description: 'Toewijzen aan een ander vraagt de rol COORDINATOR.' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;
}

@InputType('RecordContactInput')
export class RecordContactInput extends VersionInput {
  // The timeline note gets the channel ("[TELEFOON] ") in front: the limit leaves room for the longest.
  @Field()
  @SafeText({ max: TEXT_LIMITS.contactNote, required: true })
  note!: string;

  @Field(() => ContactChannelEnum)
  @IsIn(CONTACT_CHANNELS)
  channel!: ContactChannel;
}

@InputType('CompleteHandoffInput')
export class CompleteHandoffInput extends VersionInput {
  @Field(() => OutcomeEnum)
  @IsIn(OUTCOMES)
  outcome!: Outcome;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @SafeText({ max: TEXT_LIMITS.outcomeNote })
  note?: string | null;
}

@InputType('ForwardHandoffInput')
export class ForwardHandoffInput extends VersionInput {
  @Field(() => ID)
  @IsUUID()
  toOrganisationId!: string;

  @Field({ description: 'Waarom deze organisatie de inwoner verder helpt.' })
  @SafeText({ max: TEXT_LIMITS.reason, required: true })
  reason!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @SafeText({ max: TEXT_LIMITS.forwardSummary })
  summary?: string | null;

  @Field(() => ConsentInput, { description: 'Nieuwe toestemming, voor de nieuwe ontvanger.' })
  @ValidateNested()
  @Type(() => ConsentInput)
  consent!: ConsentInput;
}

@InputType('ReasonInput')
export class ReasonInput extends VersionInput {
  @Field()
  @SafeText({ max: TEXT_LIMITS.reason, required: true })
  reason!: string;
}
