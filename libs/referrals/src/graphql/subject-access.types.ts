import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { BottleneckCategory, ConsentMethod, ContactChannel, HandoffStatus, Outcome, ReferralStatus, ReferralTopic, TimelineEventType, Urgency } from '../referral.enums';
import { renderSubjectAccessDocument } from '../inzage/subject-access-document';
import type { SubjectAccessReport } from '../inzage/subject-access.service';
import {
  BottleneckCategoryEnum,
  ConsentMethodEnum,
  ContactChannelEnum,
  HandoffStatusEnum,
  OutcomeEnum,
  ReferralStatusEnum,
  ReferralTopicEnum,
  TimelineEventTypeEnum,
  UrgencyEnum,
} from './enums.graphql';

// The inzage report (AVG art. 15): flat copies of what Schakel holds, with organisation names
// instead of ids and no employees. Not the case types: nothing here resolves further.

@ObjectType('SubjectAccessCitizen', { description: 'De inwoner zoals vastgelegd bij deze verwijzing.' })
export class SubjectAccessCitizenType {
  @Field(() => String, { nullable: true, description: 'Leeg na anonimisering.' }) name!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => ContactChannelEnum, { nullable: true }) preferredChannel!: ContactChannel | null;
  @Field() doNotContact!: boolean;
  @Field({ description: 'Contactgegevens afgeschermd (doNotContact): alleen de verwijzende organisatie ziet ze.' }) contactHidden!: boolean;
}

@ObjectType('SubjectAccessHandoff')
export class SubjectAccessHandoffType {
  @Field(() => Int) sequence!: number;
  @Field({ description: 'Naam van de verzendende organisatie.' }) from!: string;
  @Field({ description: 'Naam van de ontvangende organisatie.' }) to!: string;
  @Field(() => HandoffStatusEnum) status!: HandoffStatus;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, { nullable: true }) summary!: string | null;
  @Field(() => OutcomeEnum, { nullable: true }) outcome!: Outcome | null;
  @Field(() => String, { nullable: true }) outcomeNote!: string | null;
  @Field() requestedAt!: Date;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
}

@ObjectType('SubjectAccessConsent')
export class SubjectAccessConsentType {
  @Field({ description: 'Voor welke organisatie de toestemming gold.' }) organisation!: string;
  @Field(() => ConsentMethodEnum) method!: ConsentMethod;
  @Field() recordedAt!: Date;
}

@ObjectType('SubjectAccessTimelineEvent')
export class SubjectAccessTimelineEventType {
  @Field(() => TimelineEventTypeEnum) type!: TimelineEventType;
  @Field() organisation!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field() occurredAt!: Date;
}

@ObjectType('SubjectAccessBottleneck')
export class SubjectAccessBottleneckType {
  @Field(() => BottleneckCategoryEnum) category!: BottleneckCategory;
  @Field(() => String, { nullable: true }) rule!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true }) customSolution!: string | null;
  @Field() createdAt!: Date;
}

@ObjectType('SubjectAccessReferral', { description: 'Eén verwijzing van de inwoner waarin uw organisatie meedoet.' })
export class SubjectAccessReferralType {
  @Field(() => ID) id!: string;
  @Field(() => ReferralTopicEnum) topic!: ReferralTopic;
  @Field(() => String, { nullable: true }) summary!: string | null;
  @Field(() => UrgencyEnum) urgency!: Urgency;
  @Field(() => ReferralStatusEnum) status!: ReferralStatus;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field({ description: 'Naam van de organisatie die de inwoner als eerste verwees.' }) originOrganisation!: string;
  @Field(() => SubjectAccessCitizenType) citizen!: SubjectAccessCitizenType;
  @Field(() => [SubjectAccessHandoffType]) handoffs!: SubjectAccessHandoffType[];
  @Field(() => [SubjectAccessConsentType]) consents!: SubjectAccessConsentType[];
  @Field(() => [SubjectAccessTimelineEventType]) timeline!: SubjectAccessTimelineEventType[];
  @Field(() => [SubjectAccessBottleneckType]) bottlenecks!: SubjectAccessBottleneckType[];
}

@ObjectType('SubjectAccessProcessing', { description: 'Eén regel uit het verwerkingenlogboek: wie deed wat, wanneer en waarom.' })
export class SubjectAccessProcessingType {
  @Field() occurredAt!: Date;
  @Field({ description: 'Naam van de organisatie die de gegevens verwerkte.' }) organisation!: string;
  @Field({ description: 'Soort verwerking, bijv. citizen.read, referral.create, inzage.' }) activity!: string;
  @Field({ description: 'Waarom, in gewone taal.' }) purpose!: string;
  @Field(() => ID, { nullable: true }) referralId!: string | null;
}

@ObjectType('SubjectAccessReport', { description: 'Inzage (AVG artikel 15): alles wat Schakel over één BSN bewaart in de verwijzingen waarin uw organisatie meedoet.' })
export class SubjectAccessReportType {
  @Field() generatedAt!: Date;
  @Field({ description: 'De organisatie die het overzicht maakte.' }) organisation!: string;
  @Field({ description: 'Onwaar wanneer een limiet (500 verwijzingen, 10 000 logregels) het overzicht inkortte.' }) complete!: boolean;
  @Field(() => [SubjectAccessReferralType]) referrals!: SubjectAccessReferralType[];
  @Field(() => [SubjectAccessProcessingType]) processing!: SubjectAccessProcessingType[];
  @Field({ description: 'Het overzicht als leesbaar document voor de inwoner (Markdown, in eenvoudig Nederlands, zonder BSN).' }) document!: string;

  static from(report: SubjectAccessReport): SubjectAccessReportType {
    return Object.assign(new SubjectAccessReportType(), report, { document: renderSubjectAccessDocument(report) }) as SubjectAccessReportType;
  }
}
