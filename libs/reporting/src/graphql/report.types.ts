import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { BottleneckCategoryEnum, ReferralTopicEnum, type BottleneckCategory, type ReferralTopic } from '@schakel/referrals';
import type { BottleneckGroup, BottleneckItem, BottleneckMonth, BottleneckReport } from '../bottleneck-report.service';
import type { ExecutionReport, ExecutionRow } from '../execution-report.service';
import { type Cell, displayCell, type Measure } from '../figures/cells';
import type { ExecutionFigures, Spread } from '../figures/execution-figures';
import type { LiveRow } from '../figures/live-figures';
import type { ProposalView } from '../proposals.service';
import type { BottleneckGrouping, LearningStoryStatus, ProposalStatus, ReportScope } from '../reporting.enums';
import type { ResolvedScope } from '../scope.service';
import type { LearningStory } from '../store/texts.store';
import { BottleneckGroupingEnum, LearningStoryStatusEnum, ProposalStatusEnum, ReportScopeEnum } from './enums.graphql';

@ObjectType('ReportCell', { description: 'Een telling. Minder dan 5 (of af te leiden uit een totaal min de rest): suppressed, value leeg, display "< 5".' })
export class ReportCellType {
  @Field(() => Int, { nullable: true }) value!: number | null;
  @Field() suppressed!: boolean;
  @Field({ description: 'Zoals de rapportage het toont: het getal of "< 5".' }) display!: string;

  static from(c: Cell): ReportCellType {
    return Object.assign(new ReportCellType(), { value: c.value, suppressed: c.suppressed, display: displayCell(c) });
  }
}

@ObjectType('ReportMeasure', { description: 'Een mediaan, percentiel of aandeel; onderdrukt als het op minder dan 5 zaken rust.' })
export class ReportMeasureType {
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field() suppressed!: boolean;
  @Field() display!: string;

  static from(m: Measure, percent = false): ReportMeasureType {
    const format = percent ? (n: number) => `${(n * 100).toLocaleString('nl-NL', { maximumFractionDigits: 1 })}%` : (n: number) => n.toLocaleString('nl-NL', { maximumFractionDigits: 1 });
    return Object.assign(new ReportMeasureType(), { value: m.value, suppressed: m.suppressed, display: displayCell(m, format) });
  }
}

@ObjectType('WorkingDaySpread', { description: 'Mediaan en 90e percentiel in hele werkdagen (of schakels, bij ketenlengte).' })
export class SpreadType {
  @Field(() => ReportMeasureType) median!: ReportMeasureType;
  @Field(() => ReportMeasureType) p90!: ReportMeasureType;
  @Field(() => ReportCellType, { description: 'Aantal zaken waarop mediaan en percentiel rusten.' }) cases!: ReportCellType;

  static from(s: Spread): SpreadType {
    return Object.assign(new SpreadType(), { median: ReportMeasureType.from(s.median), p90: ReportMeasureType.from(s.p90), cases: ReportCellType.from(s.cases) });
  }
}

@ObjectType('ExecutionFigures', { description: 'De cijfers van één rij van de staat van de uitvoering. Ontvangen overdrachten tellen voor reactietijden, normen, escalaties en uitkomsten.' })
export class ExecutionFiguresType {
  @Field(() => ReportCellType, { description: 'Verzonden overdrachten.' }) sent!: ReportCellType;
  @Field(() => ReportCellType, { description: 'Ontvangen overdrachten.' }) received!: ReportCellType;
  @Field(() => ReportCellType) accepted!: ReportCellType;
  @Field(() => ReportCellType) contacted!: ReportCellType;
  @Field(() => ReportCellType) completed!: ReportCellType;
  @Field(() => ReportCellType) helped!: ReportCellType;
  @Field(() => ReportCellType) partlyHelped!: ReportCellType;
  @Field(() => ReportCellType) notHelped!: ReportCellType;
  @Field(() => ReportCellType, { description: 'Warm doorgestuurd (verkeerde deur gevonden en hersteld).' }) forwarded!: ReportCellType;
  @Field(() => ReportCellType, { description: 'Teruggestuurd met uitleg.' }) returned!: ReportCellType;
  @Field(() => ReportCellType) cancelled!: ReportCellType;
  @Field(() => ReportCellType, { description: 'Overdrachten met minstens één escalatie.' }) escalated!: ReportCellType;
  @Field(() => ReportCellType, { description: 'Nog open.' }) open!: ReportCellType;
  @Field(() => ReportCellType, { description: 'Overdrachten waarvan de termijn voor oppakken is gemeten (gereageerd of verstreken).' }) acceptMeasured!: ReportCellType;
  @Field(() => ReportCellType, { description: 'Waarvan binnen de geldende norm (afspraak of standaard) opgepakt, doorgestuurd of teruggestuurd.' }) acceptWithinNorm!: ReportCellType;
  @Field(() => ReportMeasureType) acceptWithinNormShare!: ReportMeasureType;
  @Field(() => ReportCellType) contactMeasured!: ReportCellType;
  @Field(() => ReportCellType) contactWithinNorm!: ReportCellType;
  @Field(() => ReportMeasureType) contactWithinNormShare!: ReportMeasureType;
  @Field(() => ReportCellType, { description: 'Overdrachten met een termijn uit een ondertekende actielijst.' }) agreementNorm!: ReportCellType;
  @Field(() => ReportCellType, { description: 'Door deze organisatie gestarte verwijzingen met meer dan één schakel.' }) multiLinkChains!: ReportCellType;
  @Field(() => SpreadType, { description: 'Werkdagen van verzoek tot oppakken.' }) acceptanceDays!: SpreadType;
  @Field(() => SpreadType, { description: 'Werkdagen van verzoek tot eerste contact.' }) firstContactDays!: SpreadType;
  @Field(() => SpreadType, { description: 'Ketenlengte (schakels) van door deze organisatie gestarte verwijzingen.' }) chainLength!: SpreadType;

