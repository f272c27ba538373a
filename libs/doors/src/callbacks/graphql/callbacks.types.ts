import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { enumFrom } from '@schakel/platform';
import { HandoffStatusEnum, type HandoffStatus, type ReferralTopic, ReferralTopicEnum } from '@schakel/referrals';
import { CALLBACK_BOOKING_STATUSES, type CallbackBookingStatus, PARTS_OF_DAY, type PartOfDay, RELEASE_CAUSES, type ReleaseCause } from '../callbacks.enums';
import type { DayEntry, SlotWithPlaces } from '../callbacks.service';
import type { CallbackLetter, LetterSection } from '../letter/callback-letter';
import { slotInWords } from '../slots';
import type { BookingRecord, CapacityRow } from '../store/callbacks.store';

export const PartOfDayEnum = enumFrom(PARTS_OF_DAY);
export const CallbackBookingStatusEnum = enumFrom(CALLBACK_BOOKING_STATUSES);
export const CallbackReleaseCauseEnum = enumFrom(RELEASE_CAUSES);
registerEnumType(PartOfDayEnum, { name: 'PartOfDay', description: 'OCHTEND: 9.00–12.00 uur; MIDDAG: 13.00–17.00 uur (Nederlandse tijd).' });
registerEnumType(CallbackBookingStatusEnum, { name: 'CallbackBookingStatus', description: 'BOOKED: de afspraak staat; RELEASED: vervallen, de plek is weer vrij.' });
registerEnumType(CallbackReleaseCauseEnum, {
  name: 'CallbackReleaseCause',
  description: 'Waarom een terugbelafspraak verviel: geannuleerd door de verwijzer, of de overdracht werd ingetrokken of teruggestuurd.',
});

@ObjectType('CallbackSlot', { description: 'Een dagdeel van een werkdag waarop een loket terugbelt, met de vrije plekken.' })
export class CallbackSlotType {
  @Field({ description: 'Datum JJJJ-MM-DD (Nederlandse tijd).' }) date!: string;
  @Field(() => Int, { description: '1 (maandag) tot en met 5 (vrijdag).' }) weekday!: number;
  @Field(() => PartOfDayEnum) partOfDay!: PartOfDay;
  @Field() start!: Date;
  @Field() end!: Date;
  @Field(() => Int) places!: number;
  @Field(() => Int) free!: number;

  static from(s: SlotWithPlaces): CallbackSlotType {
    return Object.assign(new CallbackSlotType(), { date: s.date, weekday: s.weekday, partOfDay: s.partOfDay, start: s.start, end: s.end, places: s.places, free: s.free });
  }
}

@ObjectType('CallbackSlots')
export class CallbackSlotsType {
  @Field(() => ID) doorId!: string;
  @Field() doorName!: string;
  @Field() organisationName!: string;
  @Field(() => [CallbackSlotType]) slots!: CallbackSlotType[];
}

@ObjectType('CallbackBooking', { description: 'Een terugbelafspraak die aan de balie is gemaakt. Zonder persoonsgegevens.' })
export class CallbackBookingType {
  @Field(() => ID) id!: string;
  @Field(() => ID) doorId!: string;
  @Field(() => ID) doorOrganisationId!: string;
  @Field(() => ID) handoffId!: string;
  @Field(() => ID) referralId!: string;
  @Field() slotStart!: Date;
  @Field() slotEnd!: Date;
  @Field(() => PartOfDayEnum) partOfDay!: PartOfDay;
  @Field({ description: 'Het tijdvak in woorden, bijv. "dinsdag 8 december 2026, ochtend (9.00 tot 12.00 uur)".' }) slotInWords!: string;
  @Field(() => CallbackBookingStatusEnum) status!: CallbackBookingStatus;
  @Field({ description: 'Kenmerk op het afsprakenbriefje.' }) reference!: string;
  @Field() bookedAt!: Date;
  @Field(() => Date, { nullable: true }) releasedAt!: Date | null;
  @Field(() => CallbackReleaseCauseEnum, { nullable: true }) releaseCause!: ReleaseCause | null;

  static from(b: BookingRecord): CallbackBookingType {
    return Object.assign(new CallbackBookingType(), {
      id: b.id,
      doorId: b.doorId,
      doorOrganisationId: b.doorOrganisationId,
      handoffId: b.handoffId,
      referralId: b.referralId,
      slotStart: b.slotStart,
      slotEnd: b.slotEnd,
      partOfDay: b.partOfDay,
      slotInWords: slotInWords({ start: b.slotStart, partOfDay: b.partOfDay }),
      status: b.status,
      reference: b.reference,
      bookedAt: b.bookedAt,
      releasedAt: b.releasedAt,
      releaseCause: b.releaseCause,
    });
  }
}

@ObjectType('CallbackDayEntry', { description: 'Een terugbelafspraak in het dagoverzicht van de ontvanger.' })
export class CallbackDayEntryType {
  @Field(() => CallbackBookingType) booking!: CallbackBookingType;
  @Field() doorName!: string;
  @Field(() => ReferralTopicEnum) topic!: ReferralTopic;
  @Field(() => HandoffStatusEnum) handoffStatus!: HandoffStatus;
  @Field({ description: 'Het tijdvak is voorbij en er is nog geen contact vastgelegd.' }) overdue!: boolean;

  static from(e: DayEntry): CallbackDayEntryType {
    return Object.assign(new CallbackDayEntryType(), { booking: CallbackBookingType.from(e.booking), doorName: e.doorName, topic: e.topic, handoffStatus: e.handoffStatus, overdue: e.overdue });
  }
}

@ObjectType('CallbackCapacitySlot', { description: 'Plekken per weekdag en dagdeel.' })
export class CallbackCapacitySlotType {
  @Field(() => Int) weekday!: number;
  @Field(() => PartOfDayEnum) partOfDay!: PartOfDay;
  @Field(() => Int) places!: number;

  static from(c: CapacityRow): CallbackCapacitySlotType {
    return Object.assign(new CallbackCapacitySlotType(), c);
  }
}

@ObjectType('CallbackCapacity')
export class CallbackCapacityType {
  @Field(() => ID) doorId!: string;
  @Field() doorName!: string;
  @Field(() => ID) organisationId!: string;
  @Field(() => [CallbackCapacitySlotType]) slots!: CallbackCapacitySlotType[];
}

@ObjectType('CallbackLetterSection')
export class CallbackLetterSectionType {
  @Field() heading!: string;
  @Field(() => [String]) paragraphs!: string[];
  @Field(() => [String], { description: 'Een opsomming (wat u bij de hand houdt); vaak leeg.' }) items!: string[];

  static from(s: LetterSection): CallbackLetterSectionType {
    return Object.assign(new CallbackLetterSectionType(), s);
  }
}

@ObjectType('CallbackLetter', { description: 'Het afsprakenbriefje voor de inwoner (B1): wie belt, wanneer, waarover, wat klaarleggen, wat als niemand belt. Zonder persoonsgegevens.' })
export class CallbackLetterType {
  @Field(() => ID) bookingId!: string;
  @Field() title!: string;
  @Field() reference!: string;
  @Field({ description: 'De afspraak is vervallen.' }) cancelled!: boolean;
  @Field(() => [CallbackLetterSectionType]) sections!: CallbackLetterSectionType[];

  static from(l: CallbackLetter): CallbackLetterType {
    return Object.assign(new CallbackLetterType(), { ...l, sections: l.sections.map((s) => CallbackLetterSectionType.from(s)) });
  }
}
