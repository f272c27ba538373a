import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDate, IsIn, IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { SafeText } from '@schakel/platform';
import { MAX_PLACES, PARTS_OF_DAY, type PartOfDay } from '../callbacks.enums';
import { PartOfDayEnum } from './callbacks.types';

// Shapes only; the rules (slots, capacity, roles, states) live in CallbacksService.

@InputType('BookCallbackInput')
export class BookCallbackInput {
  @Field(() => ID) @IsUUID() handoffId!: string;
  @Field(() => ID) @IsUUID() doorId!: string;
  @Field({ description: 'Begin van het tijdvak, zoals callbackSlots het geeft.' }) @Type(() => Date) @IsDate() slotStart!: Date;
  @Field({ description: 'Zelfde sleutel bij een nieuwe poging: dezelfde afspraak, niet twee.' }) @SafeText({ max: 200, required: true }) idempotencyKey!: string;
}

@InputType('CallbackCapacitySlotInput')
export class CallbackCapacitySlotInput {
  @Field(() => Int) @IsInt() @Min(1) @Max(5) weekday!: number;
  @Field(() => PartOfDayEnum) @IsIn(PARTS_OF_DAY) partOfDay!: PartOfDay;
  @Field(() => Int) @IsInt() @Min(0) @Max(MAX_PLACES) places!: number;
}

@InputType('SetCallbackCapacityInput')
export class SetCallbackCapacityInput {
  @Field(() => ID) @IsUUID() doorId!: string;
  @Field(() => [CallbackCapacitySlotInput])
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CallbackCapacitySlotInput)
  slots!: CallbackCapacitySlotInput[];
}