  static from(f: ExecutionFigures): ExecutionFiguresType {
    const t = new ExecutionFiguresType();
    for (const [k, v] of Object.entries(f.counts)) Object.assign(t, { [k]: ReportCellType.from(v) });
    t.acceptWithinNormShare = ReportMeasureType.from(f.acceptWithinNormShare, true);
    t.contactWithinNormShare = ReportMeasureType.from(f.contactWithinNormShare, true);
    t.acceptanceDays = SpreadType.from(f.acceptanceDays);
    t.firstContactDays = SpreadType.from(f.firstContactDays);
    t.chainLength = SpreadType.from(f.chainLength);
    return t;
  }
}

@ObjectType('ExecutionRow')
export class ExecutionRowType {
  @Field({ description: 'Maand (JJJJ-MM-01), onderwerp of organisatie-id.' }) key!: string;
  @Field() label!: string;
  @Field(() => ExecutionFiguresType) figures!: ExecutionFiguresType;

  static from(r: ExecutionRow): ExecutionRowType {
    return Object.assign(new ExecutionRowType(), { key: r.key, label: r.label, figures: ExecutionFiguresType.from(r.figures) });
  }
}

@ObjectType('ReportOrganisation')
export class ReportOrganisationType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
}

@ObjectType('ReportPeriod')
export class ReportPeriodType {
  @Field() from!: string;
  @Field() to!: string;
}

@ObjectType('LearningStory', { description: 'Een geanonimiseerd leerverhaal over maatwerk; zonder verwijzing naar de zaak.' })
export class LearningStoryType {
  @Field(() => ID) id!: string;
  @Field({ description: 'Maand (JJJJ-MM-01) van het knelpunt.' }) month!: string;
  @Field(() => ReferralTopicEnum) topic!: ReferralTopic;
  @Field(() => BottleneckCategoryEnum) category!: BottleneckCategory;
  @Field() title!: string;
  @Field() situation!: string;
  @Field() action!: string;
  @Field() reason!: string;
  @Field(() => String, { nullable: true }) ruleNeed!: string | null;
  @Field(() => LearningStoryStatusEnum) status!: LearningStoryStatus;
  @Field(() => String, { nullable: true }) reviewNote!: string | null;
  @Field(() => Date, { nullable: true }) reviewedAt!: Date | null;
  @Field() createdAt!: Date;
  @Field({ description: 'Heeft de vrager dit verhaal geschreven?' }) writtenByMe!: boolean;

  static from(s: LearningStory, viewerEmployeeId: string | null): LearningStoryType {
    const { authorEmployeeId, organisationId: _organisation, ...rest } = s;
    return Object.assign(new LearningStoryType(), { ...rest, writtenByMe: viewerEmployeeId !== null && authorEmployeeId === viewerEmployeeId });
  }
}

@ObjectType('ReportBottleneck', { description: 'Een knelpunt zoals de rapportage het toont: teksten zonder persoonsgegevens, zonder verwijzing naar de zaak.' })
export class ReportBottleneckType {
  @Field(() => ID, { description: 'Id in de rapportage (niet dat van het knelpunt in de zaak).' }) id!: string;
  @Field() month!: string;
  @Field(() => ID) organisationId!: string;
  @Field() organisationName!: string;
  @Field(() => BottleneckCategoryEnum) category!: BottleneckCategory;
  @Field(() => ReferralTopicEnum) topic!: ReferralTopic;
  @Field(() => String, { nullable: true }) rule!: string | null;
  @Field() description!: string;
  @Field() customSolutionApplied!: boolean;
  @Field(() => String, { nullable: true, description: 'Het maatwerk en de reden.' }) customSolution!: string | null;

