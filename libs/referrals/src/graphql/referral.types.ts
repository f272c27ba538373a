import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { HandoffCount, HandoffFilter } from '../handoffs/handoffs.service';
import type { BottleneckRecord, HandoffRecord, ReferralRecord, TimelineEventRecord } from '../store/records';
import type {
  BottleneckCategory,
  ContactChannel,
  HandoffStatus,
  Outcome,
  ReferralStatus,
  ReferralTopic,
  TimelineEventType,
  Urgency,
} from '../referral.enums';
import type { CitizenView } from '../referrals/case-reader.service';
import {
  BottleneckCategoryEnum,
  ContactChannelEnum,
  HandoffStatusEnum,
  OutcomeEnum,
  ReferralStatusEnum,
  ReferralTopicEnum,
  TimelineActorKindEnum,
  TimelineEventTypeEnum,
  UrgencyEnum,
} from './enums.graphql';

type TimelineActorKind = 'PERSON' | 'SYSTEM';

// The API shapes; relations (organisations, people, chain) are resolved by field resolvers.

@ObjectType('Citizen', { description: 'De inwoner zoals de verwijzer die vastlegde. Elke lezing wordt gelogd.' })
export class CitizenType {
  @Field({ description: 'Burgerservicenummer (9 cijfers).' }) bsn!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true, description: 'Leeg voor de ontvanger wanneer doNotContact aan staat.' }) phone!: string | null;
  @Field(() => String, { nullable: true, description: 'Leeg voor de ontvanger wanneer doNotContact aan staat.' }) email!: string | null;
  @Field(() => ContactChannelEnum, { nullable: true }) preferredChannel!: ContactChannel | null;
  @Field({ description: 'Alleen contact via de verwijzer (bijv. bij huiselijk geweld).' }) doNotContact!: boolean;

  static from(c: CitizenView): CitizenType {
    return Object.assign(new CitizenType(), c);
  }
}

@ObjectType('Handoff', { description: 'Eén schakel in de keten: van de ene organisatie naar de andere.' })
export class HandoffType {
  @Field(() => ID) id!: string;
  referralId!: string;
  fromOrganisationId!: string;
  fromEmployeeId!: string | null;
  toOrganisationId!: string;
  assigneeId!: string | null;
  @Field(() => Int, { description: 'Volgnummer in de keten (1 = eerste overdracht).' }) sequence!: number;
  @Field(() => HandoffStatusEnum) status!: HandoffStatus;
  @Field(() => Int, { description: 'Voor optimistische vergrendeling: geef mee als expectedVersion.' }) version!: number;
  @Field(() => String, { nullable: true, description: 'Reden bij doorsturen, terugsturen of intrekken.' }) reason!: string | null;
  @Field(() => String, { nullable: true, description: 'Aanvullend verhaal bij doorsturen.' }) summary!: string | null;
  @Field(() => OutcomeEnum, { nullable: true }) outcome!: Outcome | null;
  @Field(() => String, { nullable: true }) outcomeNote!: string | null;
  @Field() requestedAt!: Date;
  @Field(() => Date, { nullable: true }) receivedAt!: Date | null;
  @Field(() => Date, { nullable: true }) acceptedAt!: Date | null;
  @Field(() => Date, { nullable: true }) contactedAt!: Date | null;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  @Field(() => Date, { nullable: true }) forwardedAt!: Date | null;
  @Field(() => Date, { nullable: true }) returnedAt!: Date | null;
  @Field(() => Date, { nullable: true }) cancelledAt!: Date | null;
  acceptDueAt!: Date | null;
  contactDueAt!: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'Welke norm de termijnen zette: een afspraak uit een ondertekende actielijst (actielijst:<id>:v<versie>) of de standaardnorm. Leeg tot de termijn gezet is.',
  })
  deadlineSource!: string | null;
  @Field({ description: 'Over een termijn heen en geëscaleerd.' }) overdue!: boolean;
  @Field(() => Int, { description: '0 = niet geëscaleerd; 1 bij de termijn, 2 een werkdag later, enz.' }) escalationLevel!: number;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;

  /** The deadline of the step the receiver must take now: accepting, or first contact. */
  @Field(() => Date, { nullable: true, description: 'Termijn van de huidige stap (oppakken of eerste contact), in werkdagen berekend.' })
  get dueAt(): Date | null {
    if (this.status === 'REQUESTED' || this.status === 'RECEIVED') return this.acceptDueAt;
    if (this.status === 'ACCEPTED') return this.contactDueAt;
    return null;
  }

  static from(h: HandoffRecord): HandoffType {
    return Object.assign(new HandoffType(), h);
  }
}

