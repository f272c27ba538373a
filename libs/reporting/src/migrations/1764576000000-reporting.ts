import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports (issue 12, ADR 0013): aggregate tables kept by the reporting job, the de-identified copy
 * of the knelpunten, leerverhalen and the vereenvoudigingsagenda.
 *
 * - `report_handoff_months` / `report_duration_months`: per organisation, month (of the request,
 *   Dutch time) and topic, the counts and the histograms of whole working days (acceptance, first
 *   contact, chain length). A one-year report reads at most 12 × 9 rows per organisation.
 * - `report_bottlenecks`: knelpunten copied with their texts scrubbed; no referral id, no employee.
 * - `report_refresh_state`: the job's watermark per organisation, so its work is found again in
 *   PostgreSQL after Redis lost everything.
 * - `learning_stories`, `simplification_proposals`, `proposal_bottlenecks`: written by people.
 *
 * Row-level security: every table is visible to the organisation it belongs to (a proposal also to
 * its owner organisation). A joint report of a FINAL action list reads each party's rows under
 * that party's tenant, after the service has checked the list.
 *
 * Two indexes on case tables serve the job: `handoffs (updated_at)` finds what changed since the
 * watermark, `bottlenecks (organisation_id, created_at, id)` the knelpunten to copy.
 */
export class Reporting1764576000000 implements MigrationInterface {
  name = 'Reporting1764576000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE learning_story_status AS ENUM ('TER_REVIEW', 'GOEDGEKEURD', 'AFGEWEZEN')`);
    await q.query(`CREATE TYPE proposal_status AS ENUM ('INGEDIEND', 'IN_BEHANDELING', 'OPGELOST', 'AFGEWEZEN')`);

    const counters = [
      'sent', 'received', 'accepted', 'contacted', 'completed', 'helped', 'partly_helped', 'not_helped',
      'forwarded', 'returned', 'cancelled', 'escalated', 'open', 'accept_measured', 'accept_within',
      'contact_measured', 'contact_within', 'agreement_norm', 'multi_link_chains',
    ];
    await q.query(`
      CREATE TABLE report_handoff_months (
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        topic referral_topic NOT NULL,
        ${counters.map((c) => `${c} int NOT NULL DEFAULT 0 CHECK (${c} >= 0)`).join(',\n        ')},
        PRIMARY KEY (organisation_id, month, topic)
      )`);
    await q.query(`
      CREATE TABLE report_duration_months (
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        topic referral_topic NOT NULL,
        metric text NOT NULL CHECK (metric IN ('ACCEPT', 'CONTACT', 'CHAIN')),
        value int NOT NULL CHECK (value >= 0),
        n int NOT NULL CHECK (n > 0),
        PRIMARY KEY (organisation_id, month, topic, metric, value)
      )`);
    await q.query(`
      CREATE TABLE report_bottlenecks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        category bottleneck_category NOT NULL,
        topic referral_topic NOT NULL,
        rule text CHECK (length(rule) <= 500),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
        custom_solution_applied boolean NOT NULL,
        custom_solution text CHECK (length(custom_solution) <= 4000)
      )`);
    await q.query(`CREATE INDEX report_bottlenecks_month_idx ON report_bottlenecks (organisation_id, month)`);
    await q.query(`
      CREATE TABLE report_refresh_state (
        organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
        handoffs_refreshed_at timestamptz,
        bottlenecks_after_at timestamptz,
        bottlenecks_after_id uuid,
        refreshed_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE learning_stories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        author_employee_id uuid REFERENCES employees(id),
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        topic referral_topic NOT NULL,
        category bottleneck_category NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        situation text NOT NULL CHECK (length(situation) BETWEEN 1 AND 2000),
        action text NOT NULL CHECK (length(action) BETWEEN 1 AND 2000),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        rule_need text CHECK (length(rule_need) <= 2000),
        status learning_story_status NOT NULL DEFAULT 'TER_REVIEW',
        review_note text CHECK (length(review_note) <= 1000),
        reviewed_by_employee_id uuid REFERENCES employees(id),
        reviewed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT learning_stories_reviewed CHECK ((status = 'TER_REVIEW') = (reviewed_at IS NULL)),
        CONSTRAINT learning_stories_not_own_review CHECK (reviewed_by_employee_id IS DISTINCT FROM author_employee_id OR reviewed_by_employee_id IS NULL)
      )`);
    await q.query(`CREATE INDEX learning_stories_month_idx ON learning_stories (organisation_id, status, month)`);