  static from(b: BottleneckItem): ReportBottleneckType {
    return Object.assign(new ReportBottleneckType(), b);
  }
}

@ObjectType('SimplificationProposal', { description: 'Een voorstel op de vereenvoudigingsagenda.' })
export class SimplificationProposalType {
  @Field(() => ID) id!: string;
  @Field(() => ReportOrganisationType) author!: ReportOrganisationType;
  @Field(() => ReportOrganisationType, { description: 'De organisatie die de regel of het systeem beheert en het voorstel behandelt.' }) owner!: ReportOrganisationType;
  @Field() rule!: string;
  @Field() proposal!: string;
  @Field(() => ProposalStatusEnum) status!: ProposalStatus;
  @Field(() => String, { nullable: true }) response!: string | null;
  @Field(() => String, { nullable: true }) rejectionReason!: string | null;
  @Field(() => Int) version!: number;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => [ReportBottleneckType]) bottlenecks!: ReportBottleneckType[];
  @Field({ description: 'Mag de vrager het voorstel verder zetten (eigenaar)?' }) canRespond!: boolean;

  static from(p: ProposalView, viewerOrganisationId: string): SimplificationProposalType {
    return Object.assign(new SimplificationProposalType(), {
      id: p.id,
      author: { id: p.authorOrganisationId, name: p.authorOrganisationName },
      owner: { id: p.ownerOrganisationId, name: p.ownerOrganisationName },
      rule: p.rule,
      proposal: p.proposal,
      status: p.status,
      response: p.response,
      rejectionReason: p.rejectionReason,
      version: p.version,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      bottlenecks: p.bottlenecks.map((b) => ReportBottleneckType.from({ ...b, organisationName: p.authorOrganisationName })),
      canRespond: p.ownerOrganisationId === viewerOrganisationId && (p.status === 'INGEDIEND' || p.status === 'IN_BEHANDELING'),
    });
  }
}

function scopeFields(s: ResolvedScope): { scope: ReportScope; actionListId: string | null; organisations: ReportOrganisationType[] } {
  return { scope: s.scope, actionListId: s.actionListId, organisations: s.organisations.map((o) => Object.assign(new ReportOrganisationType(), o)) };
}

@ObjectType('LiveHandoffFigures', { description: 'Live warme overdrachten die een organisatie ontving, en hoe snel die werden overgenomen (seconden).' })
export class LiveHandoffFiguresType {
  @Field({ description: 'Organisatie-id.' }) key!: string;
  @Field() label!: string;
  @Field(() => ReportCellType, { description: 'Ontvangen live verzoeken.' }) received!: ReportCellType;
  @Field(() => ReportCellType, { description: 'Live overgenomen.' }) pickedUp!: ReportCellType;
  @Field(() => ReportCellType, { description: 'Niemand nam op: teruggevallen op de ACUUT-norm.' }) fellBack!: ReportCellType;
  @Field(() => ReportMeasureType, { description: 'Mediaan van de tijd tot overnemen, in seconden.' }) medianSecondsToPickUp!: ReportMeasureType;
  @Field(() => ReportMeasureType, { description: '90e percentiel van de tijd tot overnemen, in seconden.' }) p90SecondsToPickUp!: ReportMeasureType;

  static from(r: LiveRow): LiveHandoffFiguresType {
    return Object.assign(new LiveHandoffFiguresType(), {
      key: r.key,
      label: r.label,
      received: ReportCellType.from(r.received),
      pickedUp: ReportCellType.from(r.pickedUp),
      fellBack: ReportCellType.from(r.fellBack),
      medianSecondsToPickUp: ReportMeasureType.from(r.medianSecondsToPickUp),
      p90SecondsToPickUp: ReportMeasureType.from(r.p90SecondsToPickUp),
    });
  }
}

@ObjectType('ExecutionReport', { description: 'De staat van de uitvoering: leerverhalen eerst, dan de cijfers, dan de agenda.' })
export class ExecutionReportType {
  @Field(() => ReportScopeEnum) scope!: ReportScope;
  @Field(() => ID, { nullable: true }) actionListId!: string | null;
  @Field(() => [ReportOrganisationType]) organisations!: ReportOrganisationType[];
  @Field(() => ReportPeriodType) period!: ReportPeriodType;
  @Field(() => [LearningStoryType], { description: 'Goedgekeurde leerverhalen uit de periode.' }) stories!: LearningStoryType[];
  @Field(() => ExecutionFiguresType) totals!: ExecutionFiguresType;
  @Field(() => [ExecutionRowType]) byMonth!: ExecutionRowType[];
  @Field(() => [ExecutionRowType]) byTopic!: ExecutionRowType[];
  @Field(() => [ExecutionRowType], { description: 'Per partij (alleen bij ACTION_LIST).' }) byOrganisation!: ExecutionRowType[];
  @Field(() => [LiveHandoffFiguresType], { description: 'Live warme overdrachten per ontvangende organisatie in de rapportage: ontvangen, overgenomen, teruggevallen, tijd tot overnemen.' })
  live!: LiveHandoffFiguresType[];
  @Field(() => [SimplificationProposalType]) proposals!: SimplificationProposalType[];
  @Field(() => Date, { nullable: true, description: 'Cijfers zijn bijgewerkt tot dit moment.' }) dataUpTo!: Date | null;
  @Field() generatedAt!: Date;

