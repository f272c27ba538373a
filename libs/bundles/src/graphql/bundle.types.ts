import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { type ConsentMethod, ConsentMethodEnum, CitizenInput, type HandoffStatus, HandoffStatusEnum, REFERRAL_TOPICS, type ReferralTopic, ReferralTopicEnum, URGENCIES, type Urgency, UrgencyEnum, CONSENT_METHODS } from '@schakel/referrals';

import { enumFrom, SafeText } from '@schakel/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { BUNDLE_LIMITS, BUNDLE_MEMBER_ROLES, BUNDLE_STATUSES, type BundleMemberRole, type BundleStatus } from '../bundle.enums';
import type { BundleView, MemberView, PartView } from '../bundles.service';

export const BundleStatusEnum = enumFrom(BUNDLE_STATUSES);
export const BundleMemberRoleEnum = enumFrom(BUNDLE_MEMBER_ROLES);
registerEnumType(BundleStatusEnum, { name: 'BundleStatus', description: 'CREATING: wordt aangemaakt; OPEN; CLOSED: gesloten door de regie.' });
registerEnumType(BundleMemberRoleEnum, { name: 'BundleMemberRole', description: 'De rol van een gezinslid in de bundel.' });

@ObjectType('BundlePart', { description: 'Eén onderdeel van een bundel: een verwijzing van één gezinslid naar één organisatie.' })
export class BundlePartType {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'Volgorde in de bundel (0 = eerste).' }) position!: number;
  @Field(() => ReferralTopicEnum) topic!: ReferralTopic;
  @Field(() => UrgencyEnum) urgency!: Urgency;
  @Field(() => HandoffStatusEnum, { description: 'De status van de laatste schakel van de verwijzing.' }) status!: HandoffStatus;
  @Field({ description: 'Afgerond, teruggestuurd of ingetrokken.' }) settled!: boolean;
  @Field(() => Date, { nullable: true, description: 'Termijn van de huidige stap.' }) dueAt!: Date | null;
  @Field() overdue!: boolean;
  @Field(() => Int) escalationLevel!: number;
  @Field(() => ID, { nullable: true, description: 'Alleen als uw organisatie in de verwijzing meedoet.' }) referralId!: string | null;
  toOrganisationId!: string;
  currentOrganisationId!: string | null;

  static from(p: PartView): BundlePartType {
    return Object.assign(new BundlePartType(), {
      id: p.id,
      position: p.position,
      topic: p.topic,
      urgency: p.urgency,
      status: p.status,
      settled: ['COMPLETED', 'RETURNED', 'CANCELLED'].includes(p.status),
      dueAt: p.dueAt,
      overdue: p.overdue,
      escalationLevel: p.escalationLevel,
      referralId: p.referralVisible ? p.referralId : null,
      toOrganisationId: p.toOrganisationId,
      currentOrganisationId: p.currentOrganisationId,
    });
  }
}

@ObjectType('BundleMember', { description: 'Een gezinslid, alleen zichtbaar voor organisaties waarvoor dit gezinslid toestemming gaf (en de verwijzer).' })
export class BundleMemberType {
  @Field(() => ID) id!: string;
  @Field(() => BundleMemberRoleEnum) role!: BundleMemberRole;
  @Field(() => String, { nullable: true, description: 'Leeg als de gegevens zijn geanonimiseerd.' }) name!: string | null;
  @Field(() => [BundlePartType]) parts!: BundlePartType[];

  static from(m: MemberView): BundleMemberType {
    return Object.assign(new BundleMemberType(), { id: m.member.id, role: m.member.role, name: m.name, parts: m.parts.map(BundlePartType.from) });
  }
}

