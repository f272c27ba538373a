import fs from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '@schakel/api';
import { currentTestEnvironment, TestClient } from '@schakel/testing';
import { Client } from 'pg';

/**
 * Inzage (AVG art. 15), correction (art. 16) and objection (art. 21), issue 9 "Data lifecycle":
 * the privacy officer (role PRIVACY, given by hand) of an organisation in the chain gets the
 * citizen's referrals and the processing log as JSON and as a document; an officer elsewhere gets
 * nothing; other roles are FORBIDDEN; the request is logged; the BSN reaches no log.
 */
const REPORT = `query ($bsn: String!) { subjectAccessReport(bsn: $bsn) {
  organisation complete document
  referrals { id topic summary status originOrganisation
    citizen { name phone email doNotContact contactHidden }
    handoffs { sequence from to status }
    consents { organisation method }
    timeline { type organisation note }
    bottlenecks { category description } }
  processing { organisation activity purpose referralId occurredAt }
} }`;
const CORRECTION = `mutation ($id: ID!, $note: String!) { recordCorrectionRequest(referralId: $id, note: $note) { type note organisation { name } actorKind } }`;
const OBJECTION = `mutation ($id: ID!, $note: String!) { recordObjection(referralId: $id, note: $note) { type note organisation { name } } }`;

/** A random BSN that passes the 11-test, so reruns on the same database do not meet old data. */
function randomBsn(): string {
  for (;;) {
    const d = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10));
    const sum = d.reduce((acc, x, i) => acc + x * (9 - i), 0);
    const last = sum % 11;
    if (last < 10 && d.some((x) => x > 0)) return [...d, last].join('');
  }
}

interface Report {
  organisation: string;
  complete: boolean;
  document: string;
  referrals: Array<{ id: string; summary: string; originOrganisation: string; citizen: { name: string; phone: string | null; contactHidden: boolean }; handoffs: Array<{ to: string }>; consents: Array<{ organisation: string }>; timeline: Array<{ type: string; organisation: string; note: string | null }> }>;
  processing: Array<{ organisation: string; activity: string; purpose: string; referralId: string | null }>;
}