@ObjectType('TimelineEvent', { description: 'Een gebeurtenis op de tijdlijn van een verwijzing (alleen toevoegen).' })
export class TimelineEventGqlType {
  @Field(() => ID) id!: string;
  handoffId!: string | null;
  actorEmployeeId!: string | null;
  actorOrganisationId!: string;
  @Field(() => TimelineEventTypeEnum) type!: TimelineEventType;
  actorMachineClientId!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field() occurredAt!: Date;

  /** A system (a partner's machine client, or Schakel itself) rather than a person. */
  @Field(() => TimelineActorKindEnum, { description: 'PERSON: een medewerker; SYSTEM: een systeem (machineclient of Schakel zelf).' })
  get actorKind(): TimelineActorKind {
    return this.actorEmployeeId ? 'PERSON' : 'SYSTEM';
  }

  static from(t: TimelineEventRecord): TimelineEventGqlType {
    return Object.assign(new TimelineEventGqlType(), t);
  }
}

@ObjectType('Bottleneck', { description: 'Knelpunt: een regel of systeem dat de inwoner blokkeert.' })
export class BottleneckType {
  @Field(() => ID) id!: string;
  organisationId!: string;
  @Field(() => BottleneckCategoryEnum) category!: BottleneckCategory;
  @Field(() => String, { nullable: true, description: 'De betrokken regel, bijv. "Participatiewet art. 18".' }) rule!: string | null;
  @Field() description!: string;
  @Field({ description: 'Is maatwerk toegepast?' }) customSolutionApplied!: boolean;
  @Field(() => String, { nullable: true, description: 'Welk maatwerk en waarom.' }) customSolution!: string | null;
  @Field() createdAt!: Date;

  static from(b: BottleneckRecord): BottleneckType {
    return Object.assign(new BottleneckType(), b);
  }
}

@ObjectType('Referral', { description: 'De hulpvraag van een inwoner zoals die door de keten reist.' })
export class ReferralType {
  @Field(() => ID) id!: string;
  originOrganisationId!: string;
  originEmployeeId!: string | null;
  @Field(() => ReferralTopicEnum) topic!: ReferralTopic;
  @Field({ description: 'Het verhaal, zodat de inwoner het niet opnieuw hoeft te vertellen.' }) summary!: string;
  @Field(() => UrgencyEnum) urgency!: Urgency;
  @Field(() => ReferralStatusEnum) status!: ReferralStatus;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => Date, {
    nullable: true,
    description: 'Wanneer de verwijzing na de bewaartermijn is geanonimiseerd: de inwoner is dan leeg en vrije teksten zijn verwijderd of vervangen door "[geanonimiseerd]".',
  })
  anonymisedAt!: Date | null;

  static from(r: ReferralRecord): ReferralType {
    return Object.assign(new ReferralType(), r);
  }
}

@ObjectType('PageInfo')
export class PageInfoType {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType('HandoffEdge')
export class HandoffEdgeType {
  @Field() cursor!: string;
  @Field(() => HandoffType) node!: HandoffType;
}

@ObjectType('HandoffConnection')
export class HandoffConnectionType {
  @Field(() => [HandoffEdgeType]) edges!: HandoffEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  /** The list's filter, so `totalCount` can be counted only when asked for. */
  filter!: HandoffFilter;
  /** The count, once asked for: `totalCount` and `totalCountIsEstimate` share one query. */
  count?: Promise<HandoffCount>;
}
