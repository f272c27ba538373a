import { Field, InputType, Int } from '@nestjs/graphql';
import { SafeText } from '@schakel/platform';
import { type ReferralTopic, ReferralTopicEnum } from '@schakel/referrals';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { DOOR_REACHES, type DoorReach } from '../door.model';
import { DOOR_LIMITS } from '../door-validation';
import { DoorReachEnum } from './door.types';

// Shapes only: the rules (4-digit codes, opens before closes, phone pattern, limits) are checked in
// the service (validateDoorContent) so every path gets the same answer.

@InputType('OpeningHoursInput')
export class OpeningHoursInput {
  @Field(() => Int, { description: '1 = maandag … 7 = zondag.' })
  @IsInt()
  weekday!: number;

  @Field({ description: 'UU:MM, bijv. 09:00.' })
  @IsString()
  opens!: string;

  @Field({ description: 'UU:MM, bijv. 17:00; later dan opens.' })
  @IsString()
  closes!: string;
}

@InputType('DoorInput')
export class DoorInput {
  @Field()
  @SafeText({ max: DOOR_LIMITS.name, required: true })
  name!: string;

  @Field({ defaultValue: '' })
  @SafeText({ max: DOOR_LIMITS.description })
  description!: string;

  @Field(() => [ReferralTopicEnum])
  @IsArray()
  @ArrayMaxSize(20)
  topics!: ReferralTopic[];

  @Field({ description: 'Landelijk loket: voor inwoners van elke gemeente (dan geen gemeentecodes).' })
  @IsBoolean()
  national!: boolean;

  @Field(() => [String], { defaultValue: [], description: 'CBS-gemeentecodes (4 cijfers) waarvoor het loket werkt.' })
  @IsArray()
  @ArrayMaxSize(DOOR_LIMITS.gemeentecodes)
  @IsString({ each: true })
  gemeentecodes!: string[];

  @Field(() => DoorReachEnum)
  @IsIn(DOOR_REACHES)
  reach!: DoorReach;

  @Field(() => String, { nullable: true, description: 'De directe lijn voor professionals, bijv. 088 - 898 92 94.' })
  @IsOptional()
  @SafeText({ max: DOOR_LIMITS.phone })
  phone?: string | null;

  @Field(() => [OpeningHoursInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(DOOR_LIMITS.openingHours)
  @ValidateNested({ each: true })
  @Type(() => OpeningHoursInput)
  openingHours!: OpeningHoursInput[];

  @Field(() => [String], { defaultValue: [], description: 'Wat de verwijzer moet weten of meegeven (B1), ten hoogste 20 punten.' })
  @IsArray()
  @ArrayMaxSize(DOOR_LIMITS.checklistItems)
  @SafeText({ max: DOOR_LIMITS.checklistItem, required: true }, { each: true })
  checklist!: string[];

  @Field({ defaultValue: false })
  @IsBoolean()
  liveAllowed!: boolean;

  @Field(() => Int, { defaultValue: 5, description: 'Minuten voor een live overdracht terugvalt op een gewone (1 tot en met 60).' })
  @IsInt()
  liveTimeoutMinutes!: number;
}

@InputType('DoorFilterInput')
export class DoorFilterInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string | null;

  @Field(() => ReferralTopicEnum, { nullable: true })
  @IsOptional()
  topic?: ReferralTopic | null;

  @Field(() => String, { nullable: true, description: 'Alleen loketten die voor deze gemeente werken (of landelijk zijn).' })
  @IsOptional()
  @IsString()
  gemeentecode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Alleen de loketten van de eigen organisatie, ook de niet-actieve.' })
  @IsOptional()
  @IsBoolean()
  mine?: boolean | null;
}