    await q.query(`
      CREATE TABLE simplification_proposals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        author_organisation_id uuid NOT NULL REFERENCES organisations(id),
        author_employee_id uuid REFERENCES employees(id),
        owner_organisation_id uuid NOT NULL REFERENCES organisations(id),
        rule text NOT NULL CHECK (length(rule) BETWEEN 1 AND 500),
        proposal text NOT NULL CHECK (length(proposal) BETWEEN 1 AND 4000),
        status proposal_status NOT NULL DEFAULT 'INGEDIEND',
        response text CHECK (length(response) <= 4000),
        rejection_reason text CHECK (length(rejection_reason) BETWEEN 1 AND 2000),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT simplification_proposals_rejection CHECK ((status = 'AFGEWEZEN') = (rejection_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX simplification_proposals_author_idx ON simplification_proposals (author_organisation_id, created_at)`);
    await q.query(`CREATE INDEX simplification_proposals_owner_idx ON simplification_proposals (owner_organisation_id, created_at)`);
    await q.query(`
      CREATE TABLE proposal_bottlenecks (
        proposal_id uuid NOT NULL REFERENCES simplification_proposals(id),
        report_bottleneck_id uuid NOT NULL REFERENCES report_bottlenecks(id),
        PRIMARY KEY (proposal_id, report_bottleneck_id)
      )`);
    await q.query(`CREATE TABLE reporting_demo_history (id int PRIMARY KEY CHECK (id = 1), seeded_at timestamptz NOT NULL DEFAULT now())`);

    for (const table of ['report_handoff_months', 'report_duration_months', 'report_bottlenecks', 'report_refresh_state', 'learning_stories']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${table}_own ON ${table} USING (organisation_id = (SELECT app_current_organisation())) WITH CHECK (organisation_id = (SELECT app_current_organisation()))`);
    }
    await q.query(`ALTER TABLE simplification_proposals ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE simplification_proposals FORCE ROW LEVEL SECURITY`);
    const involved = `author_organisation_id = (SELECT app_current_organisation()) OR owner_organisation_id = (SELECT app_current_organisation())`;
    await q.query(`CREATE POLICY simplification_proposals_visible ON simplification_proposals FOR SELECT USING (${involved})`);
    await q.query(`CREATE POLICY simplification_proposals_insert ON simplification_proposals FOR INSERT WITH CHECK (author_organisation_id = (SELECT app_current_organisation()))`);
    // Only the owner organisation answers and moves a proposal on.
    await q.query(`CREATE POLICY simplification_proposals_update ON simplification_proposals FOR UPDATE USING (owner_organisation_id = (SELECT app_current_organisation())) WITH CHECK (owner_organisation_id = (SELECT app_current_organisation()))`);
    await q.query(`ALTER TABLE proposal_bottlenecks ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE proposal_bottlenecks FORCE ROW LEVEL SECURITY`);
    const proposalVisible = `EXISTS (SELECT 1 FROM simplification_proposals p WHERE p.id = proposal_id)`;
    await q.query(`CREATE POLICY proposal_bottlenecks_visible ON proposal_bottlenecks FOR SELECT USING (${proposalVisible})`);
    await q.query(`
      CREATE POLICY proposal_bottlenecks_insert ON proposal_bottlenecks FOR INSERT
      WITH CHECK (EXISTS (SELECT 1 FROM simplification_proposals p WHERE p.id = proposal_id AND p.author_organisation_id = (SELECT app_current_organisation())))`);

    await q.query(`CREATE INDEX handoffs_updated_at_idx ON handoffs (updated_at)`);
    await q.query(`CREATE INDEX bottlenecks_organisation_created_idx ON bottlenecks (organisation_id, created_at, id)`);

    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON report_handoff_months, report_duration_months, report_refresh_state TO schakel_runtime`);
    await q.query(`GRANT SELECT, INSERT ON report_bottlenecks, proposal_bottlenecks, reporting_demo_history TO schakel_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON learning_stories, simplification_proposals TO schakel_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX bottlenecks_organisation_created_idx`);
    await q.query(`DROP INDEX handoffs_updated_at_idx`);
    for (const table of ['reporting_demo_history', 'proposal_bottlenecks', 'simplification_proposals', 'learning_stories', 'report_refresh_state', 'report_bottlenecks', 'report_duration_months', 'report_handoff_months']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP TYPE proposal_status`);
    await q.query(`DROP TYPE learning_story_status`);
  }
}
