import type { INestApplicationContext } from '@nestjs/common';
import { BundleAlerts } from '@schakel/bundles';
import { FollowUpsSweep } from '@schakel/follow-ups';
import { deleteKeys } from '@schakel/platform';
import { currentTestEnvironment, eventually, TestClient } from '@schakel/testing';
import type { Client } from 'pg';
import { IsolatedEnvironment } from './support/isolated-environment';
import { type Stack, startStack } from './support/stack';

/**
 * Household bundles end to end (issue 13): a bundle of three parts for two members, where the
 * partner gave no consent for the Belastingdienst. What each organisation sees follows the
 * members' consent (API and row-level security); the regie organisation hears about a returned
 * and a stalled part once, also after Redis is emptied; closing waits for every part.
 */
interface PartView {
  id: string;
  topic: string;
  status: string;
  settled: boolean;
  overdue: boolean;
  escalationLevel: number;
  referralId: string | null;
  receivingOrganisation: { name: string };
}
interface MemberView {
  id: string;
  role: string;
  name: string | null;
  parts: PartView[];
}
interface BundleView {
  id: string;
  status: string;
  version: number;
  canClose: boolean;
  closeBlockedReason: string | null;
  coordinatingOrganisation: { name: string };
  members: MemberView[];
}

const BUNDLE_FIELDS = `id status version canClose closeBlockedReason coordinatingOrganisation { name }
  members { id role name parts { id topic status settled overdue escalationLevel referralId receivingOrganisation { name } } }`;

const APPLICANT = { bsn: '111222333', name: 'Anna Aanvrager', phone: '0612345678' };
const PARTNER = { bsn: '123456782', name: 'Piet Partner', phone: '0687654321' };

