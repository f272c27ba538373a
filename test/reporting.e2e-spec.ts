import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { addWorkingDays } from '@schakel/follow-ups';
import { createDataSource, deleteKeys } from '@schakel/platform';
import { type DemoCase, type DemoLink, demoHistory, type Outcome, type ReferralTopic } from '@schakel/referrals';
import { REPORT_REFRESH_SCHEDULER, REPORTING_QUEUE, ReportRefresher, ReportRefreshSchedule } from '@schakel/reporting';
import { currentTestEnvironment, type TestClient } from '@schakel/testing';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { IsolatedEnvironment } from './support/isolated-environment';
import { type Stack, startStack } from './support/stack';

/**
 * The reports (issue 12) on a seeded data set with known answers: every figure of both reports,
 * working days across Easter, suppression below 5 and of derivable cells, who sees whose figures,
 * FORBIDDEN for case roles, no personal data in any response, leerverhalen only after review and
 * without anything identifying, voorstellen moved only by their owner, and the refresh job's
 * schedule and watermark surviving an emptied Redis.
 *
 * The data (April and May 2026): Tilburg sends UWV 14 handoffs on Thursday 2 April 10:00 (topic
 * WERK; due Tuesday 7 April, Easter Monday in between); one is forwarded to SVB, one returned.
 * Enschede sends UWV 3 on Monday 4 May (INKOMEN). UWV records 12 knelpunten, one full of
 * personal data.
 */
interface GqlError {
  message: string;
  extensions?: { code?: string };
}

const RULES = { goodFridayIsHoliday: false };
const PII = ['Fatima', 'Vries', 'Bakker', '111222333', '06-12345678', 'fatima@example.nl'];

const CELL = 'value suppressed display';
const FIGURES = `sent { ${CELL} } received { ${CELL} } accepted { ${CELL} } contacted { ${CELL} } completed { ${CELL} } helped { ${CELL} } partlyHelped { ${CELL} }
  notHelped { ${CELL} } forwarded { ${CELL} } returned { ${CELL} } cancelled { ${CELL} } escalated { ${CELL} } open { ${CELL} }
  acceptMeasured { ${CELL} } acceptWithinNorm { ${CELL} } acceptWithinNormShare { ${CELL} } contactMeasured { ${CELL} } contactWithinNorm { ${CELL} }
  contactWithinNormShare { ${CELL} } agreementNorm { ${CELL} } multiLinkChains { ${CELL} }
  acceptanceDays { median { ${CELL} } p90 { ${CELL} } cases { ${CELL} } } firstContactDays { median { ${CELL} } p90 { ${CELL} } cases { ${CELL} } }
  chainLength { median { ${CELL} } p90 { ${CELL} } cases { ${CELL} } }`;
const EXECUTION = `query ($p: ReportPeriodInput!, $s: ReportScope!, $l: ID) { executionReport(period: $p, scope: $s, actionListId: $l) {
  scope organisations { id name } stories { id title situation status } totals { ${FIGURES} }
  byMonth { key label figures { ${FIGURES} } } byTopic { key figures { ${FIGURES} } } byOrganisation { key label figures { ${FIGURES} } }
  proposals { id rule status bottlenecks { id description } } dataUpTo } }`;
const BOTTLENECKS = `query ($p: ReportPeriodInput!, $g: BottleneckGrouping!) { bottleneckReport(period: $p, groupBy: $g) {
  total { ${CELL} } maatwerk { ${CELL} } groups { key label count { ${CELL} } maatwerk { ${CELL} } items { id month category rule description customSolutionApplied customSolution organisationName } }
  trend { month count { ${CELL} } maatwerk { ${CELL} } } stories { id } proposals { id } } }`;
const PERIOD = { from: '2026-04', to: '2026-05' };

interface Cell {
  value: number | null;
  suppressed: boolean;
  display: string;
}
type Figures = Record<string, Cell> & Record<'acceptanceDays' | 'firstContactDays' | 'chainLength', { median: Cell; p90: Cell; cases: Cell }>;
interface ExecutionReport {
  organisations: Array<{ id: string; name: string }>;
  stories: Array<{ id: string; title: string; status: string }>;
  totals: Figures;
  byMonth: Array<{ key: string; figures: Figures }>;
  byTopic: Array<{ key: string; figures: Figures }>;
  byOrganisation: Array<{ key: string; label: string; figures: Figures }>;
  proposals: Array<{ id: string; status: string }>;
  dataUpTo: string | null;
}
interface BottleneckReport {
  total: Cell;
  maatwerk: Cell;
  groups: Array<{ key: string; count: Cell; maatwerk: Cell; items: Array<{ id: string; description: string; customSolution: string | null; category: string }> }>;
  trend: Array<{ month: string; count: Cell; maatwerk: Cell }>;
  stories: Array<{ id: string }>;
}

const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };
const cell = (c: Pick<Cell, 'value' | 'suppressed'>) => ({ value: c.value, suppressed: c.suppressed });