  static from(r: ExecutionReport, viewerOrganisationId: string): ExecutionReportType {
    return Object.assign(new ExecutionReportType(), {
      ...scopeFields(r.scope),
      period: r.period,
      stories: r.stories.map((s) => LearningStoryType.from(s, null)),
      totals: ExecutionFiguresType.from(r.totals),
      byMonth: r.byMonth.map(ExecutionRowType.from),
      byTopic: r.byTopic.map(ExecutionRowType.from),
      byOrganisation: r.byOrganisation.map(ExecutionRowType.from),
      live: r.live.map(LiveHandoffFiguresType.from),
      proposals: r.proposals.map((p) => SimplificationProposalType.from(p, viewerOrganisationId)),
      dataUpTo: r.dataUpTo,
      generatedAt: r.generatedAt,
    });
  }
}

@ObjectType('BottleneckGroup')
export class BottleneckGroupType {
  @Field() key!: string;
  @Field() label!: string;
  @Field(() => ReportCellType) count!: ReportCellType;
  @Field(() => ReportCellType, { description: 'Waarvan met maatwerk.' }) maatwerk!: ReportCellType;
  @Field(() => [ReportBottleneckType], { description: 'De knelpunten (nieuwste eerst, hoogstens 50); leeg als de telling onderdrukt is.' }) items!: ReportBottleneckType[];

  static from(g: BottleneckGroup): BottleneckGroupType {
    return Object.assign(new BottleneckGroupType(), { key: g.key, label: g.label, count: ReportCellType.from(g.count), maatwerk: ReportCellType.from(g.maatwerk), items: g.items.map(ReportBottleneckType.from) });
  }
}

@ObjectType('BottleneckMonth')
export class BottleneckMonthType {
  @Field() month!: string;
  @Field() label!: string;
  @Field(() => ReportCellType) count!: ReportCellType;
  @Field(() => ReportCellType) maatwerk!: ReportCellType;

  static from(m: BottleneckMonth): BottleneckMonthType {
    return Object.assign(new BottleneckMonthType(), { month: m.month, label: m.label, count: ReportCellType.from(m.count), maatwerk: ReportCellType.from(m.maatwerk) });
  }
}

@ObjectType('BottleneckReport', { description: 'De knelpuntenrapportage.' })
export class BottleneckReportType {
  @Field(() => ReportScopeEnum) scope!: ReportScope;
  @Field(() => ID, { nullable: true }) actionListId!: string | null;
  @Field(() => [ReportOrganisationType]) organisations!: ReportOrganisationType[];
  @Field(() => ReportPeriodType) period!: ReportPeriodType;
  @Field(() => BottleneckGroupingEnum) groupBy!: BottleneckGrouping;
  @Field(() => [LearningStoryType]) stories!: LearningStoryType[];
  @Field(() => ReportCellType) total!: ReportCellType;
  @Field(() => ReportCellType) maatwerk!: ReportCellType;
  @Field(() => [BottleneckGroupType]) groups!: BottleneckGroupType[];
  @Field(() => [BottleneckMonthType], { description: 'Verloop per maand.' }) trend!: BottleneckMonthType[];
  @Field(() => [SimplificationProposalType]) proposals!: SimplificationProposalType[];
  @Field(() => Date, { nullable: true }) dataUpTo!: Date | null;
  @Field() generatedAt!: Date;

  static from(r: BottleneckReport, viewerOrganisationId: string): BottleneckReportType {
    return Object.assign(new BottleneckReportType(), {
      ...scopeFields(r.scope),
      period: r.period,
      groupBy: r.groupBy,
      stories: r.stories.map((s) => LearningStoryType.from(s, null)),
      total: ReportCellType.from(r.total),
      maatwerk: ReportCellType.from(r.maatwerk),
      groups: r.groups.map(BottleneckGroupType.from),
      trend: r.trend.map(BottleneckMonthType.from),
      proposals: r.proposals.map((p) => SimplificationProposalType.from(p, viewerOrganisationId)),
      dataUpTo: r.dataUpTo,
      generatedAt: r.generatedAt,
    });
  }
}
