import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * createReferral in one round trip (issue 10): `app_create_referral(jsonb)` writes what the
 * service wrote in twelve statements (participants, referral, citizen, first handoff, consent,
 * timeline event, outbox row, optional knelpunt with its event, processing and audit log) as one
 * statement, so as one implicit transaction: all or nothing.
 *
 * The function runs as the caller (SECURITY INVOKER): row-level security and every grant apply
 * exactly as before. Its first act sets `app.organisation_id` transaction-locally, as
 * TenantTransactions does; the app role could always set that value itself, so taking it as
 * an argument grants nothing new. An idempotency key already used by the organisation returns
 * the earlier referral instead (`existing`), and the service compares the request hashes.
 *
 * Also `handoffs.deadline_source`: which norm set the handoff's deadlines (an agreement of a
 * signed action list, or the default table), so a handoff can show it.
 */
export class CreateReferralFunction1764403200000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE handoffs ADD COLUMN deadline_source text CHECK (length(deadline_source) <= 200)`);
    await q.query(`
      CREATE FUNCTION app_create_referral(p jsonb) RETURNS jsonb
      LANGUAGE plpgsql SECURITY INVOKER SET search_path = public, pg_temp AS $fn$
      DECLARE
        org uuid := (p->>'organisationId')::uuid;
        receiver uuid := (p->>'toOrganisationId')::uuid;
        employee uuid := (p->>'employeeId')::uuid;
        client uuid := (p->>'machineClientId')::uuid;
        c jsonb := p->'citizen';
        b jsonb := p->'bottleneck';
        chain uuid[];
        r referrals;
        h handoffs;
        bn bottlenecks;
      BEGIN
        PERFORM set_config('app.organisation_id', org::text, true);
        IF p->>'idempotencyKey' IS NOT NULL THEN
          SELECT * INTO r FROM referrals x WHERE x.origin_organisation_id = org AND x.idempotency_key = p->>'idempotencyKey';
          IF FOUND THEN RETURN jsonb_build_object('existing', true, 'referral', to_jsonb(r)); END IF;
        END IF;
        chain := ARRAY(SELECT DISTINCT o FROM unnest(ARRAY[org, receiver]) AS o ORDER BY 1);

        INSERT INTO referral_participants (referral_id, organisation_id) VALUES ((p->>'referralId')::uuid, org) ON CONFLICT DO NOTHING;
        INSERT INTO referral_participants (referral_id, organisation_id) VALUES ((p->>'referralId')::uuid, receiver) ON CONFLICT DO NOTHING;
        INSERT INTO referrals (id, origin_organisation_id, origin_employee_id, topic, summary, urgency, idempotency_key, request_hash)
        VALUES ((p->>'referralId')::uuid, org, employee, (p->>'topic')::referral_topic, p->>'summary', (p->>'urgency')::referral_urgency, p->>'idempotencyKey', p->>'requestHash')
        RETURNING * INTO r;
        INSERT INTO citizens (referral_id, bsn_encrypted, bsn_hash, subject_pseudonym, name, phone, email, preferred_channel, do_not_contact, bsn_key_id, hmac_key_id)
        VALUES (r.id, c->>'bsnEncrypted', c->>'bsnHash', c->>'subjectPseudonym', c->>'name', c->>'phone', c->>'email',
                (c->>'preferredChannel')::contact_channel, (c->>'doNotContact')::boolean, c->>'bsnKeyId', c->>'hmacKeyId');
        INSERT INTO handoffs (referral_id, sequence, previous_handoff_id, from_organisation_id, from_employee_id, to_organisation_id)
        VALUES (r.id, 1, NULL, org, employee, receiver)
        RETURNING * INTO h;
        INSERT INTO consents (referral_id, handoff_id, organisation_id, given, method, recorded_by_employee_id, recorded_by_organisation_id)
        VALUES (r.id, h.id, receiver, true, (p->>'consentMethod')::consent_method, employee, org);
        INSERT INTO timeline_events (referral_id, handoff_id, type, actor_employee_id, actor_organisation_id, note, actor_machine_client_id)
        VALUES (r.id, h.id, 'REQUESTED', employee, org, NULL, client);
        INSERT INTO outbox (topic, aggregate_type, aggregate_id, payload)
        VALUES ('handoff.requested', 'handoff', h.id, jsonb_build_object(
          'handoffId', h.id, 'referralId', r.id, 'fromOrganisationId', org, 'toOrganisationId', receiver,
          'status', h.status, 'version', h.version, 'organisationIds', to_jsonb(ARRAY[org, receiver]),
          'urgency', r.urgency, 'topic', r.topic));
        IF b IS NOT NULL AND jsonb_typeof(b) = 'object' THEN
          INSERT INTO bottlenecks (referral_id, organisation_id, employee_id, category, rule, description, custom_solution_applied, custom_solution)
          VALUES (r.id, org, employee, (b->>'category')::bottleneck_category, b->>'rule', b->>'description', (b->>'customSolutionApplied')::boolean, b->>'customSolution')
          RETURNING * INTO bn;
          INSERT INTO timeline_events (referral_id, handoff_id, type, actor_employee_id, actor_organisation_id, note, actor_machine_client_id)
          VALUES (r.id, NULL, 'BOTTLENECK_FLAGGED', employee, org, b->>'timelineNote', client);
          INSERT INTO outbox (topic, aggregate_type, aggregate_id, payload)
          VALUES ('referral.bottleneck_flagged', 'referral', r.id, jsonb_build_object(
            'referralId', r.id, 'bottleneckId', bn.id, 'category', bn.category, 'organisationIds', to_jsonb(chain)));
        END IF;
        INSERT INTO processing_log (trace_id, activity, organisation_id, subject_pseudonym, referral_id)
        VALUES (p->>'traceId', 'referral.create', org, c->>'subjectPseudonym', r.id);
        INSERT INTO audit_log (trace_id, activity, organisation_id, employee_id, machine_client_id)
        VALUES (p->>'traceId', 'referral.create', org, employee, client);
        RETURN jsonb_build_object('existing', false, 'referral', to_jsonb(r), 'handoff', to_jsonb(h));
      END
      $fn$`);
    await q.query(`REVOKE ALL ON FUNCTION app_create_referral(jsonb) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_create_referral(jsonb) TO schakel_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION app_create_referral(jsonb)`);
    await q.query(`ALTER TABLE handoffs DROP COLUMN deadline_source`);
  }
}