@ObjectType('Bundle', { description: 'Een bundel: meerdere verwijzingen voor één huishouden tegelijk, met één organisatie die de regie heeft.' })
export class BundleType {
  @Field(() => ID) id!: string;
  @Field(() => BundleStatusEnum) status!: BundleStatus;
  @Field(() => Int, { description: 'Voor optimistische vergrendeling: geef mee als expectedVersion.' }) version!: number;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => [BundleMemberType], { description: 'De gezinsleden die u mag zien, met hun onderdelen.' }) members!: BundleMemberType[];
  @Field({ description: 'Of u de bundel nu kunt sluiten.' }) canClose!: boolean;
  @Field(() => String, { nullable: true, description: 'Waarom u de bundel nu niet kunt sluiten.' }) closeBlockedReason!: string | null;
  originOrganisationId!: string;
  coordinatingOrganisationId!: string;

  static from(v: BundleView): BundleType {
    return Object.assign(new BundleType(), {
      id: v.bundle.id,
      status: v.bundle.status,
      version: v.bundle.version,
      createdAt: v.bundle.createdAt,
      closedAt: v.bundle.closedAt,
      members: v.members.map(BundleMemberType.from),
      canClose: v.closeBlockedReason === null,
      closeBlockedReason: v.closeBlockedReason,
      originOrganisationId: v.bundle.originOrganisationId,
      coordinatingOrganisationId: v.bundle.coordinatingOrganisationId,
    });
  }
}

// Shapes are checked here; the rules (11-test, consent per part, regie) live in BundlesService.

@InputType('BundleConsentInput')
export class BundleConsentInput {
  @Field(() => ID) @IsUUID('all', { message: 'organisationId: geen geldige id / not a valid id' }) organisationId!: string;
  @Field(() => ConsentMethodEnum) @IsIn(CONSENT_METHODS) method!: ConsentMethod;
}

@InputType('BundleMemberInput')
export class BundleMemberInput {
  @Field({ description: 'Uw eigen naam voor dit gezinslid in dit verzoek (bijv. "a"), om onderdelen eraan te koppelen.' }) @IsString() key!: string;
  @Field(() => BundleMemberRoleEnum) @IsIn(BUNDLE_MEMBER_ROLES) role!: BundleMemberRole;
  @Field(() => CitizenInput) @ValidateNested() @Type(() => CitizenInput) citizen!: CitizenInput;
  @Field(() => [BundleConsentInput], { description: 'De organisaties waarmee dit gezinslid instemt met delen.' })
  @IsArray() @ArrayMaxSize(BUNDLE_LIMITS.consentsPerMember) @ValidateNested({ each: true }) @Type(() => BundleConsentInput)
  consents!: BundleConsentInput[];
}

@InputType('BundlePartInput')
export class BundlePartInput {
  @Field() @IsString() memberKey!: string;
  @Field(() => ID) @IsUUID('all', { message: 'toOrganisationId: geen geldige id / not a valid id' }) toOrganisationId!: string;
  @Field(() => ReferralTopicEnum) @IsIn(REFERRAL_TOPICS) topic!: ReferralTopic;
  @Field() @SafeText({ max: 4000, required: true }) summary!: string;
  @Field(() => UrgencyEnum, { nullable: true }) @IsOptional() @IsIn(URGENCIES) urgency?: Urgency | null;
}

@InputType('CreateBundleInput')
export class CreateBundleInput {
  @Field(() => [BundleMemberInput]) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(BUNDLE_LIMITS.members) @ValidateNested({ each: true }) @Type(() => BundleMemberInput)
  members!: BundleMemberInput[];
  @Field(() => [BundlePartInput]) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(BUNDLE_LIMITS.parts) @ValidateNested({ each: true }) @Type(() => BundlePartInput)
  parts!: BundlePartInput[];
  @Field(() => ID, { description: 'De organisatie met de regie: uw eigen organisatie of een ontvanger van een onderdeel.' })
  @IsUUID('all', { message: 'coordinatingOrganisationId: geen geldige id / not a valid id' })
  coordinatingOrganisationId!: string;
  @Field({ description: 'Maakt opnieuw versturen veilig: dezelfde sleutel en hetzelfde verzoek geven dezelfde bundel.' })
  @SafeText({ max: BUNDLE_LIMITS.idempotencyKey, required: true })
  idempotencyKey!: string;
}

@InputType('BundleFilter')
export class BundleFilterInput {
  @Field(() => BundleStatusEnum, { nullable: true }) @IsOptional() @IsIn(BUNDLE_STATUSES) status?: BundleStatus | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) first?: number | null;
}

