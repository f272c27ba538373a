import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, PEOPLE_ONLY, type RequestContext, RequiresScope } from '@schakel/platform';
import { CallbacksService } from '../callbacks.service';
import { BookCallbackInput, SetCallbackCapacityInput } from './callbacks.inputs';
import {
  CallbackBookingType,
  CallbackCapacitySlotType,
  CallbackCapacityType,
  CallbackDayEntryType,
  CallbackLetterType,
  CallbackSlotsType,
  CallbackSlotType,
} from './callbacks.types';

/** Callbacks booked at the desk: thin; the rules are in CallbacksService. */
@Resolver()
export class CallbacksResolver {
  constructor(private readonly callbacks: CallbacksService) {}

  @RequiresScope('handoffs:read')
  @Query(() => CallbackSlotsType, { description: 'De tijdvakken van een loket voor de komende werkdagen (standaard 10), met vrije plekken. Geen weekend, geen feestdagen.' })
  async callbackSlots(
    @Ctx() ctx: RequestContext,
    @Args('doorId', { type: () => ID }) doorId: string,
    @Args('from', { type: () => Date, nullable: true }) from?: Date | null,
    @Args('days', { type: () => Int, nullable: true }) days?: number | null,
  ): Promise<CallbackSlotsType> {
    const { door, slots } = await this.callbacks.slots(ctx, doorId, from, days);
    return Object.assign(new CallbackSlotsType(), { doorId: door.id, doorName: door.name, organisationName: door.organisationName, slots: slots.map((s) => CallbackSlotType.from(s)) });
  }

  @RequiresScope('handoffs:read')
  @Query(() => [CallbackBookingType], { description: 'De terugbelafspraken van een overdracht (ook vervallen), nieuwste eerst.' })
  async callbackBookings(@Ctx() ctx: RequestContext, @Args('handoffId', { type: () => ID }) handoffId: string): Promise<CallbackBookingType[]> {
    return (await this.callbacks.ofHandoffs(ctx, [handoffId])).map((b) => CallbackBookingType.from(b));
  }

  @RequiresScope('handoffs:read')
  @Query(() => CallbackBookingType)
  async callbackBooking(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<CallbackBookingType> {
    return CallbackBookingType.from(await this.callbacks.booking(ctx, id));
  }

  @RequiresScope('handoffs:read')
  @Query(() => [CallbackDayEntryType], { description: 'De terugbelafspraken van uw organisatie op één dag (JJJJ-MM-DD), op tijd gesorteerd.' })
  async callbackDay(@Ctx() ctx: RequestContext, @Args('date') date: string): Promise<CallbackDayEntryType[]> {
    return (await this.callbacks.day(ctx, date)).map((e) => CallbackDayEntryType.from(e));
  }

  @RequiresScope('handoffs:read')
  @Query(() => CallbackCapacityType, { description: 'De terugbelcapaciteit van een loket per weekdag en dagdeel.' })
  async callbackCapacity(@Ctx() ctx: RequestContext, @Args('doorId', { type: () => ID }) doorId: string): Promise<CallbackCapacityType> {
    const { door, capacity } = await this.callbacks.capacity(ctx, doorId);
    return Object.assign(new CallbackCapacityType(), { doorId: door.id, doorName: door.name, organisationId: door.organisationId, slots: capacity.map((c) => CallbackCapacitySlotType.from(c)) });
  }

  @RequiresScope('handoffs:read')
  @Query(() => CallbackLetterType, { description: 'Het afsprakenbriefje van een terugbelafspraak. Alleen voor deelnemers aan de verwijzing.' })
  async callbackLetter(@Ctx() ctx: RequestContext, @Args('bookingId', { type: () => ID }) bookingId: string): Promise<CallbackLetterType> {
    return CallbackLetterType.from(await this.callbacks.letter(ctx, bookingId));
  }

  @RequiresScope('handoffs:read')
  @Query(() => String, { description: 'Het afsprakenbriefje als toegankelijke PDF (PDF/UA, getagd), base64. Alleen voor deelnemers aan de verwijzing.' })
  async callbackLetterPdf(@Ctx() ctx: RequestContext, @Args('bookingId', { type: () => ID }) bookingId: string): Promise<string> {
    return (await this.callbacks.letterPdf(ctx, bookingId)).toString('base64');
  }

  @RequiresScope('handoffs:write')
  @Mutation(() => CallbackBookingType, { description: 'Maakt een terugbelafspraak voor een overdracht (verwijzer, zolang die nog niet is opgepakt). Een vol tijdvak geeft CONFLICT.' })
  async bookCallback(@Ctx() ctx: RequestContext, @Args('input') input: BookCallbackInput): Promise<CallbackBookingType> {
    return CallbackBookingType.from(await this.callbacks.book(ctx, input));
  }

  @RequiresScope('handoffs:write')
  @Mutation(() => CallbackBookingType, { description: 'Annuleert een terugbelafspraak (verwijzer); de plek komt weer vrij.' })
  async cancelCallback(@Ctx() ctx: RequestContext, @Args('bookingId', { type: () => ID }) bookingId: string, @Args('reason') reason: string): Promise<CallbackBookingType> {
    return CallbackBookingType.from(await this.callbacks.cancel(ctx, bookingId, reason));
  }

  @RequiresScope(PEOPLE_ONLY)
  @Mutation(() => [CallbackCapacitySlotType], { description: 'Stelt de terugbelcapaciteit van een loket in (coördinator van de eigen organisatie). Bestaande afspraken blijven staan.' })
  async setCallbackCapacity(@Ctx() ctx: RequestContext, @Args('input') input: SetCallbackCapacityInput): Promise<CallbackCapacitySlotType[]> {
    return (await this.callbacks.setCapacity(ctx, input.doorId, input.slots)).map((c) => CallbackCapacitySlotType.from(c));
  }
}