describe('inzage, correction and objection (end to end)', () => {
  let app: INestApplication;
  let api: TestClient;
  let owner: Client;
  let orgs: Record<string, string>;
  const tokens: Record<string, string> = {};
  const token = async (username: string) => (tokens[username] ??= await api.devToken(username));
  const call = async <T = Record<string, unknown>>(who: string, query: string, variables: Record<string, unknown> = {}) => api.graphql<T>(query, variables, await token(who));
  const bsn = randomBsn();
  const otherBsn = randomBsn();
  let logged = '';
  let savedLevel: string | undefined;
  let writeSpies: jest.SpyInstance[] = [];
  let referralId: string;

  const refer = async (who: string, to: string, citizenBsn: string, extra: Record<string, unknown> = {}) => {
    const res = await call<{ createReferral: { id: string } }>(who, `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id } }`, {
      input: {
        citizen: { bsn: citizenBsn, name: 'Inzage Ingrid', phone: '06-11223344', email: 'ingrid@example.nl', ...extra },
        toOrganisationId: orgs[to],
        topic: 'SCHULDEN',
        summary: 'Schulden lopen op; wil hulp van één loket.',
        consent: { given: true, method: 'MONDELING' },
      },
    });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createReferral.id;
  };

  beforeAll(async () => {
    // Capture what the API logs (pino writes to fd 1 with fs.writeSync / fs.write), at debug level.
    savedLevel = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'debug';
    const originalSync = fs.writeSync.bind(fs) as (...args: unknown[]) => number;
    const capture = (data: unknown): void => {
      logged += Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
    };
    writeSpies = [
      jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
        if (fd === 1 || fd === 2) capture(data);
        return originalSync(fd, data, ...rest);
      }) as typeof fs.writeSync),
      jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown) => {
        capture(chunk);
        return true;
      }) as typeof process.stdout.write),
    ];
    const env = currentTestEnvironment();
    owner = new Client({ connectionString: env.ownerUrl });
    await owner.connect();
    app = await createApiApp();
    api = await TestClient.listen(app);
    const res = await call<{ organisations: Array<{ id: string; name: string }> }>('balie@tilburg.demo', `{ organisations { id name } }`);
    const byName = Object.fromEntries(res.data!.organisations.map((o) => [o.name, o.id]));
    orgs = { tilburg: byName['Gemeente Tilburg'], uwv: byName['UWV'], svb: byName['Sociale Verzekeringsbank'] };
    // Nobody has the role by default: granted by hand, as the runbook says.
    for (const [slug, org] of [['tilburg', orgs.tilburg], ['svb', orgs.svb]]) {
      await owner.query(
        `INSERT INTO employees (organisation_id, username, display_name, roles) VALUES ($1, $2, 'Privacymedewerker', ARRAY['PRIVACY']::employee_role[])
         ON CONFLICT (username) DO NOTHING`,
        [org, `privacy@${slug}.demo`],
      );
    }
    referralId = await refer('balie@tilburg.demo', 'uwv', bsn);
    // UWV reads the citizen: a processing by another organisation of the chain.
    const read = await call('behandelaar@uwv.demo', `query ($id: ID!) { referral(id: $id) { citizen { name } } }`, { id: referralId });
    expect(read.errors).toBeUndefined();
    await refer('balie@tilburg.demo', 'uwv', otherBsn);
  });

  afterAll(async () => {
    for (const spy of writeSpies) spy.mockRestore();
    if (savedLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = savedLevel;
    await owner.end();
    await app.close();
  });

  it('gives no seeded employee the role PRIVACY', async () => {
    const { rows } = await owner.query(`SELECT username FROM employees WHERE 'PRIVACY' = ANY (roles) AND username NOT LIKE 'privacy@%'`);
    expect(rows).toEqual([]);
  });

  it("an officer of a participating organisation sees the citizen's referrals and the processing log, as JSON and as a document", async () => {
    const res = await call<{ subjectAccessReport: Report }>('privacy@tilburg.demo', REPORT, { bsn });
    expect(res.errors).toBeUndefined();
    const report = res.data!.subjectAccessReport;
    expect(report.organisation).toBe('Gemeente Tilburg');
    expect(report.complete).toBe(true);
    expect(report.referrals.map((r) => r.id)).toEqual([referralId]);
    const [r] = report.referrals;
    expect(r).toMatchObject({ originOrganisation: 'Gemeente Tilburg', citizen: { name: 'Inzage Ingrid', phone: '06-11223344', contactHidden: false } });
    expect(r.handoffs.map((h) => h.to)).toEqual(['UWV']);
    expect(r.consents.map((c) => c.organisation)).toEqual(['UWV']);
    expect(r.timeline.map((t) => t.type)).toEqual(['REQUESTED']);

    const seen = report.processing.map((p) => `${p.organisation}:${p.activity}`);
    expect(seen).toEqual(expect.arrayContaining(['Gemeente Tilburg:referral.create', 'UWV:citizen.read', 'Gemeente Tilburg:inzage']));
    expect(report.processing.every((p) => p.purpose.length > 10)).toBe(true);
    // Only this citizen: the other referral's processing is not in it.
    expect(report.processing.filter((p) => p.referralId !== null).every((p) => p.referralId === referralId)).toBe(true);

    expect(report.document).toContain('# Overzicht van uw gegevens in Schakel');
    expect(report.document).toContain('Inzage Ingrid');
    expect(report.document).toContain('Van Gemeente Tilburg naar UWV');
    expect(report.document).toContain('Wie deed wat met uw gegevens');
    expect(report.document).not.toContain(bsn);
    expect(JSON.stringify(res)).not.toContain(bsn);
  });

  it('the receiving organisation\'s officer sees it too, with the referrer\'s own log rows about it but not its other ones', async () => {
    await owner.query(`INSERT INTO employees (organisation_id, username, display_name, roles) VALUES ($1, 'privacy@uwv.demo', 'Privacymedewerker', ARRAY['PRIVACY']::employee_role[]) ON CONFLICT (username) DO NOTHING`, [orgs.uwv]);
    const res = await call<{ subjectAccessReport: Report }>('privacy@uwv.demo', REPORT, { bsn });
    const report = res.data!.subjectAccessReport;
    expect(report.referrals.map((r) => r.id)).toEqual([referralId]);
    const seen = report.processing.map((p) => `${p.organisation}:${p.activity}`);
    expect(seen).toEqual(expect.arrayContaining(['Gemeente Tilburg:referral.create', 'UWV:citizen.read', 'UWV:inzage']));
    // Tilburg's own inzage (no referral) is Tilburg's business, not UWV's.
    expect(seen).not.toContain('Gemeente Tilburg:inzage');
  });

  it('an officer of an organisation outside the chain sees nothing but its own request', async () => {
    const res = await call<{ subjectAccessReport: Report }>('privacy@svb.demo', REPORT, { bsn });
    expect(res.errors).toBeUndefined();
    const report = res.data!.subjectAccessReport;
    expect(report.referrals).toEqual([]);
    expect(report.processing.map((p) => `${p.organisation}:${p.activity}`)).toEqual(['Sociale Verzekeringsbank:inzage']);
    expect(report.document).toContain('Wij vonden geen doorverwijzingen over u.');
  });

  it('other roles are FORBIDDEN, a machine client too', async () => {
    for (const who of ['balie@tilburg.demo', 'behandelaar@uwv.demo', 'coordinator@tilburg.demo', 'beheer@tilburg.demo', 'beleid@tilburg.demo', 'secretaris@tilburg.demo']) {
      const res = await call(who, REPORT, { bsn });
      expect([who, res.errors?.[0]?.extensions?.code]).toEqual([who, 'FORBIDDEN']);
      expect(res.data ?? null).toBeNull();
    }
    const machine = await api.post('/auth/token', { grant_type: 'client_credentials', client_id: 'uwv-system', client_secret: 'dev-secret-uwv-system' });
    const { access_token } = (await machine.json()) as { access_token: string };
    const res = await api.graphql(REPORT, { bsn }, access_token);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('an invalid BSN is BAD_USER_INPUT naming the field, without echoing it', async () => {
    for (const bad of ['123456780', '12345', 'abcdefghi']) {
      const res = await call('privacy@tilburg.demo', REPORT, { bsn: bad });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors)).not.toContain(bad);
    }
  });

  it('the request is logged in the processing log (pseudonym, no BSN) and the audit log (the employee)', async () => {
    const before = await owner.query(`SELECT count(*)::int AS n FROM processing_log WHERE activity = 'inzage' AND organisation_id = $1`, [orgs.tilburg]);
    await call('privacy@tilburg.demo', REPORT, { bsn });
    const after = await owner.query(`SELECT count(*)::int AS n FROM processing_log WHERE activity = 'inzage' AND organisation_id = $1`, [orgs.tilburg]);
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
    const audit = await owner.query(
      `SELECT e.username FROM audit_log a JOIN employees e ON e.id = a.employee_id WHERE a.activity = 'inzage' ORDER BY a.id DESC LIMIT 1`,
    );
    expect(audit.rows[0].username).toBe('privacy@tilburg.demo');
    for (const table of ['processing_log', 'audit_log', 'citizens', 'timeline_events', 'outbox']) {
      const { rows } = await owner.query(`SELECT count(*)::int AS n FROM ${table} t WHERE t::text LIKE '%' || $1 || '%'`, [bsn]);
      expect([table, rows[0].n]).toEqual([table, 0]);
    }
  });

  it('correction and objection are timeline events, by the officer or a case role of the chain; others get NOT_FOUND or FORBIDDEN', async () => {
    const corr = await call<{ recordCorrectionRequest: { type: string; note: string; organisation: { name: string } } }>('privacy@tilburg.demo', CORRECTION, { id: referralId, note: 'Telefoonnummer klopt niet meer.' });
    expect(corr.errors).toBeUndefined();
    expect(corr.data!.recordCorrectionRequest).toMatchObject({ type: 'CORRECTION_REQUESTED', note: 'Telefoonnummer klopt niet meer.', organisation: { name: 'Gemeente Tilburg' } });
    const obj = await call<{ recordObjection: { type: string } }>('behandelaar@uwv.demo', OBJECTION, { id: referralId, note: 'Bezwaar tegen doorsturen naar SVB.' });
    expect(obj.data!.recordObjection.type).toBe('OBJECTION_RECORDED');

    expect((await call('privacy@svb.demo', OBJECTION, { id: referralId, note: 'x' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await call('behandelaar@enschede.demo', CORRECTION, { id: referralId, note: 'x' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await call('beleid@tilburg.demo', CORRECTION, { id: referralId, note: 'x' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const blank = await call('privacy@tilburg.demo', CORRECTION, { id: referralId, note: '   ' });
    expect(blank.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const timeline = await call<{ referral: { timeline: Array<{ type: string }> } }>('balie@tilburg.demo', `query ($id: ID!) { referral(id: $id) { timeline { type } } }`, { id: referralId });
    expect(timeline.data!.referral.timeline.map((t) => t.type)).toEqual(['REQUESTED', 'CORRECTION_REQUESTED', 'OBJECTION_RECORDED']);
    const report = await call<{ subjectAccessReport: Report }>('privacy@tilburg.demo', REPORT, { bsn });
    const activities = report.data!.subjectAccessReport.processing.map((p) => `${p.organisation}:${p.activity}`);
    expect(activities).toEqual(expect.arrayContaining(['Gemeente Tilburg:correction.request', 'UWV:objection.record']));
    expect(report.data!.subjectAccessReport.document).toContain('Verzoek om verbetering');
  });

  it('no BSN in what the API logged', () => {
    expect(logged.length).toBeGreaterThan(0);
    expect(logged).not.toContain(bsn);
    expect(logged).not.toContain(otherBsn);
  });
});
