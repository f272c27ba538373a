import { Injectable } from '@nestjs/common';
import { AppError, hasAnyRole, type RequestContext, TenantTransactions, textProblem } from '@schakel/platform';
import { reportQueries } from '@schakel/referrals';
import { assertMayReadStories, assertMayReviewStory, assertMayWriteStory } from './access';
import { monthOf } from './figures/calendar';
import { findPersonalData, type PersonalDataKind } from './privacy/scrubber';
import type { LearningStoryStatus, ReviewDecision } from './reporting.enums';
import { type LearningStory, textsStore } from './store/texts.store';

export interface NewLearningStory {
  bottleneckId: string;
  title: string;
  situation: string;
  action: string;
  reason: string;
  ruleNeed?: string | null;
}

const KIND_NL: Record<PersonalDataKind, string> = {
  EMAIL: 'een e-mailadres',
  IBAN: 'een rekeningnummer',
  PHONE: 'een telefoonnummer',
  BSN: 'een BSN of ander lang nummer',
  POSTCODE: 'een postcode',
  DATE: 'een datum',
  NAME: 'een naam',
};

const NOT_FOUND = { nl: 'Dit leerverhaal', en: 'This learning story' };
const LIMITS = { title: 200, situation: 2000, action: 2000, reason: 2000, ruleNeed: 2000, note: 1000 } as const;

/**
 * Leerverhalen: a behandelaar or coördinator turns the maatwerk of a handled case into a short
 * account (situation, what was done, why, what it needed from the rules). It keeps nothing that
 * identifies: no link to the case, only month, topic and category; a text with personal data is
 * refused (not silently scrubbed, so the writer sees what to change). A coördinator other than the
 * writer reviews it; only then may a report show it.
 */
@Injectable()
export class LearningStoriesService {
  constructor(private readonly tenants: TenantTransactions) {}

  async create(ctx: RequestContext, input: NewLearningStory): Promise<LearningStory> {
    assertMayWriteStory(ctx.actor);
    const texts = {
      title: required('title', input.title, LIMITS.title),
      situation: required('situation', input.situation, LIMITS.situation),
      action: required('action', input.action, LIMITS.action),
      reason: required('reason', input.reason, LIMITS.reason),
      ruleNeed: optional('ruleNeed', input.ruleNeed ?? null, LIMITS.ruleNeed),
    };
    const own = ctx.actor.organisationId;
    return this.tenants.run({ organisationId: own }, async (m) => {
      const source = await reportQueries.maatwerk(m, input.bottleneckId);
      if (!source || source.organisationId !== own) throw AppError.notFound({ nl: 'Dit knelpunt', en: 'This bottleneck' });
      if (!source.customSolutionApplied) throw AppError.badInput({ nl: 'Een leerverhaal gaat over toegepast maatwerk; bij dit knelpunt is geen maatwerk toegepast.', en: 'A learning story is about applied custom solutions; none was applied here.' }, { field: 'bottleneckId' });
      if (!source.handled) throw AppError.badInput({ nl: 'Maak pas een leerverhaal als uw organisatie de zaak heeft afgerond.', en: 'Write a learning story only after your organisation completed the case.' }, { field: 'bottleneckId' });
      assertNothingIdentifying(texts, source.citizenName ? [source.citizenName] : []);
      return textsStore.insertStory(m, {
        organisationId: own,
        authorEmployeeId: ctx.actor.employeeId,
        month: monthOf(source.createdAt),
        topic: source.topic,
        category: source.category,
        ...texts,
      });
    });
  }

  async review(ctx: RequestContext, id: string, decision: ReviewDecision, note: string | null): Promise<LearningStory> {
    assertMayReviewStory(ctx.actor);
    const reviewNote = optional('note', note, LIMITS.note);
    const reviewer = ctx.actor.employeeId;
    if (!reviewer) throw AppError.forbidden({ nl: 'Alleen een persoon beoordeelt.', en: 'Only a person reviews.' });
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => {
      const story = await textsStore.story(m, id, true);
      if (!story) throw AppError.notFound(NOT_FOUND);
      if (story.status !== 'TER_REVIEW') throw new AppError('INVALID_TRANSITION', { nl: 'Dit leerverhaal is al beoordeeld.', en: 'This learning story was reviewed already.' });
      if (story.authorEmployeeId === reviewer) throw AppError.forbidden({ nl: 'Een ander dan de schrijver beoordeelt het leerverhaal.', en: 'Someone other than the writer reviews the story.' });
      if (decision === 'APPROVE') assertNothingIdentifying({ ...story }, []);
      if (reviewNote) assertNothingIdentifying({ note: reviewNote }, []);
      return textsStore.review(m, id, { status: decision === 'APPROVE' ? 'GOEDGEKEURD' : 'AFGEWEZEN', note: reviewNote, reviewerId: reviewer });
    });
  }

  /**
   * Stories of the own organisation. Case roles (writers, reviewers) see every status; report
   * readers only approved ones, since a story is not reportable before its review.
   */
  async list(ctx: RequestContext, status: LearningStoryStatus | null): Promise<LearningStory[]> {
    assertMayReadStories(ctx.actor);
    const writer = hasAnyRole(ctx.actor, ['BEHANDELAAR', 'COORDINATOR']);
    if (!writer && status !== null && status !== 'GOEDGEKEURD') return [];
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, (m) => textsStore.stories(m, ctx.actor.organisationId, { status: writer ? status : 'GOEDGEKEURD', limit: 200 }));
  }
}

function required(field: string, value: unknown, max: number): string {
  const problem = textProblem(value, { max, required: true });
  if (problem) throw AppError.badInput({ nl: `${field}: ongeldige of te lange tekst (${problem}).`, en: `${field}: invalid or too long text (${problem}).` }, { field });
  return (value as string).trim();
}

function optional(field: string, value: unknown, max: number): string | null {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  return required(field, value, max);
}

/** Refuses a text with personal data, naming the field and the kind (never the value). */
export function assertNothingIdentifying(texts: Readonly<Record<string, unknown>>, knownNames: readonly string[]): void {
  for (const [field, value] of Object.entries(texts)) {
    if (typeof value !== 'string' || !['title', 'situation', 'action', 'reason', 'ruleNeed', 'note'].includes(field)) continue;
    const found = findPersonalData(value, knownNames);
    if (found.length > 0) {
      throw AppError.badInput(
        { nl: `${field} bevat ${found.map((k) => KIND_NL[k]).join(', ')}. Een leerverhaal mag niemand herkenbaar maken.`, en: `${field} contains personal data (${found.join(', ')}). A learning story must not identify anyone.` },
        { field, kinds: found },
      );
    }
  }
}
