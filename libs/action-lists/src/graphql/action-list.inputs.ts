import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { SafeText } from '@schakel/platform';

// Shapes only; the rules (parties, topics, limits) live in ActionListsService.

@InputType('ActionItemInput')
export class ActionItemInput {
  @Field(() => String, { nullable: true, description: 'Eigen id om een actie over versies heen te volgen; leeg: de server kiest er een.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,100}$/, { message: 'id: letters, cijfers, - en _ (hoogstens 100) / letters, digits, - and _ (at most 100)' })
  id?: string | null;

  @Field()
  @SafeText({ max: 1000, required: true })
  description!: string;

  @Field(() => ID)
  @IsUUID()
  ownerOrganisationId!: string;

  @Field(() => String, { nullable: true, description: 'Einddatum JJJJ-MM-DD.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate: JJJJ-MM-DD / YYYY-MM-DD' })
  dueDate?: string | null;
}

@InputType('ActionListAgreementInput')
export class AgreementInput {
  @Field(() => ID)
  @IsUUID()
  receivingOrganisationId!: string;

  @Field(() => String, { nullable: true, description: 'Een onderwerp (ReferralTopic, bijv. WERK) of leeg voor alle onderwerpen.' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z_]{1,40}$/, { message: 'topic: een onderwerp zoals WERK / a topic such as WERK' })
  topic?: string | null;

  @Field(() => Int, { description: 'Aanvaarden binnen zoveel werkdagen.' })
  @IsInt()
  @Min(0)
  @Max(60)
  acceptWithinWorkingDays!: number;

  @Field(() => Int, { description: 'Eerste contact binnen zoveel werkdagen na aanvaarden.' })
  @IsInt()
  @Min(0)
  @Max(60)
  firstContactWithinWorkingDays!: number;
}

@InputType('ActionListDraftInput')
export class ActionListDraftInput {
  @Field()
  @SafeText({ max: 200, required: true })
  title!: string;

  @Field({ defaultValue: '' })
  @SafeText({ max: 4000 })
  description!: string;

  @Field(() => [ID], { description: 'De organisaties die moeten tekenen; de eigen organisatie hoort er altijd bij.' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  partyOrganisationIds!: string[];

  @Field(() => [ActionItemInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ActionItemInput)
  items!: ActionItemInput[];

  @Field(() => [AgreementInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AgreementInput)
  agreements!: AgreementInput[];
}
