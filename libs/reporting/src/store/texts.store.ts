import { BOTTLENECK_CATEGORIES, REFERRAL_TOPICS, type BottleneckCategory, type ReferralTopic } from '@schakel/referrals';
import { queryReturning } from '@schakel/platform';
import type { EntityManager } from 'typeorm';
import { type BottleneckGrouping, LEARNING_STORY_STATUSES, PROPOSAL_STATUSES, type LearningStoryStatus, type ProposalStatus } from '../reporting.enums';
import { fields, rows, type Row } from './row';

/**
 * Statements on the reporting lib's text tables: the scrubbed copy of the knelpunten, the
 * leerverhalen and the vereenvoudigingsagenda. Every text in them passed the scrubber first.
 */
export interface ReportBottleneck {
  id: string;
  organisationId: string;
  month: string;
  category: BottleneckCategory;
  topic: ReferralTopic;
  rule: string | null;
  description: string;
  customSolutionApplied: boolean;
  customSolution: string | null;
}

export type NewReportBottleneck = Omit<ReportBottleneck, 'id' | 'organisationId'>;

export interface BottleneckCount {
  key: string;
  /** For RULE: the rule as written (one of them, when spelled differently). */
  ruleLabel: string | null;
  month: string;
  maatwerk: boolean;
  n: number;
}

/** The group key of a knelpunt in SQL, from a fixed list (never from input). RULE: trimmed, lower case, single spaces. */
const GROUP_KEY: Record<BottleneckGrouping, string> = {
  CATEGORY: 'category::text',
  TOPIC: 'topic::text',
  ORGANISATION: 'organisation_id::text',
  RULE: `lower(btrim(regexp_replace(coalesce(rule, ''), '\\s+', ' ', 'g')))`,
};

export interface LearningStory {
  id: string;
  organisationId: string;
  authorEmployeeId: string | null;
  month: string;
  topic: ReferralTopic;
  category: BottleneckCategory;
  title: string;
  situation: string;
  action: string;
  reason: string;
  ruleNeed: string | null;
  status: LearningStoryStatus;
  reviewNote: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
}

export interface Proposal {
  id: string;
  authorOrganisationId: string;
  ownerOrganisationId: string;
  rule: string;
  proposal: string;
  status: ProposalStatus;
  response: string | null;
  rejectionReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  bottleneckIds: string[];
}

function parseBottleneck(row: Row): ReportBottleneck {
  const f = fields('report_bottlenecks', row);
  return {
    id: f.text('id'),
    organisationId: f.text('organisation_id'),
    month: f.text('month'),
    category: f.oneOf('category', BOTTLENECK_CATEGORIES),
    topic: f.oneOf('topic', REFERRAL_TOPICS),
    rule: f.nullableText('rule'),
    description: f.text('description'),
    customSolutionApplied: f.bool('custom_solution_applied'),
    customSolution: f.nullableText('custom_solution'),
  };
}

function parseStory(row: Row): LearningStory {
  const f = fields('learning_stories', row);
  return {
    id: f.text('id'),
    organisationId: f.text('organisation_id'),
    authorEmployeeId: f.nullableText('author_employee_id'),
    month: f.text('month'),
    topic: f.oneOf('topic', REFERRAL_TOPICS),
    category: f.oneOf('category', BOTTLENECK_CATEGORIES),
    title: f.text('title'),
    situation: f.text('situation'),
    action: f.text('action'),
    reason: f.text('reason'),
    ruleNeed: f.nullableText('rule_need'),
    status: f.oneOf('status', LEARNING_STORY_STATUSES),
    reviewNote: f.nullableText('review_note'),
    reviewedAt: f.nullableDate('reviewed_at'),
    createdAt: f.date('created_at'),
  };
}

function parseProposal(row: Row): Proposal {
  const f = fields('simplification_proposals', row);
  const ids = row.bottleneck_ids;
  return {
    id: f.text('id'),
    authorOrganisationId: f.text('author_organisation_id'),
    ownerOrganisationId: f.text('owner_organisation_id'),
    rule: f.text('rule'),
    proposal: f.text('proposal'),
    status: f.oneOf('status', PROPOSAL_STATUSES),
    response: f.nullableText('response'),
    rejectionReason: f.nullableText('rejection_reason'),
    version: f.int('version'),
    createdAt: f.date('created_at'),
    updatedAt: f.date('updated_at'),
    bottleneckIds: Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [],
  };
}