describe('household bundles (end to end)', () => {
  const env = new IsolatedEnvironment('bundles');
  let stack: Stack | undefined;
  let worker: INestApplicationContext;
  let client: TestClient;
  let owner: Client;
  let orgs: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const token = async (u: string) => (tokens[u] ??= await client.devToken(u));
  const gql = async <T = Record<string, unknown>>(who: string, query: string, variables: Record<string, unknown> = {}) => client.graphql<T>(query, variables, await token(who));
  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await owner.query<{ n: number }>(sql, params)).rows[0].n;

  const createBundle = (who: string, input: Record<string, unknown>) =>
    gql<{ createBundle: BundleView }>(who, `mutation ($input: CreateBundleInput!) { createBundle(input: $input) { ${BUNDLE_FIELDS} } }`, { input });
  const bundle = (who: string, id: string) => gql<{ bundle: BundleView }>(who, `query ($id: ID!) { bundle(id: $id) { ${BUNDLE_FIELDS} } }`, { id });
  const notifications = async (who: string) =>
    (await gql<{ notifications: { edges: Array<{ node: { id: string; type: string; message: string; referralId: string | null; handoffId: string | null } }> } }>(
      who,
      `{ notifications(first: 100) { edges { node { id type message referralId handoffId } } } }`,
    )).data!.notifications.edges.map((e) => e.node);
  const currentHandoff = async (who: string, referralId: string) =>
    (await gql<{ referral: { currentHandoff: { id: string; version: number } } }>(who, `query ($id: ID!) { referral(id: $id) { currentHandoff { id version } } }`, { id: referralId })).data!.referral.currentHandoff;

  /** The household: the applicant consents to Tilburg, UWV and the Belastingdienst; the partner to Tilburg and UWV only. */
  const householdInput = (key: string, overrides: Partial<{ coordinatingOrganisationId: string; summary: string; partnerTopic: string }> = {}) => ({
    idempotencyKey: key,
    coordinatingOrganisationId: overrides.coordinatingOrganisationId ?? orgs.tilburg,
    members: [
      {
        key: 'a',
        role: 'AANVRAGER',
        citizen: APPLICANT,
        consents: [
          { organisationId: orgs.tilburg, method: 'MONDELING' },
          { organisationId: orgs.uwv, method: 'MONDELING' },
          { organisationId: orgs.belastingdienst, method: 'SCHRIFTELIJK' },
        ],
      },
      {
        key: 'p',
        role: 'PARTNER',
        citizen: PARTNER,
        consents: [
          { organisationId: orgs.tilburg, method: 'MONDELING' },
          { organisationId: orgs.uwv, method: 'MONDELING' },
        ],
      },
    ],
    parts: [
      { memberKey: 'a', toOrganisationId: orgs.tilburg, topic: 'SCHULDEN', summary: overrides.summary ?? 'Betalingsachterstanden bij de woningcorporatie en de zorgverzekeraar.' },
      { memberKey: 'p', toOrganisationId: orgs.uwv, topic: overrides.partnerTopic ?? 'WERK', summary: 'Werk kwijt; zoekt hulp bij een WW-aanvraag.' },
      { memberKey: 'a', toOrganisationId: orgs.belastingdienst, topic: 'TOESLAGEN', summary: 'Terugvordering huurtoeslag, wil een betalingsregeling.', urgency: 'HOOG' },
    ],
  });

  let main: BundleView;
  const partOf = (view: BundleView, topic: string): PartView => {
    const part = view.members.flatMap((m) => m.parts).find((p) => p.topic === topic);
    if (!part) throw new Error(`no ${topic} part`);
    return part;
  };
  /** The referral ids of the three parts, as the origin (SVB) sees them. */
  const referralIds: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack(env, {
      // The sweep runs once at start; the tests run it by hand. UWV must pick up WERK within 2 seconds (to stall a part).
      env: { FOLLOW_UPS_SWEEP_INTERVAL_MS: '3600000', OUTBOX_POLL_INTERVAL_MS: '200' },
      seed: (db, ids) =>
        db.query(
          `INSERT INTO response_norms (organisation_id, topic, urgency, accept_amount, accept_unit, contact_amount, contact_unit, source)
           VALUES ($1, 'WERK', 'NORMAAL', 2, 'SECONDS', 3, 'WORKING_DAYS', 'TEST')`,
          [ids.uwv],
        ).then(() => undefined),
    });
    ({ owner, client, orgs } = stack);
    worker = await stack.startWorker();

    const res = await createBundle('balie@svb.demo', householdInput('huishouden-1'));
    expect(res.errors).toBeUndefined();
    main = res.data!.createBundle;
    for (const topic of ['SCHULDEN', 'WERK', 'TOESLAGEN']) referralIds[topic] = partOf(main, topic).referralId!;
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('makes one referral per part, each with its own consent, handoff and BUNDLE_LINKED event; the origin sees everything', async () => {
    expect(main.status).toBe('OPEN');
    expect(main.coordinatingOrganisation.name).toMatch(/Tilburg/);
    expect(main.members.map((m) => [m.role, m.name, m.parts.map((p) => p.topic)])).toEqual([
      ['AANVRAGER', APPLICANT.name, ['SCHULDEN', 'TOESLAGEN']],
      ['PARTNER', PARTNER.name, ['WERK']],
    ]);
    expect(main.members.flatMap((m) => m.parts).every((p) => p.status === 'REQUESTED' && p.referralId !== null)).toBe(true);
    const ids = Object.values(referralIds);
    expect(await count(`SELECT count(*)::int AS n FROM referrals WHERE id = ANY($1)`, [ids])).toBe(3);
    expect(await count(`SELECT count(*)::int AS n FROM consents WHERE referral_id = ANY($1)`, [ids])).toBe(3);
    expect(await count(`SELECT count(*)::int AS n FROM consents c JOIN handoffs h ON h.id = c.handoff_id WHERE c.referral_id = ANY($1) AND c.organisation_id = h.to_organisation_id`, [ids])).toBe(3);
    expect(await count(`SELECT count(*)::int AS n FROM timeline_events WHERE referral_id = ANY($1) AND type = 'BUNDLE_LINKED'`, [ids])).toBe(3);
    // No BSN (not even its hash) in the bundle tables, and no note with a name.
    const columns = (await owner.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name LIKE 'bundle%'`)).rows.map((r) => r.column_name);
    expect(columns.filter((c) => /bsn|name|phone|email/.test(c))).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM timeline_events WHERE type = 'BUNDLE_LINKED' AND (note LIKE '%Anna%' OR note LIKE '%Piet%')`)).toBe(0);
    // The referral knows its bundle (for the origin).
    const linked = await gql<{ referral: { bundleId: string | null } }>('balie@svb.demo', `query ($id: ID!) { referral(id: $id) { bundleId } }`, { id: referralIds.WERK });
    expect(linked.data!.referral.bundleId).toBe(main.id);
  });

  it('the Belastingdienst sees nothing of the partner: not in the bundle, its list, the referral, a citizen search or the database', async () => {
    const seen = (await bundle('coordinator@belastingdienst.demo', main.id)).data!.bundle;
    expect(seen.members.map((m) => m.role)).toEqual(['AANVRAGER']);
    expect(seen.members[0].name).toBe(APPLICANT.name);
    // Its own part links to the referral; the Tilburg part only shows its state.
    expect(partOf(seen, 'TOESLAGEN').referralId).toBe(referralIds.TOESLAGEN);
    expect(partOf(seen, 'SCHULDEN').referralId).toBeNull();
    const partnerMember = main.members.find((m) => m.role === 'PARTNER')!;
    const text = JSON.stringify(seen);
    for (const secret of [PARTNER.name, partnerMember.id, partnerMember.parts[0].id, referralIds.WERK, 'WERK', 'PARTNER', 'UWV']) expect(text).not.toContain(secret);

    const list = await gql<{ bundles: BundleView[] }>('behandelaar@belastingdienst.demo', `{ bundles { ${BUNDLE_FIELDS} } }`);
    expect(list.data!.bundles.map((b) => b.id)).toEqual([main.id]);
    expect(JSON.stringify(list.data)).not.toContain(PARTNER.name);
    expect(list.data!.bundles[0].members).toHaveLength(1);

    const referral = await gql('coordinator@belastingdienst.demo', `query ($id: ID!) { referral(id: $id) { id } }`, { id: referralIds.WERK });
    expect(referral.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const search = await gql<{ referralsForCitizen: Array<{ id: string }> }>('coordinator@belastingdienst.demo', `query ($bsn: String!) { referralsForCitizen(bsn: $bsn) { id } }`, { bsn: PARTNER.bsn });
    expect(search.data!.referralsForCitizen).toEqual([]);

    // Row-level security itself, as the app role in the Belastingdienst's tenant: no row, no count.
    await owner.query('BEGIN');
    try {
      await owner.query(`SET LOCAL ROLE schakel_runtime`);
      await owner.query(`SELECT set_config('app.organisation_id', $1, true)`, [orgs.belastingdienst]);
      const rows = async (sql: string) => (await owner.query<{ n: number }>(sql, [main.id])).rows[0].n;
      expect(await rows(`SELECT count(*)::int AS n FROM bundle_members WHERE bundle_id = $1`)).toBe(1);
      expect(await rows(`SELECT count(*)::int AS n FROM bundle_parts WHERE bundle_id = $1`)).toBe(2);
      expect(await rows(`SELECT count(*)::int AS n FROM bundle_member_consents WHERE bundle_id = $1`)).toBe(3);
      expect(await rows(`SELECT count(*)::int AS n FROM bundle_participants WHERE bundle_id = $1`)).toBe(1);
      expect(await rows(`SELECT count(*)::int AS n FROM bundle_part_alerts WHERE bundle_id = $1`)).toBe(0);
    } finally {
      await owner.query('ROLLBACK');
    }
  });

  it('row-level security and grants: the origin cannot link a case it is not in, nor move the regie', async () => {
    const attempt = async (sql: string, params: unknown[]): Promise<string> => {
      await owner.query('BEGIN');
      try {
        await owner.query(`SET LOCAL ROLE schakel_runtime`);
        await owner.query(`SELECT set_config('app.organisation_id', $1, true)`, [orgs.svb]);
        await owner.query(sql, params);
        return 'written';
      } catch (error) {
        return (error as { code?: string }).code ?? 'error';
      } finally {
        await owner.query('ROLLBACK');
      }
    };
    const member = main.members[0].id;
    // A referral between Tilburg and UWV, which the SVB takes no part in: refused by the policy.
    const made = await gql<{ createReferral: { id: string } }>('balie@tilburg.demo', `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id } }`, {
      input: { citizen: { bsn: '111222333', name: 'Ander Dossier' }, toOrganisationId: orgs.uwv, topic: 'WERK', summary: 'Los van de bundel.', consent: { given: true, method: 'MONDELING' } },
    });
    const other = made.data!.createReferral.id;
    expect(
      await attempt(`INSERT INTO bundle_parts (bundle_id, member_id, position, referral_id, to_organisation_id, topic, urgency) VALUES ($1, $2, 99, $3, $4, 'WERK', 'NORMAAL')`, [main.id, member, other, orgs.uwv]),
    ).toBe('42501');
    expect(await attempt(`UPDATE bundles SET coordinating_organisation_id = $2 WHERE id = $1`, [main.id, orgs.svb])).toBe('42501');
  });

  it('a partner system of the Belastingdienst sees the same as its employees, and needs a handoffs scope', async () => {
    const read = await client.clientToken('belastingdienst-system', 'dev-secret-belastingdienst-system', 'handoffs:read');
    const seen = await client.graphql<{ bundle: BundleView }>(`query ($id: ID!) { bundle(id: $id) { ${BUNDLE_FIELDS} } }`, { id: main.id }, read);
    expect(seen.data!.bundle.members.map((m) => m.role)).toEqual(['AANVRAGER']);
    expect(JSON.stringify(seen.data)).not.toContain(PARTNER.name);
    const other = await client.clientToken('belastingdienst-system', 'dev-secret-belastingdienst-system', 'webhooks:manage');
    const refused = await client.graphql(`query ($id: ID!) { bundle(id: $id) { id } }`, { id: main.id }, other);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Creating needs handoffs:write.
    const create = await client.graphql(`mutation ($input: CreateBundleInput!) { createBundle(input: $input) { id } }`, { input: householdInput('systeem-1') }, read);
    expect(create.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('UWV and the regie (Tilburg) see both members, each as their consent allows', async () => {
    const uwv = (await bundle('behandelaar@uwv.demo', main.id)).data!.bundle;
    expect(uwv.members.map((m) => m.name)).toEqual([APPLICANT.name, PARTNER.name]);
    expect(partOf(uwv, 'WERK').referralId).toBe(referralIds.WERK);
    expect(partOf(uwv, 'TOESLAGEN').referralId).toBeNull();
    expect(uwv.canClose).toBe(false);
    expect(uwv.closeBlockedReason).toMatch(/regie/);
    const regie = (await bundle('coordinator@tilburg.demo', main.id)).data!.bundle;
    expect(regie.members).toHaveLength(2);
    expect(regie.closeBlockedReason).toMatch(/Nog 3 onderdelen/);
    // An organisation outside the bundle: as if it does not exist.
    const outsider = await bundle('coordinator@enschede.demo', main.id);
    expect(outsider.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const policy = await bundle('beleid@tilburg.demo', main.id);
    expect(policy.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('tells the regie coordinators once about a returned part, found from PostgreSQL after Redis is emptied', async () => {
    const h = await currentHandoff('behandelaar@belastingdienst.demo', referralIds.TOESLAGEN);
    const returned = await gql('behandelaar@belastingdienst.demo', `mutation ($id: ID!, $input: ReasonInput!) { returnHandoff(id: $id, input: $input) { status } }`, {
      id: h.id,
      input: { expectedVersion: h.version, reason: 'Hoort bij de gemeente: eerst schuldhulp.' },
    });
    expect(returned.errors).toBeUndefined();
    expect(partOf((await bundle('coordinator@tilburg.demo', main.id)).data!.bundle, 'TOESLAGEN')).toMatchObject({ status: 'RETURNED', settled: true });

    await deleteKeys(currentTestEnvironment().redisUrl, `${env.redisPrefix}:*`);
    const alerts = worker.get(BundleAlerts);
    await alerts.sweep();
    await deleteKeys(currentTestEnvironment().redisUrl, `${env.redisPrefix}:*`);
    await alerts.sweep();
    const found = (await notifications('coordinator@tilburg.demo')).filter((n) => n.type === 'BUNDLE_PART_RETURNED');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/teruggestuurd door Belastingdienst/);
    expect(found[0].message).not.toMatch(/Anna|Piet|111222333/);
    // Tilburg is no participant of that referral: no link to it.
    expect(found[0].referralId).toBeNull();
    // A behandelaar of the regie and the other organisations are not told.
    expect((await notifications('behandelaar@tilburg.demo')).some((n) => n.type.startsWith('BUNDLE_'))).toBe(false);
    expect((await notifications('coordinator@uwv.demo')).some((n) => n.type.startsWith('BUNDLE_'))).toBe(false);
  });

  it('tells the regie coordinators once about a stalled (escalated) part', async () => {
    // Redis was emptied above: the follow-ups sweep rebuilds the deadline checks from PostgreSQL.
    await worker.get(FollowUpsSweep).sweep();
    const stalled = await eventually(async () => {
      const part = partOf((await bundle('coordinator@tilburg.demo', main.id)).data!.bundle, 'WERK');
      return part.escalationLevel >= 1 ? part : undefined;
    }, 60_000);
    expect(stalled.overdue).toBe(true);
    const alerts = worker.get(BundleAlerts);
    await deleteKeys(currentTestEnvironment().redisUrl, `${env.redisPrefix}:*`);
    await alerts.sweep();
    await alerts.sweep();
    const found = (await notifications('coordinator@tilburg.demo')).filter((n) => n.type === 'BUNDLE_PART_STALLED');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/loopt vast bij UWV/);
    expect(await count(`SELECT count(*)::int AS n FROM bundle_part_alerts WHERE bundle_id = $1 AND notified_at IS NULL`, [main.id])).toBe(0);
    // The Belastingdienst sees neither the stalled partner's part nor an alert about it.
    expect((await notifications('coordinator@belastingdienst.demo')).some((n) => n.type.startsWith('BUNDLE_'))).toBe(false);
  });

  it('a regie holder without the partner’s consent is told only that a part needs attention', async () => {
    const res = await createBundle('balie@svb.demo', householdInput('huishouden-regie-belastingdienst', { coordinatingOrganisationId: orgs.belastingdienst, partnerTopic: 'INKOMEN' }));
    expect(res.errors).toBeUndefined();
    const second = res.data!.createBundle;
    // INKOMEN has the default norm: this part is returned, it does not also stall.
    const partnerReferral = partOf(second, 'INKOMEN').referralId!;
    const h = await currentHandoff('behandelaar@uwv.demo', partnerReferral);
    await gql('behandelaar@uwv.demo', `mutation ($id: ID!, $input: ReasonInput!) { returnHandoff(id: $id, input: $input) { status } }`, {
      id: h.id,
      input: { expectedVersion: h.version, reason: 'Eerst inschrijven als werkzoekende.' },
    });
    await worker.get(BundleAlerts).sweep();
    const found = (await notifications('coordinator@belastingdienst.demo')).filter((n) => n.type.startsWith('BUNDLE_'));
    expect(found).toHaveLength(1);
    expect(found[0].type).toBe('BUNDLE_ATTENTION');
    expect(found[0].message).toBe(`Een onderdeel van bundel ${second.id.slice(0, 8).toUpperCase()} vraagt aandacht.`);
    expect(found[0].referralId).toBeNull();
    expect(found[0].handoffId).toBeNull();
    // The regie's bundle view still shows only the applicant.
    expect((await bundle('coordinator@belastingdienst.demo', second.id)).data!.bundle.members.map((m) => m.role)).toEqual(['AANVRAGER']);
  });

  it('closing: only the regie, only when every part is settled, with the version last seen', async () => {
    const close = (who: string, expectedVersion: number) =>
      gql<{ closeBundle: BundleView }>(who, `mutation ($id: ID!, $v: Int!) { closeBundle(id: $id, expectedVersion: $v) { ${BUNDLE_FIELDS} } }`, { id: main.id, v: expectedVersion });
    const early = await close('coordinator@tilburg.demo', main.version);
    expect(early.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    expect(early.errors?.[0].message).toMatch(/Nog 2 onderdelen/);
    expect((await close('coordinator@uwv.demo', main.version)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await close('balie@tilburg.demo', main.version)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // The sender withdraws the two open parts.
    for (const topic of ['SCHULDEN', 'WERK']) {
      const h = await currentHandoff('balie@svb.demo', referralIds[topic]);
      const cancelled = await gql('balie@svb.demo', `mutation ($id: ID!, $input: ReasonInput!) { cancelHandoff(id: $id, input: $input) { status } }`, {
        id: h.id,
        input: { expectedVersion: h.version, reason: 'Inwoner is elders geholpen.' },
      });
      expect(cancelled.errors).toBeUndefined();
    }
    expect((await bundle('coordinator@tilburg.demo', main.id)).data!.bundle.canClose).toBe(true);
    expect((await close('coordinator@tilburg.demo', main.version - 1)).errors?.[0].extensions?.code).toBe('CONFLICT');
    const closed = await close('coordinator@tilburg.demo', main.version);
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeBundle).toMatchObject({ status: 'CLOSED', version: main.version + 1, canClose: false });
    expect((await close('coordinator@tilburg.demo', main.version)).errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('a retry with the same key gives the same bundle; another request with that key is CONFLICT; a crash halfway is completed by the retry', async () => {
    const referralsBefore = await count(`SELECT count(*)::int AS n FROM referrals`);
    const again = await createBundle('balie@svb.demo', householdInput('huishouden-1'));
    expect(again.data!.createBundle.id).toBe(main.id);
    expect(await count(`SELECT count(*)::int AS n FROM referrals`)).toBe(referralsBefore);

    const other = await createBundle('balie@svb.demo', householdInput('huishouden-1', { summary: 'Een ander verhaal.' }));
    expect(other.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((other.errors?.[0].extensions?.details as { field?: string }).field).toBe('idempotencyKey');

    // A crash after the third part's referral was made, before it was linked: the bundle stays CREATING.
    const first = await createBundle('balie@svb.demo', householdInput('huishouden-crash'));
    const crashed = first.data!.createBundle;
    const lastReferral = partOf(crashed, 'TOESLAGEN').referralId!;
    await owner.query(`ALTER TABLE timeline_events DISABLE TRIGGER USER`);
    try {
      await owner.query(`DELETE FROM timeline_events WHERE referral_id = $1 AND type = 'BUNDLE_LINKED'`, [lastReferral]);
    } finally {
      await owner.query(`ALTER TABLE timeline_events ENABLE TRIGGER USER`);
    }
    await owner.query(`DELETE FROM bundle_parts WHERE referral_id = $1`, [lastReferral]);
    await owner.query(`UPDATE bundles SET status = 'CREATING' WHERE id = $1`, [crashed.id]);
    const referralsAtCrash = await count(`SELECT count(*)::int AS n FROM referrals`);

    const retried = await createBundle('balie@svb.demo', householdInput('huishouden-crash'));
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.createBundle).toMatchObject({ id: crashed.id, status: 'OPEN' });
    expect(partOf(retried.data!.createBundle, 'TOESLAGEN').referralId).toBe(lastReferral);
    expect(await count(`SELECT count(*)::int AS n FROM referrals`)).toBe(referralsAtCrash);
    expect(await count(`SELECT count(*)::int AS n FROM timeline_events WHERE referral_id = $1 AND type = 'BUNDLE_LINKED'`, [lastReferral])).toBe(1);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const totals = async () => [
      await count(`SELECT count(*)::int AS n FROM bundles`),
      await count(`SELECT count(*)::int AS n FROM bundle_members`),
      await count(`SELECT count(*)::int AS n FROM referrals`),
      await count(`SELECT count(*)::int AS n FROM citizens`),
    ];
    const before = await totals();
    const base = () => householdInput('fout-1');

    const invalidBsn = base();
    invalidBsn.members[1].citizen = { ...PARTNER, bsn: '123456789' };
    const noConsent = base();
    noConsent.parts[1] = { memberKey: 'p', toOrganisationId: orgs.belastingdienst, topic: 'TOESLAGEN', summary: 'Zonder toestemming.' };
    const unknownOrganisation = base();
    unknownOrganisation.parts[0] = { ...unknownOrganisation.parts[0], toOrganisationId: '7d1c2f1e-0000-4000-8000-000000000000' };
    const regieOutside = { ...base(), coordinatingOrganisationId: orgs.enschede };
    const unknownMember = base();
    unknownMember.parts[2] = { ...unknownMember.parts[2], memberKey: 'x' };

    for (const [input, field] of [
      [invalidBsn, 'members[1].citizen.bsn'],
      [noConsent, 'parts[1].toOrganisationId'],
      [unknownOrganisation, 'parts[0].toOrganisationId'],
      [regieOutside, 'coordinatingOrganisationId'],
      [unknownMember, 'parts[2].memberKey'],
    ] as const) {
      const res = await createBundle('balie@svb.demo', input);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((res.errors?.[0].extensions?.details as { field?: string }).field).toBe(field);
      // The refusal never repeats what the citizen gave.
      expect(JSON.stringify(res.errors)).not.toMatch(/123456789|Piet|Anna/);
    }
    const forbidden = await createBundle('beleid@svb.demo', base());
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await totals()).toEqual(before);
  });
});
