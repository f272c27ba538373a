import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ResponseNormType } from '@schakel/follow-ups';
import { enumFrom } from '@schakel/platform';
import { type ReferralTopic, ReferralTopicEnum } from '@schakel/referrals';
import { DOOR_REACHES, type DoorReach, type DoorSnapshot, type DoorVersionRecord, MIN_MEASURED_HANDOFFS, type OpeningHours, type ResponseStatsRecord } from '../door.model';
import { MATCH_REASONS, type MatchReason } from '../door-ranking';
import type { DoorMatchView, DoorNorm, DoorView } from '../doors.service';

export const DoorReachEnum = enumFrom<DoorReach>(DOOR_REACHES);
registerEnumType(DoorReachEnum, { name: 'DoorReach', description: 'DIRECTE_LIJN: bellen met de directe lijn voor professionals; LIVE: live overdragen in Schakel.' });
export const DoorMatchReasonEnum = enumFrom<MatchReason>(MATCH_REASONS);
registerEnumType(DoorMatchReasonEnum, { name: 'DoorMatchReason', description: 'Waarom een loket in de lijst staat: onderwerp, gemeente, landelijk loket of zoekterm.' });

@ObjectType('OpeningHours', { description: 'Een periode op een weekdag (1 = maandag … 7 = zondag), Nederlandse tijd.' })
export class OpeningHoursType {
  @Field(() => Int) weekday!: number;
  @Field() opens!: string;
  @Field() closes!: string;

  static from(h: OpeningHours): OpeningHoursType {
    return Object.assign(new OpeningHoursType(), h);
  }
}

@ObjectType('DoorNorm', { description: 'De reactienorm van het loket: uit een ondertekende actielijst, anders de standaardnorm.' })
export class DoorNormType {
  @Field(() => ReferralTopicEnum, { description: 'Het onderwerp waarvoor de norm geldt.' }) topic!: ReferralTopic;
  @Field(() => ResponseNormType) norm!: ResponseNormType;
  @Field({ description: 'Herkomst: actielijst:<id>:v<n> of de standaardnorm.' }) source!: string;
  @Field({ description: 'Waar: de norm komt uit een ondertekende afspraak.' }) fromAgreement!: boolean;

  static from(n: DoorNorm): DoorNormType {
    return Object.assign(new DoorNormType(), { topic: n.topic, norm: ResponseNormType.from(n.view), source: n.source, fromAgreement: n.fromAgreement });
  }
}

@ObjectType('DoorSpeed', { description: 'Hoe snel de organisatie de afgelopen 90 dagen overdrachten over dit onderwerp oppakte (kalenderminuten).' })
export class DoorSpeedType {
  @Field(() => ReferralTopicEnum) topic!: ReferralTopic;
  @Field(() => Int, { description: 'Aantal opgepakte overdrachten in 90 dagen.' }) acceptedCount!: number;
  @Field(() => Int, { nullable: true, description: 'Mediaan in minuten; leeg bij minder dan 5 metingen (onbekend).' }) medianMinutes!: number | null;
  @Field(() => Int, { nullable: true, description: '90e percentiel in minuten; leeg bij minder dan 5 metingen.' }) p90Minutes!: number | null;
  @Field() computedAt!: Date;

  static from(s: ResponseStatsRecord): DoorSpeedType {
    const measured = s.acceptedCount >= MIN_MEASURED_HANDOFFS;
    return Object.assign(new DoorSpeedType(), {
      topic: s.topic,
      acceptedCount: s.acceptedCount,
      medianMinutes: measured ? s.medianMinutes : null,
      p90Minutes: measured ? s.p90Minutes : null,
      computedAt: s.computedAt,
    });
  }
}