const STORY_COLUMNS = `id, organisation_id, author_employee_id, month::text AS month, topic, category, title, situation, action, reason, rule_need, status, review_note, reviewed_at, created_at`;
const PROPOSAL_COLUMNS = `p.id, p.author_organisation_id, p.owner_organisation_id, p.rule, p.proposal, p.status, p.response, p.rejection_reason, p.version, p.created_at, p.updated_at,
  ARRAY(SELECT pb.report_bottleneck_id::text FROM proposal_bottlenecks pb WHERE pb.proposal_id = p.id ORDER BY 1) AS bottleneck_ids`;

export const textsStore = {
  async insertBottlenecks(m: EntityManager, organisationId: string, items: readonly NewReportBottleneck[]): Promise<void> {
    if (items.length === 0) return;
    await m.query(
      `INSERT INTO report_bottlenecks (organisation_id, month, category, topic, rule, description, custom_solution_applied, custom_solution)
       SELECT $1, month, category, topic, rule, description, "customSolutionApplied", "customSolution"
         FROM jsonb_to_recordset($2::jsonb) AS x(month date, category bottleneck_category, topic referral_topic, rule text, description text,
                                                 "customSolutionApplied" boolean, "customSolution" text)`,
      [organisationId, JSON.stringify(items)],
    );
  },

  /** Which of these source knelpunten were copied already. */
  async copied(m: EntityManager, sourceIds: readonly string[]): Promise<Set<string>> {
    if (sourceIds.length === 0) return new Set();
    const found = rows(await m.query(`SELECT bottleneck_id::text AS id FROM report_copied_bottlenecks WHERE bottleneck_id = ANY($1::uuid[])`, [sourceIds]));
    return new Set(found.map((r) => fields('report_copied_bottlenecks', r).text('id')));
  },

  async markCopied(m: EntityManager, organisationId: string, sourceIds: readonly string[]): Promise<void> {
    if (sourceIds.length === 0) return;
    await m.query(`INSERT INTO report_copied_bottlenecks (bottleneck_id, organisation_id) SELECT unnest($2::uuid[]), $1 ON CONFLICT DO NOTHING`, [organisationId, sourceIds]);
  },

  async bottlenecks(m: EntityManager, organisationId: string, first: string, last: string): Promise<ReportBottleneck[]> {
    return rows(
      await m.query(
        `SELECT id, organisation_id, month::text AS month, category, topic, rule, description, custom_solution_applied, custom_solution
           FROM report_bottlenecks WHERE organisation_id = $1 AND month BETWEEN $2 AND $3 ORDER BY month, category, id`,
        [organisationId, first, last],
      ),
    ).map(parseBottleneck);
  },

  /** Knelpunten counted per group key, month and maatwerk, in SQL (a year of a large organisation is thousands of rows). */
  async bottleneckCounts(m: EntityManager, organisationId: string, first: string, last: string, groupBy: BottleneckGrouping): Promise<BottleneckCount[]> {
    return rows(
      await m.query(
        `SELECT ${GROUP_KEY[groupBy]} AS key, min(btrim(regexp_replace(rule, '\\s+', ' ', 'g'))) AS label, month::text AS month, custom_solution_applied AS maatwerk, count(*)::int AS n
           FROM report_bottlenecks WHERE organisation_id = $1 AND month BETWEEN $2 AND $3
          GROUP BY 1, month, custom_solution_applied`,
        [organisationId, first, last],
      ),
    ).map((row) => {
      const f = fields('report_bottlenecks', row);
      return { key: f.text('key'), ruleLabel: f.nullableText('label'), month: f.text('month'), maatwerk: f.bool('maatwerk'), n: f.int('n') };
    });
  },

  /** The newest `perGroup` knelpunten of every group. */
  async bottleneckItems(m: EntityManager, organisationId: string, first: string, last: string, groupBy: BottleneckGrouping, perGroup: number): Promise<Array<ReportBottleneck & { key: string }>> {
    return rows(
      await m.query(
        `SELECT * FROM (
           SELECT id, organisation_id, month::text AS month, category, topic, rule, description, custom_solution_applied, custom_solution,
                  ${GROUP_KEY[groupBy]} AS key, row_number() OVER (PARTITION BY ${GROUP_KEY[groupBy]} ORDER BY month DESC, id) AS rank
             FROM report_bottlenecks WHERE organisation_id = $1 AND month BETWEEN $2 AND $3) ranked
          WHERE rank <= $4`,
        [organisationId, first, last, perGroup],
      ),
    ).map((row) => ({ ...parseBottleneck(row), key: fields('report_bottlenecks', row).text('key') }));
  },

  async bottlenecksByIds(m: EntityManager, ids: readonly string[]): Promise<ReportBottleneck[]> {
    if (ids.length === 0) return [];
    return rows(
      await m.query(
        `SELECT id, organisation_id, month::text AS month, category, topic, rule, description, custom_solution_applied, custom_solution
           FROM report_bottlenecks WHERE id = ANY($1::uuid[]) ORDER BY month, id`,
        [ids],
      ),
    ).map(parseBottleneck);
  },

  async insertStory(m: EntityManager, s: Omit<LearningStory, 'id' | 'status' | 'reviewNote' | 'reviewedAt' | 'createdAt'>): Promise<LearningStory> {
    return rows(
      await m.query(
        `INSERT INTO learning_stories (organisation_id, author_employee_id, month, topic, category, title, situation, action, reason, rule_need)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${STORY_COLUMNS}`,
        [s.organisationId, s.authorEmployeeId, s.month, s.topic, s.category, s.title, s.situation, s.action, s.reason, s.ruleNeed],
      ),
    ).map(parseStory)[0];
  },

  async story(m: EntityManager, id: string, lock = false): Promise<LearningStory | undefined> {
    return rows(await m.query(`SELECT ${STORY_COLUMNS} FROM learning_stories WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).map(parseStory)[0];
  },

  async review(m: EntityManager, id: string, r: { status: 'GOEDGEKEURD' | 'AFGEWEZEN'; note: string | null; reviewerId: string }): Promise<LearningStory> {
    return rows(
      await queryReturning(
        m,
        `UPDATE learning_stories SET status = $2, review_note = $3, reviewed_by_employee_id = $4, reviewed_at = now()
          WHERE id = $1 AND status = 'TER_REVIEW' RETURNING ${STORY_COLUMNS}`,
        [id, r.status, r.note, r.reviewerId],
      ),
    ).map(parseStory)[0];
  },

  /** Stories of the tenant's organisation, newest first; `months` limits to a period. */
  async stories(m: EntityManager, organisationId: string, q: { status: LearningStoryStatus | null; first?: string; last?: string; limit: number }): Promise<LearningStory[]> {
    return rows(
      await m.query(
        `SELECT ${STORY_COLUMNS} FROM learning_stories
          WHERE organisation_id = $1 AND ($2::learning_story_status IS NULL OR status = $2)
            AND ($3::date IS NULL OR month >= $3) AND ($4::date IS NULL OR month <= $4)
          ORDER BY created_at DESC, id LIMIT $5`,
        [organisationId, q.status, q.first ?? null, q.last ?? null, q.limit],
      ),
    ).map(parseStory);
  },

  async insertProposal(m: EntityManager, p: { authorOrganisationId: string; authorEmployeeId: string | null; ownerOrganisationId: string; rule: string; proposal: string; bottleneckIds: readonly string[] }): Promise<Proposal> {
    const [row] = rows(
      await m.query(
        `INSERT INTO simplification_proposals (author_organisation_id, author_employee_id, owner_organisation_id, rule, proposal)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [p.authorOrganisationId, p.authorEmployeeId, p.ownerOrganisationId, p.rule, p.proposal],
      ),
    );
    const id = fields('simplification_proposals', row).text('id');
    if (p.bottleneckIds.length > 0) {
      await m.query(`INSERT INTO proposal_bottlenecks (proposal_id, report_bottleneck_id) SELECT $1, unnest($2::uuid[])`, [id, p.bottleneckIds]);
    }
    const created = await textsStore.proposal(m, id);
    if (!created) throw new Error('proposal not readable after insert');
    return created;
  },

  async proposal(m: EntityManager, id: string, lock = false): Promise<Proposal | undefined> {
    return rows(await m.query(`SELECT ${PROPOSAL_COLUMNS} FROM simplification_proposals p WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`, [id])).map(parseProposal)[0];
  },

  /** Proposals the tenant wrote or owns (row-level security), newest first. */
  async proposals(m: EntityManager, organisationId: string, limit: number): Promise<Proposal[]> {
    return rows(
      await m.query(
        `SELECT ${PROPOSAL_COLUMNS} FROM simplification_proposals p
          WHERE p.author_organisation_id = $1 OR p.owner_organisation_id = $1 ORDER BY p.created_at DESC, p.id LIMIT $2`,
        [organisationId, limit],
      ),
    ).map(parseProposal);
  },

  async moveProposal(m: EntityManager, id: string, u: { from: ProposalStatus; to: ProposalStatus; response: string | null; rejectionReason: string | null; expectedVersion: number }): Promise<boolean> {
    const result = rows(
      await queryReturning(
        m,
        `UPDATE simplification_proposals SET status = $3, response = COALESCE($4, response), rejection_reason = $5, version = version + 1, updated_at = now()
          WHERE id = $1 AND status = $2 AND version = $6 RETURNING id`,
        [id, u.from, u.to, u.response, u.rejectionReason, u.expectedVersion],
      ),
    );
    return result.length === 1;
  },
};
