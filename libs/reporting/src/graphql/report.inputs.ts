import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Matches, Min } from 'class-validator';
import { SafeText } from '@schakel/platform';
import { PROPOSAL_STATUSES, type ProposalStatus } from '../reporting.enums';
import { ProposalStatusEnum } from './enums.graphql';

// Shapes only; the rules live in the services.

@InputType('ReportPeriodInput', { description: 'Hele maanden, van en tot en met (JJJJ-MM), hoogstens 36 maanden.' })
export class ReportPeriodInput {
  @Field({ description: 'Eerste maand, JJJJ-MM.' })
  @Matches(/^\d{4}-\d{2}$/, { message: 'from: JJJJ-MM / YYYY-MM' })
  from!: string;

  @Field({ description: 'Laatste maand (tot en met), JJJJ-MM.' })
  @Matches(/^\d{4}-\d{2}$/, { message: 'to: JJJJ-MM / YYYY-MM' })
  to!: string;
}

@InputType('LearningStoryInput')
export class LearningStoryInput {
  @Field(() => ID, { description: 'Het knelpunt met toegepast maatwerk waar het verhaal over gaat (het verhaal onthoudt het niet).' })
  @IsUUID()
  bottleneckId!: string;

  @Field() @SafeText({ max: 200, required: true }) title!: string;
  @Field({ description: 'De situatie, zonder namen, nummers of adressen.' }) @SafeText({ max: 2000, required: true }) situation!: string;
  @Field({ description: 'Wat er is gedaan.' }) @SafeText({ max: 2000, required: true }) action!: string;
  @Field({ description: 'Waarom.' }) @SafeText({ max: 2000, required: true }) reason!: string;
  @Field(() => String, { nullable: true, description: 'Wat het vroeg van de regels of systemen.' }) @IsOptional() @SafeText({ max: 2000 }) ruleNeed?: string | null;
}

@InputType('SimplificationProposalInput')
export class SimplificationProposalInput {
  @Field(() => ID, { description: 'De organisatie die de regel of het systeem beheert.' })
  @IsUUID()
  ownerOrganisationId!: string;

  @Field({ description: 'De regel of het systeem waar het om gaat.' }) @SafeText({ max: 500, required: true }) rule!: string;
  @Field({ description: 'Het voorstel.' }) @SafeText({ max: 4000, required: true }) proposal!: string;

  @Field(() => [ID], { defaultValue: [], description: 'Knelpunten (uit de knelpuntenrapportage van uw organisatie) die het voorstel bundelt.' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  bottleneckIds!: string[];
}

@InputType('ProposalStatusInput')
export class ProposalStatusInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => ProposalStatusEnum) @IsIn(PROPOSAL_STATUSES) status!: ProposalStatus;
  @Field(() => Int) @IsInt() @Min(1) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: 'Antwoord van de eigenaar.' }) @IsOptional() @SafeText({ max: 4000 }) response?: string | null;
  @Field(() => String, { nullable: true, description: 'Verplicht bij AFGEWEZEN.' }) @IsOptional() @SafeText({ max: 2000 }) rejectionReason?: string | null;
}