describe('reports (issue 12)', () => {
  const env = new IsolatedEnvironment('reporting');
  let stack: Stack | undefined;
  let owner: DataSource | undefined;
  let api: TestClient;
  let orgs: Record<string, string>;
  const tokens: Record<string, string> = {};
  const caseIds: string[] = [];
  const bottleneckOf = new Map<string, string>();
  let jointListId: string;
  let draftListId: string;

  const gql = async <T>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: T | null; errors?: readonly GqlError[] }> => {
    tokens[who] ??= await api.devToken(who);
    return api.graphql<T>(query, variables, tokens[who]);
  };
  const ok = async <T>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await gql<T>(who, query, variables);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data as T;
  };
  const code = async (who: string, query: string, variables: Record<string, unknown> = {}): Promise<string | undefined> => (await gql(who, query, variables)).errors?.[0]?.extensions?.code;
  const execution = async (who: string, scope = 'ORGANISATION', listId: string | null = null) =>
    (await ok<{ executionReport: ExecutionReport }>(who, EXECUTION, { p: PERIOD, s: scope, l: listId })).executionReport;
  const bottlenecks = async (who: string, groupBy = 'CATEGORY') => (await ok<{ bottleneckReport: BottleneckReport }>(who, BOTTLENECKS, { p: PERIOD, g: groupBy })).bottleneckReport;

  function link(from: string, to: string, requestedAt: string, step: Partial<DemoLink> & { escalated?: string[] }, urgencyDays = 2): DemoLink {
    const acceptDue = addWorkingDays(new Date(requestedAt), urgencyDays, RULES).toISOString();
    const contactDue = step.acceptedAt ? addWorkingDays(new Date(step.acceptedAt), 3, RULES).toISOString() : null;
    const status = step.status ?? (step.completedAt ? 'COMPLETED' : step.contactedAt ? 'IN_PROGRESS' : step.acceptedAt ? 'ACCEPTED' : 'REQUESTED');
    return {
      id: randomUUID(),
      sequence: 1,
      previousId: null,
      fromOrganisationId: orgs[from],
      toOrganisationId: orgs[to],
      status,
      requestedAt,
      receivedAt: step.acceptedAt ?? step.forwardedAt ?? step.returnedAt ?? null,
      acceptedAt: null,
      contactedAt: null,
      completedAt: null,
      forwardedAt: null,
      returnedAt: null,
      cancelledAt: null,
      acceptDueAt: acceptDue,
      contactDueAt: contactDue,
      deadlineSource: 'DEFAULT',
      outcome: null,
      reason: step.forwardedAt || step.returnedAt ? 'Hoort elders.' : null,
      overdue: false,
      escalationLevel: 0,
      escalatedAt: step.escalated ?? [],
      ...step,
    };
  }

  function referral(from: string, topic: ReferralTopic, citizenName: string, links: DemoLink[]): DemoCase {
    const id = randomUUID();
    caseIds.push(id, ...links.map((l) => l.id));
    return {
      referralId: id,
      originOrganisationId: orgs[from],
      topic,
      urgency: 'NORMAAL',
      status: links[links.length - 1].status === 'COMPLETED' ? 'RESOLVED' : 'OPEN',
      summary: 'Test: bekende antwoorden.',
      createdAt: links[0].requestedAt,
      closedAt: links[links.length - 1].completedAt,
      citizenName,
      bsnHash: randomUUID().replace(/-/g, ''),
      links,
      bottleneck: null,
    };
  }

  function seedCases(): DemoCase[] {
    const R = '2026-04-02T08:00:00Z';
    const done = (acceptedAt: string, contactedAt: string, completedAt: string, outcome: Outcome, extra: Partial<DemoLink> & { escalated?: string[] } = {}) =>
      link('tilburg', 'uwv', R, { acceptedAt, contactedAt, completedAt, outcome, ...extra });
    const agreed = { deadlineSource: 'actielijst:00000000-0000-4000-8000-000000000001:v1' };
    const april: DemoLink[][] = [
      ...[1, 2, 3, 4, 5].map(() => [done('2026-04-02T12:00:00Z', '2026-04-03T12:00:00Z', '2026-04-20T12:00:00Z', 'GEHOLPEN', agreed)]),
      [done('2026-04-03T09:00:00Z', '2026-04-07T09:00:00Z', '2026-04-30T09:00:00Z', 'GEHOLPEN')],
      [done('2026-04-03T09:00:00Z', '2026-04-07T09:00:00Z', '2026-04-30T09:00:00Z', 'DEELS_GEHOLPEN')],
      [done('2026-04-07T07:00:00Z', '2026-04-08T09:00:00Z', '2026-04-30T09:00:00Z', 'NIET_GEHOLPEN')],
      [link('tilburg', 'uwv', R, { acceptedAt: '2026-04-09T09:00:00Z', contactedAt: '2026-04-10T09:00:00Z', escalated: ['2026-04-07T08:15:00Z'] })],
      [link('tilburg', 'uwv', R, { acceptedAt: '2026-04-14T09:00:00Z', escalated: ['2026-04-07T08:15:00Z', '2026-04-08T08:15:00Z'] })],
      // Forwarded warmly to SVB, which picks it up the same day.
      (() => {
        const first = link('tilburg', 'uwv', R, { status: 'FORWARDED', forwardedAt: '2026-04-03T09:00:00Z' });
        const second = link('uwv', 'svb', '2026-04-03T09:00:00Z', {
          sequence: 2,
          previousId: first.id,
          acceptedAt: '2026-04-03T13:00:00Z',
          contactedAt: '2026-04-07T09:00:00Z',
          completedAt: '2026-04-20T09:00:00Z',
          outcome: 'GEHOLPEN',
        });
        return [first, second];
      })(),
      [link('tilburg', 'uwv', R, { status: 'RETURNED', returnedAt: '2026-04-02T14:00:00Z' })],
      [done('2026-04-08T09:00:00Z', '2026-04-09T09:00:00Z', '2026-04-28T09:00:00Z', 'GEHOLPEN', { escalated: ['2026-04-07T08:15:00Z'] })],
      [done('2026-04-08T10:00:00Z', '2026-04-09T10:00:00Z', '2026-04-28T10:00:00Z', 'GEHOLPEN', { escalated: ['2026-04-07T08:15:00Z'] })],
    ];
    const M = '2026-05-04T08:00:00Z';
    const may: DemoLink[][] = [
      [link('enschede', 'uwv', M, { acceptedAt: '2026-05-04T12:00:00Z', contactedAt: '2026-05-05T12:00:00Z', completedAt: '2026-05-20T12:00:00Z', outcome: 'GEHOLPEN' })],
      [link('enschede', 'uwv', M, { acceptedAt: '2026-05-06T07:00:00Z' })],
      [link('enschede', 'uwv', M, { overdue: true, escalationLevel: 3, escalated: ['2026-05-06T08:15:00Z', '2026-05-07T08:15:00Z', '2026-05-08T08:15:00Z'] })],
    ];
    const cases = [
      ...april.map((links, i) => referral('tilburg', 'WERK', i === 0 ? 'Fatima de Vries' : `Pieter Bakker`, links)),
      ...may.map((links) => referral('enschede', 'INKOMEN', 'Pieter Bakker', links)),
    ];
    // UWV's knelpunten: 6 about Suwinet (4 with maatwerk, the first full of personal data), 5 about the process, 1 about the law.
    const knelpunt = (i: number, category: 'SYSTEEM' | 'WERKPROCES' | 'WET_EN_REGELGEVING', rule: string, description: string, customSolution: string | null) => {
      cases[i].bottleneck = { organisationId: orgs.uwv, category, rule, description, customSolution, createdAt: '2026-04-15T10:00:00Z' };
    };
    knelpunt(
      0,
      'SYSTEEM',
      'Suwinet-Inkijk',
      'Mevrouw Fatima de Vries (BSN 111222333) belde vanaf 06-12345678 en mailde fatima@example.nl: de WW-beslissing was niet te zien.',
      'Voorschot verstrekt aan mevrouw De Vries.',
    );
    for (const i of [1, 2, 3]) knelpunt(i, 'SYSTEEM', 'Suwinet-Inkijk', 'De WW-beslissing was niet te zien voor de gemeente.', 'Voorschot op basis van de brief.');
    for (const i of [4, 5]) knelpunt(i, 'SYSTEEM', 'Suwinet-Inkijk', 'De WW-beslissing was niet te zien voor de gemeente.', null);
    for (const i of [6, 7, 8, 12, 13]) knelpunt(i, 'WERKPROCES', 'Stukken opnieuw aanleveren', 'Dezelfde stukken moesten twee keer worden aangeleverd.', null);
    knelpunt(9, 'WET_EN_REGELGEVING', 'Participatiewet art. 18', 'De regel paste niet bij deze situatie.', 'Afgeweken met een korte motivering.');
    return cases;
  }

  async function insertActionList(parties: string[], status: 'FINAL' | 'OPEN_FOR_SIGNING'): Promise<string> {
    if (!owner) throw new Error('no owner connection');
    const listId = randomUUID();
    const content = {
      title: 'Samen één loket (test)',
      description: 'Afspraken.',
      parties: parties.map((p) => ({ organisationId: orgs[p], oin: '00000099000000000000', name: p })),
      items: [],
      agreements: [],
    };
    await owner.query(`INSERT INTO action_lists (id, owner_organisation_id) VALUES ($1, $2)`, [listId, orgs[parties[0]]]);
    await owner.query(`INSERT INTO action_list_parties (list_id, organisation_id) SELECT $1, unnest($2::uuid[])`, [listId, parties.map((p) => orgs[p])]);
    await owner.query(
      `INSERT INTO action_list_versions (list_id, version, status, content, content_hash, opened_at, finalised_at)
       VALUES ($1, 1, $2, $3, repeat('a', 64), now(), $4)`,
      [listId, status, JSON.stringify(content), status === 'FINAL' ? new Date() : null],
    );
    return listId;
  }

  beforeAll(async () => {
    stack = await startStack(env);
    ({ client: api, orgs } = stack);
    owner = await createDataSource({ url: env.ownerUrl, entities: [], poolSize: 1 }).initialize();
    const cases = seedCases();
    await owner.transaction((m) => demoHistory.write(m, cases));
    for (const c of cases) {
      const [row] = (await owner.query(`SELECT id FROM bottlenecks WHERE referral_id = $1`, [c.referralId])) as Array<{ id: string }>;
      if (row) {
        bottleneckOf.set(c.referralId, row.id);
        caseIds.push(row.id);
      }
    }
    jointListId = await insertActionList(['tilburg', 'uwv', 'svb'], 'FINAL');
    draftListId = await insertActionList(['enschede', 'tilburg'], 'OPEN_FOR_SIGNING');
    await stack.api.get(ReportRefresher, { strict: false }).refreshAll(new Date('2026-11-30T12:00:00Z'));
  });

  afterAll(async () => {
    await owner?.destroy();
    await stack?.close();
  });

  it('counts working days across Easter the way the deadlines do', () => {
    expect(addWorkingDays(new Date('2026-04-02T08:00:00Z'), 2, RULES).toISOString()).toBe('2026-04-07T08:00:00.000Z');
  });

  it('gives UWV its staat van de uitvoering with every figure exact', async () => {
    const r = await execution('beleid@uwv.demo');
    expect(r.organisations.map((o) => o.id)).toEqual([orgs.uwv]);
    const t = r.totals;
    const counts = Object.fromEntries(
      ['sent', 'received', 'accepted', 'contacted', 'completed', 'helped', 'partlyHelped', 'notHelped', 'forwarded', 'returned', 'cancelled', 'escalated', 'open', 'acceptMeasured', 'acceptWithinNorm', 'contactMeasured', 'contactWithinNorm', 'agreementNorm', 'multiLinkChains'].map((k) => [k, cell(t[k])]),
    );
    expect(counts).toEqual({
      sent: hidden, // 1: the forward to SVB
      received: shown(17),
      accepted: shown(14),
      contacted: shown(12),
      completed: shown(11),
      helped: shown(9),
      partlyHelped: hidden,
      notHelped: hidden,
      forwarded: hidden,
      returned: hidden,
      cancelled: shown(0),
      escalated: shown(5),
      open: hidden,
      acceptMeasured: shown(17),
      acceptWithinNorm: shown(12),
      contactMeasured: shown(14),
      // 12 of 14: the 2 missed could be derived, so the 12 is hidden too.
      contactWithinNorm: hidden,
      agreementNorm: shown(5),
      multiLinkChains: shown(0),
    });
    expect(cell(t.acceptWithinNormShare)).toEqual(shown(0.706));
    expect(t.acceptWithinNormShare.display).toBe('70,6%');
    expect(cell(t.contactWithinNormShare)).toEqual(hidden);
    expect(t.contactWithinNorm.display).toBe('< 5');
    // Acceptance: 0×6, 1×2, 2×2, 3×2, 4, 7 working days (Easter Monday not counted).
    expect(cell(t.acceptanceDays.median)).toEqual(shown(1));
    expect(cell(t.acceptanceDays.p90)).toEqual(shown(4));
    expect(cell(t.acceptanceDays.cases)).toEqual(shown(14));
    // First contact from the request: 1×6, 2×2, 3, 4×2, 5.
    expect(cell(t.firstContactDays.median)).toEqual(shown(1.5));
    expect(cell(t.firstContactDays.p90)).toEqual(shown(4));
    expect(cell(t.chainLength.cases)).toEqual(shown(0));
  });

  it('suppresses a month below 5 and the month that would give it away', async () => {
    const r = await execution('beleid@uwv.demo');
    const month = (key: string) => r.byMonth.find((m) => m.key === key)?.figures;
    expect(r.byMonth.map((m) => m.key)).toEqual(['2026-04-01', '2026-05-01']);
    expect(cell(month('2026-05-01')?.received ?? hidden)).toEqual(hidden); // 3
    expect(cell(month('2026-04-01')?.received ?? shown(0))).toEqual(hidden); // 14 = 17 − 3
    expect(cell(month('2026-04-01')?.agreementNorm ?? hidden)).toEqual(shown(5));
    expect(cell(month('2026-05-01')?.agreementNorm ?? hidden)).toEqual(shown(0));
    // April's acceptance alone: 0×5, 1×2, 2, 3×2, 4, 7.
    expect(cell(month('2026-04-01')?.acceptanceDays.median ?? hidden)).toEqual(shown(1));
    expect(cell(month('2026-04-01')?.acceptanceDays.p90 ?? hidden)).toEqual(shown(4));
    const topic = (key: string) => r.byTopic.find((m) => m.key === key)?.figures;
    expect(cell(topic('WERK')?.received ?? hidden)).toEqual(shown(14));
    expect(cell(topic('INKOMEN')?.received ?? shown(0))).toEqual(hidden);
    // INKOMEN alone would be 17 − 14 − 0s: the first topic shown as 0 is hidden with it.
    expect(cell(topic('SCHULDEN')?.received ?? shown(0))).toEqual(hidden);
    expect(cell(topic('TOESLAGEN')?.received ?? hidden)).toEqual(shown(0));
    expect(r.byOrganisation).toEqual([]);
  });

  it('gives Tilburg only its own figures: what it sent and its chains', async () => {
    const t = (await execution('secretaris@tilburg.demo')).totals;
    expect(cell(t.sent)).toEqual(shown(14));
    expect(cell(t.received)).toEqual(shown(0));
    expect(cell(t.multiLinkChains)).toEqual(hidden);
    expect(cell(t.chainLength.median)).toEqual(shown(1));
    expect(cell(t.chainLength.p90)).toEqual(shown(1));
    expect(cell(t.chainLength.cases)).toEqual(shown(14));
  });

  it('gives the parties of a FINAL action list each other’s figures, and no one else', async () => {
    const r = await execution('beleid@tilburg.demo', 'ACTION_LIST', jointListId);
    expect(r.organisations.map((o) => o.id).sort()).toEqual([orgs.tilburg, orgs.uwv, orgs.svb].sort());
    expect(cell(r.totals.received)).toEqual(shown(18));
    expect(cell(r.totals.sent)).toEqual(shown(15));
    expect(cell(r.totals.acceptanceDays.median)).toEqual(shown(1));
    expect(cell(r.totals.acceptanceDays.p90)).toEqual(shown(4));
    const party = (id: string) => r.byOrganisation.find((o) => o.key === id)?.figures;
    expect(cell(party(orgs.uwv)?.received ?? hidden)).toEqual(shown(17));
    expect(cell(party(orgs.svb)?.received ?? shown(0))).toEqual(hidden);
    expect(cell(party(orgs.tilburg)?.received ?? shown(1))).toEqual(hidden); // the 0 that would give SVB's 1 away
    // Not a party: the list does not exist for Enschede. A party of a list that is not FINAL: forbidden.
    expect(await code('beleid@enschede.demo', EXECUTION, { p: PERIOD, s: 'ACTION_LIST', l: jointListId })).toBe('NOT_FOUND');
    expect(await code('beleid@enschede.demo', EXECUTION, { p: PERIOD, s: 'ACTION_LIST', l: draftListId })).toBe('FORBIDDEN');
    expect(await code('beleid@tilburg.demo', EXECUTION, { p: PERIOD, s: 'ACTION_LIST', l: null })).toBe('BAD_USER_INPUT');
  });

  it('refuses the reports to case roles and machine-free bad input', async () => {
    for (const who of ['balie@uwv.demo', 'behandelaar@uwv.demo', 'coordinator@uwv.demo', 'beheer@uwv.demo']) {
      expect(await code(who, EXECUTION, { p: PERIOD, s: 'ORGANISATION' })).toBe('FORBIDDEN');
      expect(await code(who, BOTTLENECKS, { p: PERIOD, g: 'CATEGORY' })).toBe('FORBIDDEN');
    }
    // A partner system, whatever its scopes, reads no reports: they are for the organisation's own policy staff.
    tokens['uwv-system'] = await api.clientToken('uwv-system', 'dev-secret-uwv-system', 'handoffs:read handoffs:write action-lists:read action-lists:sign webhooks:manage');
    for (const query of [EXECUTION, BOTTLENECKS]) expect(await code('uwv-system', query, { p: PERIOD, s: 'ORGANISATION', g: 'CATEGORY' })).toBe('FORBIDDEN');
    expect(await code('uwv-system', `{ executionReportPdf(year: 2026) }`)).toBe('FORBIDDEN');
    expect(await code('beleid@uwv.demo', EXECUTION, { p: { from: '2026-05', to: '2026-04' }, s: 'ORGANISATION' })).toBe('BAD_USER_INPUT');
    expect(await code('beleid@uwv.demo', EXECUTION, { p: { from: '2026-4', to: '2026-05' }, s: 'ORGANISATION' })).toBe('BAD_USER_INPUT');
  });

  it('gives the knelpuntenrapportage with suppression, scrubbed texts and no way back to a case', async () => {
    const r = await bottlenecks('beleid@uwv.demo');
    expect(cell(r.total)).toEqual(shown(12));
    expect(cell(r.maatwerk)).toEqual(shown(5));
    const group = (key: string) => r.groups.find((g) => g.key === key);
    expect(cell(group('SYSTEEM')?.count ?? hidden)).toEqual(shown(6));
    expect(cell(group('SYSTEEM')?.maatwerk ?? shown(0))).toEqual(hidden);
    expect(group('SYSTEEM')?.items).toHaveLength(6);
    // The law group counts 1; the process group (5) would give it away and is hidden too, texts and all.
    expect(cell(group('WET_EN_REGELGEVING')?.count ?? shown(0))).toEqual(hidden);
    expect(cell(group('WERKPROCES')?.count ?? shown(0))).toEqual(hidden);
    expect(group('WERKPROCES')?.items).toEqual([]);
    expect(r.trend.map((m) => [m.month, cell(m.count), cell(m.maatwerk)])).toEqual([
      ['2026-04-01', shown(12), shown(5)],
      ['2026-05-01', shown(0), shown(0)],
    ]);
    const scrubbed = group('SYSTEEM')?.items.find((i) => i.description.includes('[naam]'));
    expect(scrubbed?.description).toBe('Mevrouw [naam] (BSN [nummer]) belde vanaf [telefoonnummer] en mailde [e-mailadres]: de WW-beslissing was niet te zien.');
    expect(scrubbed?.customSolution).toBe('Voorschot verstrekt aan mevrouw [naam].');
    const byRule = await bottlenecks('beleid@uwv.demo', 'RULE');
    expect(byRule.groups.find((g) => g.key === 'suwinet-inkijk')?.count.value).toBe(6);
    // Tilburg recorded no knelpunten: it does not see UWV's.
    expect(cell((await bottlenecks('beleid@tilburg.demo')).total)).toEqual(shown(0));
  });

  it('puts no personal data and no case id in any report response or PDF', async () => {
    const responses = [
      JSON.stringify(await execution('beleid@uwv.demo')),
      JSON.stringify(await execution('beleid@tilburg.demo', 'ACTION_LIST', jointListId)),
      JSON.stringify(await bottlenecks('beleid@uwv.demo')),
      JSON.stringify(await bottlenecks('beleid@uwv.demo', 'RULE')),
      JSON.stringify(await bottlenecks('beleid@uwv.demo', 'ORGANISATION')),
    ];
    const csv = await ok<{ executionReportCsv: string; bottleneckReportCsv: string }>(
      'beleid@uwv.demo',
      `query ($p: ReportPeriodInput!) { executionReportCsv(period: $p) bottleneckReportCsv(period: $p, groupBy: RULE) }`,
      { p: PERIOD },
    );
    responses.push(csv.executionReportCsv, csv.bottleneckReportCsv);
    for (const text of responses) {
      for (const secret of [...PII, ...caseIds]) expect(text).not.toContain(secret);
    }
    // The CSV shows what the report shows: Excel-friendly, suppressed cells as "< 5".
    const lines = csv.executionReportCsv.split('\r\n');
    expect(lines[0].startsWith('\uFEFFIndeling;Rij;Verzonden;Ontvangen;')).toBe(true);
    expect(lines[1].split(';').slice(0, 4)).toEqual(['Totaal', '2026-04 t/m 2026-05', '< 5', '17']);
    expect(lines.find((l) => l.startsWith('Maand;mei 2026;'))?.split(';')[3]).toBe('< 5');
    expect(csv.bottleneckReportCsv.split('\r\n')[1]).toBe('Totaal;2026-04 t/m 2026-05;12;5');
    expect(await code('behandelaar@uwv.demo', `query ($p: ReportPeriodInput!) { executionReportCsv(period: $p) }`, { p: PERIOD })).toBe('FORBIDDEN');
    const { executionReportPdf } = await ok<{ executionReportPdf: string }>('beleid@uwv.demo', `{ executionReportPdf(year: 2026) }`);
    const pdf = Buffer.from(executionReportPdf, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/Lang (nl-NL)');
    expect(raw).toMatch(/\/Marked true/);
    expect(await code('behandelaar@uwv.demo', `{ executionReportPdf(year: 2026) }`)).toBe('FORBIDDEN');
  });

  describe('leerverhalen', () => {
    const CREATE = `mutation ($i: LearningStoryInput!) { createLearningStory(input: $i) { id status title situation month topic category writtenByMe } }`;
    const REVIEW = `mutation ($id: ID!, $d: ReviewDecision!, $n: String) { reviewLearningStory(id: $id, decision: $d, note: $n) { id status reviewNote } }`;
    const story = (bottleneckId: string, extra: Record<string, string> = {}) => ({
      i: {
        bottleneckId,
        title: 'Voorschot op vertrouwen',
        situation: 'Een inwoner zat zonder inkomen omdat een beslissing niet zichtbaar was.',
        action: 'Voorschot gegeven op basis van de brief.',
        reason: 'Wachten had een huurachterstand gegeven.',
        ruleNeed: 'Inzage met toestemming.',
        ...extra,
      },
    });
    let first: string;
    let cases: string[];

    beforeAll(() => {
      cases = [...bottleneckOf.keys()];
    });

    it('is written from handled maatwerk, refused with anything identifying, and kept without a link to the case', async () => {
      const a1 = bottleneckOf.get(cases[0]) ?? '';
      for (const [field, value] of [
        ['situation', 'Mevrouw Jansen zat zonder inkomen.'],
        ['situation', 'Het ging om BSN 111222333.'],
        ['action', 'Gebeld op 06-12345678.'],
        ['reason', 'Fatima had geen geld meer.'],
        ['ruleNeed', 'Mail naar fatima@example.nl.'],
      ]) {
        expect(await code('behandelaar@uwv.demo', CREATE, story(a1, { [field]: value }))).toBe('BAD_USER_INPUT');
      }
      // Not handled by UWV yet (the law knelpunt's case is still open), no maatwerk, or not UWV's knelpunt.
      expect(await code('behandelaar@uwv.demo', CREATE, story(bottleneckOf.get(cases[9]) ?? ''))).toBe('BAD_USER_INPUT');
      expect(await code('behandelaar@uwv.demo', CREATE, story(bottleneckOf.get(cases[4]) ?? ''))).toBe('BAD_USER_INPUT');
      expect(await code('behandelaar@enschede.demo', CREATE, story(a1))).toBe('NOT_FOUND');
      expect(await code('balie@uwv.demo', CREATE, story(a1))).toBe('FORBIDDEN');
      const { createLearningStory } = await ok<{ createLearningStory: { id: string; status: string; month: string; topic: string; category: string; writtenByMe: boolean } }>('behandelaar@uwv.demo', CREATE, story(a1));
      expect(createLearningStory).toMatchObject({ status: 'TER_REVIEW', month: '2026-04-01', topic: 'WERK', category: 'SYSTEEM', writtenByMe: true });
      first = createLearningStory.id;
      const [row] = (await owner?.query(`SELECT to_jsonb(s) AS s FROM learning_stories s WHERE id = $1`, [first])) as Array<{ s: Record<string, unknown> }>;
      for (const secret of [...PII, ...caseIds]) expect(JSON.stringify(row.s)).not.toContain(secret);
    });

    it('is not in a report before a coördinator other than the writer approved it', async () => {
      expect((await execution('beleid@uwv.demo')).stories).toEqual([]);
      expect((await bottlenecks('beleid@uwv.demo')).stories).toEqual([]);
      expect((await ok<{ learningStories: unknown[] }>('beleid@uwv.demo', `{ learningStories { id } }`)).learningStories).toEqual([]);
      expect(await code('behandelaar@uwv.demo', REVIEW, { id: first, d: 'APPROVE' })).toBe('FORBIDDEN');
      expect(await code('coordinator@svb.demo', REVIEW, { id: first, d: 'APPROVE' })).toBe('NOT_FOUND');
      // A coördinator's own story needs another coördinator.
      const own = await ok<{ createLearningStory: { id: string } }>('coordinator@uwv.demo', CREATE, story(bottleneckOf.get(cases[1]) ?? ''));
      expect(await code('coordinator@uwv.demo', REVIEW, { id: own.createLearningStory.id, d: 'APPROVE' })).toBe('FORBIDDEN');
      const pending = await ok<{ learningStories: Array<{ id: string }> }>('coordinator@uwv.demo', `{ learningStories(status: TER_REVIEW) { id } }`);
      expect(pending.learningStories.map((s) => s.id).sort()).toEqual([first, own.createLearningStory.id].sort());

      const { reviewLearningStory } = await ok<{ reviewLearningStory: { status: string } }>('coordinator@uwv.demo', REVIEW, { id: first, d: 'APPROVE' });
      expect(reviewLearningStory.status).toBe('GOEDGEKEURD');
      expect(await code('coordinator@uwv.demo', REVIEW, { id: first, d: 'REJECT' })).toBe('INVALID_TRANSITION');
      const r = await execution('beleid@uwv.demo');
      expect(r.stories.map((s) => [s.id, s.title, s.status])).toEqual([[first, 'Voorschot op vertrouwen', 'GOEDGEKEURD']]);
      expect((await bottlenecks('beleid@uwv.demo')).stories.map((s) => s.id)).toEqual([first]);
      expect((await ok<{ learningStories: Array<{ id: string }> }>('beleid@uwv.demo', `{ learningStories { id } }`)).learningStories.map((s) => s.id)).toEqual([first]);
      // Tilburg's own report does not show UWV's story; the joint one does.
      expect((await execution('beleid@tilburg.demo')).stories).toEqual([]);
      expect((await execution('beleid@tilburg.demo', 'ACTION_LIST', jointListId)).stories.map((s) => s.id)).toEqual([first]);
    });
  });

  describe('vereenvoudigingsagenda', () => {
    const CREATE = `mutation ($i: SimplificationProposalInput!) { createSimplificationProposal(input: $i) { id status version canRespond owner { id } bottlenecks { id description } } }`;
    const MOVE = `mutation ($i: ProposalStatusInput!) { updateSimplificationProposalStatus(input: $i) { id status version rejectionReason response canRespond } }`;

    it('moves a voorstel through its statuses only by the owner organisation', async () => {
      const report = await bottlenecks('beleid@uwv.demo');
      const suwinet = report.groups.find((g) => g.key === 'SYSTEEM')?.items.map((i) => i.id) ?? [];
      expect(suwinet).toHaveLength(6);
      const input = { ownerOrganisationId: orgs.svb, rule: 'Suwinet-Inkijk', proposal: 'Laat partners de beslissing zien met toestemming van de inwoner.', bottleneckIds: suwinet.slice(0, 3) };
      expect(await code('behandelaar@uwv.demo', CREATE, { i: input })).toBe('FORBIDDEN');
      // Only the own organisation's knelpunten can be bundled.
      expect(await code('beleid@tilburg.demo', CREATE, { i: input })).toBe('BAD_USER_INPUT');
      const { createSimplificationProposal: p } = await ok<{ createSimplificationProposal: { id: string; status: string; version: number; canRespond: boolean; bottlenecks: unknown[] } }>('beleid@uwv.demo', CREATE, { i: input });
      expect(p).toMatchObject({ status: 'INGEDIEND', version: 1, canRespond: false });
      expect(p.bottlenecks).toHaveLength(3);

      const move = (who: string, status: string, version: number, extra: Record<string, string> = {}) => gql<{ updateSimplificationProposalStatus: { status: string; version: number; rejectionReason: string | null } }>(who, MOVE, { i: { id: p.id, status, expectedVersion: version, ...extra } });
      expect((await move('beleid@uwv.demo', 'IN_BEHANDELING', 1)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await move('beleid@tilburg.demo', 'IN_BEHANDELING', 1)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await move('behandelaar@svb.demo', 'IN_BEHANDELING', 1)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await move('secretaris@svb.demo', 'OPGELOST', 1)).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
      // The owner sees what it bundles.
      const seen = await ok<{ simplificationProposals: Array<{ id: string; canRespond: boolean; bottlenecks: unknown[] }> }>('secretaris@svb.demo', `{ simplificationProposals { id canRespond bottlenecks { id } } }`);
      expect(seen.simplificationProposals.find((x) => x.id === p.id)).toMatchObject({ canRespond: true, bottlenecks: expect.any(Array) });
      expect(seen.simplificationProposals.find((x) => x.id === p.id)?.bottlenecks).toHaveLength(3);

      expect((await move('secretaris@svb.demo', 'IN_BEHANDELING', 1)).data?.updateSimplificationProposalStatus).toMatchObject({ status: 'IN_BEHANDELING', version: 2 });
      expect((await move('secretaris@svb.demo', 'AFGEWEZEN', 1, { rejectionReason: 'Te laat.' })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect((await move('secretaris@svb.demo', 'AFGEWEZEN', 2)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await move('secretaris@svb.demo', 'OPGELOST', 2, { rejectionReason: 'Hoort niet.' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const rejected = await move('beleid@svb.demo', 'AFGEWEZEN', 2, { rejectionReason: 'Dit regelt UWV zelf; wij geven het door.' });
      expect(rejected.data?.updateSimplificationProposalStatus).toMatchObject({ status: 'AFGEWEZEN', version: 3, rejectionReason: 'Dit regelt UWV zelf; wij geven het door.' });
      expect((await move('secretaris@svb.demo', 'OPGELOST', 3)).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');

      // On the agenda of both organisations' reports, and of the joint one; not of Enschede's.
      expect((await execution('beleid@uwv.demo')).proposals.map((x) => [x.id, x.status])).toEqual([[p.id, 'AFGEWEZEN']]);
      expect((await execution('beleid@svb.demo')).proposals.map((x) => x.id)).toEqual([p.id]);
      expect((await execution('beleid@tilburg.demo', 'ACTION_LIST', jointListId)).proposals.map((x) => x.id)).toEqual([p.id]);
      expect((await execution('beleid@enschede.demo')).proposals).toEqual([]);
    });
  });

  describe('the refresh job', () => {
    let worker: INestApplicationContext | undefined;

    afterAll(async () => {
      await worker?.close();
    });

    it('is a repeatable BullMQ job whose work is found again in PostgreSQL after Redis was emptied', async () => {
      if (!stack || !owner) throw new Error('no stack');
      worker = await stack.startWorker();
      const queue = worker.get<Queue>(getQueueToken(REPORTING_QUEUE), { strict: false });
      const schedule = worker.get(ReportRefreshSchedule, { strict: false });
      await schedule.ensure();
      expect((await queue.getJobSchedulers()).map((s) => s.key)).toContain(REPORT_REFRESH_SCHEDULER);
      const before = (await owner.query(`SELECT count(*)::int AS n FROM report_refresh_state WHERE handoffs_refreshed_at IS NOT NULL`)) as Array<{ n: number }>;
      expect(before[0].n).toBeGreaterThanOrEqual(6);

      await deleteKeys(currentTestEnvironment().redisUrl, `${env.redisPrefix}*`);
      expect(await queue.getJobSchedulers()).toEqual([]);
      await schedule.ensure();
      expect((await queue.getJobSchedulers()).map((s) => s.key)).toContain(REPORT_REFRESH_SCHEDULER);

      // A step taken now is in the figures after the next refresh (the watermark says where to look).
      const [open] = (await owner.query(`SELECT id FROM handoffs WHERE to_organisation_id = $1 AND status = 'REQUESTED'`, [orgs.uwv])) as Array<{ id: string }>;
      await owner.query(`UPDATE handoffs SET status = 'CANCELLED', cancelled_at = '2026-05-08T12:00:00Z', updated_at = now() WHERE id = $1`, [open.id]);
      await stack.api.get(ReportRefresher, { strict: false }).refreshOrganisation(orgs.uwv, new Date());
      const t = (await execution('beleid@uwv.demo')).totals;
      expect(cell(t.cancelled)).toEqual(hidden); // 1
      expect(cell(t.received)).toEqual(shown(17));
    });

    it('copies a knelpunt committed late (created before the watermark) once, however often it runs', async () => {
      if (!stack || !owner) throw new Error('no stack');
      const referralId = [...bottleneckOf.keys()][0];
      // An hour before the newest knelpunt copied so far, as a long transaction would commit it.
      await owner.query(
        `INSERT INTO bottlenecks (referral_id, organisation_id, category, rule, description, created_at) VALUES ($1, $2, 'CAPACITEIT', 'Wachttijd', 'Laat vastgelegd.', '2026-04-15T09:00:00Z')`,
        [referralId, orgs.uwv],
      );
      const refresher = stack.api.get(ReportRefresher, { strict: false });
      await refresher.refreshOrganisation(orgs.uwv, new Date());
      await refresher.refreshOrganisation(orgs.uwv, new Date());
      expect(cell((await bottlenecks('beleid@uwv.demo')).total)).toEqual(shown(13));
    });
  });
});