@ObjectType('Door', { description: 'Een loket op de sociale kaart: waarvoor, voor welke gemeenten, hoe bereikbaar, wat de verwijzer moet weten.' })
export class DoorType {
  @Field(() => ID) id!: string;
  @Field(() => ID) organisationId!: string;
  @Field() organisationName!: string;
  @Field() name!: string;
  @Field() description!: string;
  @Field(() => [ReferralTopicEnum]) topics!: ReferralTopic[];
  @Field({ description: 'Landelijk loket: voor inwoners van elke gemeente.' }) national!: boolean;
  @Field(() => [String]) gemeentecodes!: string[];
  @Field(() => DoorReachEnum) reach!: DoorReach;
  @Field(() => String, { nullable: true, description: 'De directe lijn voor professionals (niet in de open export).' }) phone!: string | null;
  @Field(() => [OpeningHoursType]) openingHours!: OpeningHoursType[];
  @Field(() => [String]) checklist!: string[];
  @Field() liveAllowed!: boolean;
  @Field(() => Int) liveTimeoutMinutes!: number;
  @Field() active!: boolean;
  @Field(() => Int, { description: 'Stuur deze mee als expectedVersion bij een wijziging.' }) version!: number;
  @Field() updatedAt!: Date;
  @Field(() => DoorNormType, { description: 'De norm voor het eerste onderwerp, urgentie NORMAAL.' }) norm!: DoorNormType;
  @Field(() => DoorSpeedType, { nullable: true, description: 'Gemeten snelheid voor het eerste onderwerp; leeg als er nog niets is gemeten.' }) speed!: DoorSpeedType | null;

  static from(v: DoorView): DoorType {
    const d = v.door;
    return Object.assign(new DoorType(), {
      id: d.id,
      organisationId: d.organisationId,
      organisationName: d.organisationName,
      name: d.name,
      description: d.description,
      topics: d.topics,
      national: d.national,
      gemeentecodes: d.gemeentecodes,
      reach: d.reach,
      phone: d.phone,
      openingHours: d.openingHours.map(OpeningHoursType.from),
      checklist: d.checklist,
      liveAllowed: d.liveAllowed,
      liveTimeoutMinutes: d.liveTimeoutMinutes,
      active: d.active,
      version: d.version,
      updatedAt: d.updatedAt,
      norm: DoorNormType.from(v.norm),
      speed: v.stats ? DoorSpeedType.from(v.stats) : null,
    });
  }
}

@ObjectType('DoorMatch', { description: 'Een loket voor een verwijzing, op volgorde: onderwerp en regio, dan gemeten snelheid, dan naam.' })
export class DoorMatchType {
  @Field(() => DoorType) door!: DoorType;
  @Field(() => DoorNormType, { description: 'De norm voor het onderwerp van de verwijzing.' }) norm!: DoorNormType;
  @Field(() => [String]) checklist!: string[];
  @Field(() => Int, { nullable: true, description: 'Gemeten mediaan in minuten voor dit onderwerp; leeg als onbekend (minder dan 5 metingen).' }) medianMinutes!: number | null;
  @Field(() => Int, { description: 'Opgepakte overdrachten in 90 dagen voor dit onderwerp.' }) acceptedCount!: number;
  @Field(() => [DoorMatchReasonEnum]) reasons!: MatchReason[];
  @Field({ description: 'Waarom dit loket in de lijst staat, in woorden.' }) explanation!: string;

  static from(m: DoorMatchView): DoorMatchType {
    return Object.assign(new DoorMatchType(), {
      door: DoorType.from(m.door),
      norm: DoorNormType.from(m.norm),
      checklist: m.door.door.checklist,
      medianMinutes: m.medianMinutes,
      acceptedCount: m.acceptedCount,
      reasons: m.reasons,
      explanation: m.explanation,
    });
  }
}

@ObjectType('DoorVersion', { description: 'Een opgeslagen versie van een loket: wat er stond, wie en wanneer.' })
export class DoorVersionType {
  @Field(() => ID) doorId!: string;
  @Field(() => Int) version!: number;
  @Field() changedAt!: Date;
  @Field(() => String, { nullable: true }) changedByName!: string | null;
  @Field() name!: string;
  @Field() description!: string;
  @Field(() => [ReferralTopicEnum]) topics!: ReferralTopic[];
  @Field() national!: boolean;
  @Field(() => [String]) gemeentecodes!: string[];
  @Field(() => DoorReachEnum) reach!: DoorReach;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => [OpeningHoursType]) openingHours!: OpeningHoursType[];
  @Field(() => [String]) checklist!: string[];
  @Field() liveAllowed!: boolean;
  @Field(() => Int) liveTimeoutMinutes!: number;
  @Field() active!: boolean;

  static from(v: DoorVersionRecord): DoorVersionType {
    const s: DoorSnapshot = v.snapshot;
    return Object.assign(new DoorVersionType(), {
      doorId: v.doorId,
      version: v.version,
      changedAt: v.changedAt,
      changedByName: v.changedByName,
      ...s,
      openingHours: s.openingHours.map(OpeningHoursType.from),
    });
  }
}
