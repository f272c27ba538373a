import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '@schakel/api';
import { HANDOFF_STATUS_CODE, HANDOFF_STATUSES } from '@schakel/referrals';
import { TestClient } from '@schakel/testing';
import { Client } from 'pg';
import { IsolatedEnvironment } from './support/isolated-environment';

/**
 * `handoffs { totalCount totalCountIsEstimate }` with HANDOFF_COUNT_CAP = 3: exact up to and
 * including the cap, the cap and `true` above it, every filter applied, and never a handoff of
 * which the caller's organisation is not a party. Its own database, because exact counts on the
 * shared test database would race with the other suites' referrals.
 */
const CAP = 3;
const COUNT = `query ($direction: HandoffDirection!, $status: [HandoffStatus!], $overdue: Boolean) {
  handoffs(direction: $direction, status: $status, overdue: $overdue, first: 100) { totalCount totalCountIsEstimate edges { node { id } } }
}`;
const CREATE = `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { currentHandoff { id } } }`;

interface Counted { totalCount: number; totalCountIsEstimate: boolean; edges: Array<{ node: { id: string } }> }

describe('handoffs totalCount (capped count)', () => {
  const env = new IsolatedEnvironment('count');
  let app: INestApplication;
  let api: TestClient;
  let owner: Client;
  const orgs: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  const count = async (who: string, direction: 'INCOMING' | 'OUTGOING', filter: { status?: string[]; overdue?: boolean } = {}) => {
    tokens[who] ??= await api.devToken(who);
    const res = await api.graphql<{ handoffs: Counted }>(COUNT, { direction, ...filter }, tokens[who]);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const { totalCount, totalCountIsEstimate, edges } = res.data!.handoffs;
    return { totalCount, totalCountIsEstimate, listed: edges.length };
  };

  const refer = async (who: string, to: string): Promise<string> => {
    tokens[who] ??= await api.devToken(who);
    const input = {
      citizen: { bsn: '111222333', name: 'Fatima de Vries', phone: '06-12345678', preferredChannel: 'TELEFOON' },
      toOrganisationId: orgs[to],
      topic: 'WERK',
      summary: 'Telt mee in de inbox.',
      urgency: 'NORMAAL',
      consent: { given: true, method: 'MONDELING' },
    };
    const res = await api.graphql<{ createReferral: { currentHandoff: { id: string } } }>(CREATE, { input }, tokens[who]);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createReferral.currentHandoff.id;
  };

  beforeAll(async () => {
    await env.setUp({ HANDOFF_COUNT_CAP: String(CAP) });
    owner = new Client({ connectionString: env.ownerUrl });
    await owner.connect();
    for (const { slug, id } of (await owner.query<{ slug: string; id: string }>(`SELECT slug, id FROM organisations`)).rows) orgs[slug] = id;
    app = await createApiApp();
    api = await TestClient.listen(app);

    // UWV receives 5: Tilburg's 4 (one RECEIVED) and Enschede's 1 (REQUESTED, overdue).
    // SVB receives Tilburg's 2. Statuses and overdue are set as the owner, as the follow-ups
    // would; status_code follows status (generated column).
    const toUwv = [];
    for (let i = 0; i < 4; i++) toUwv.push(await refer('balie@tilburg.demo', 'uwv'));
    const fromEnschede = await refer('balie@enschede.demo', 'uwv');
    for (let i = 0; i < 2; i++) await refer('balie@tilburg.demo', 'svb');
    await owner.query(`UPDATE handoffs SET status = 'RECEIVED', received_at = now() WHERE id = $1`, [toUwv[0]]);
    await owner.query(`UPDATE handoffs SET overdue = true WHERE id = $1`, [fromEnschede]);
  });

  afterAll(async () => {
    await app?.close();
    await owner?.end();
    await env.tearDown();
  });

  it('is exact up to and including the cap, and the cap with totalCountIsEstimate above it', async () => {
    expect(await count('behandelaar@svb.demo', 'INCOMING')).toEqual({ totalCount: 2, totalCountIsEstimate: false, listed: 2 });
    // Exactly the cap (Tilburg's 3 REQUESTED that are not overdue): still exact.
    expect(await count('behandelaar@uwv.demo', 'INCOMING', { status: ['REQUESTED'], overdue: false })).toEqual({ totalCount: 3, totalCountIsEstimate: false, listed: 3 });
    // 5 match: the cap, flagged; the page itself is not capped.
    expect(await count('behandelaar@uwv.demo', 'INCOMING')).toEqual({ totalCount: CAP, totalCountIsEstimate: true, listed: 5 });
    expect(await count('balie@tilburg.demo', 'OUTGOING')).toEqual({ totalCount: CAP, totalCountIsEstimate: true, listed: 6 });
  });

  it('applies the status list, overdue and direction', async () => {
    const uwv = (filter: { status?: string[]; overdue?: boolean }, direction: 'INCOMING' | 'OUTGOING' = 'INCOMING') => count('behandelaar@uwv.demo', direction, filter);
    expect(await uwv({ status: ['REQUESTED'] })).toEqual({ totalCount: CAP, totalCountIsEstimate: true, listed: 4 });
    expect(await uwv({ status: ['RECEIVED'] })).toEqual({ totalCount: 1, totalCountIsEstimate: false, listed: 1 });
    expect(await uwv({ status: ['RECEIVED', 'COMPLETED', 'RECEIVED'] })).toEqual({ totalCount: 1, totalCountIsEstimate: false, listed: 1 });
    expect(await uwv({ status: ['COMPLETED', 'CANCELLED'] })).toEqual({ totalCount: 0, totalCountIsEstimate: false, listed: 0 });
    expect(await uwv({ overdue: true })).toEqual({ totalCount: 1, totalCountIsEstimate: false, listed: 1 });
    expect(await uwv({ overdue: false })).toEqual({ totalCount: CAP, totalCountIsEstimate: true, listed: 4 });
    expect(await uwv({ status: ['REQUESTED'], overdue: true })).toEqual({ totalCount: 1, totalCountIsEstimate: false, listed: 1 });
    expect(await uwv({ status: ['RECEIVED'], overdue: true })).toEqual({ totalCount: 0, totalCountIsEstimate: false, listed: 0 });
    expect(await uwv({}, 'OUTGOING')).toEqual({ totalCount: 0, totalCountIsEstimate: false, listed: 0 });
    expect(await count('balie@tilburg.demo', 'OUTGOING', { status: ['RECEIVED'] })).toEqual({ totalCount: 1, totalCountIsEstimate: false, listed: 1 });
    expect(await count('balie@enschede.demo', 'OUTGOING')).toEqual({ totalCount: 1, totalCountIsEstimate: false, listed: 1 });
  });

  it("never counts another organisation's handoffs, through the API or the count's SQL under RLS", async () => {
    expect(await count('behandelaar@enschede.demo', 'INCOMING')).toEqual({ totalCount: 0, totalCountIsEstimate: false, listed: 0 });
    expect(await count('behandelaar@tilburg.demo', 'INCOMING')).toEqual({ totalCount: 0, totalCountIsEstimate: false, listed: 0 });

    // The count's statement as the app role, with a forged organisation in the WHERE: row-level
    // security still limits it to handoffs the tenant is a party to (the count index carries the
    // policy's columns, so the index-only path checks the policy too).
    const app = new Client({ connectionString: env.appUrl });
    await app.connect();
    try {
      const forged = async (tenant: string) => {
        await app.query('BEGIN');
        await app.query(`SELECT set_config('app.organisation_id', $1, true)`, [orgs[tenant]]);
        const { rows } = await app.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM (SELECT 1 FROM handoffs h WHERE h.to_organisation_id = $1 AND h.status_code = ANY($2::smallint[]) LIMIT 1000) c`,
          [orgs.uwv, [1, 2, 3, 4, 5, 6, 7, 8]],
        );
        await app.query('COMMIT');
        return rows[0].n;
      };
      expect(await forged('uwv')).toBe(5);
      expect(await forged('enschede')).toBe(1); // only the one Enschede sent
      expect(await forged('svb')).toBe(0);
    } finally {
      await app.end();
    }
  });

  it('status_code agrees with the status for every status (the generated column and HANDOFF_STATUS_CODE)', async () => {
    const { rows } = await owner.query<{ status: string }>(`SELECT unnest(enum_range(NULL::handoff_status))::text AS status`);
    expect(rows.map((r) => r.status)).toEqual([...HANDOFF_STATUSES]);
    // Move one handoff through every status (as the owner; the CHECK needs an outcome only for
    // COMPLETED) and read the generated code back.
    const [{ id }] = (await owner.query<{ id: string }>(`SELECT id FROM handoffs WHERE to_organisation_id = $1 LIMIT 1`, [orgs.svb])).rows;
    for (const status of HANDOFF_STATUSES) {
      const outcome = status === 'COMPLETED' ? 'GEHOLPEN' : null;
      const { rows: [row] } = await owner.query<{ code: number }>(
        `UPDATE handoffs SET status = $2, outcome = $3 WHERE id = $1 RETURNING status_code AS code`,
        [id, status, outcome],
      );
      expect({ status, code: row.code }).toEqual({ status, code: HANDOFF_STATUS_CODE[status] });
    }
    await owner.query(`UPDATE handoffs SET status = 'REQUESTED', outcome = NULL WHERE id = $1`, [id]);
  });
});
