import { createHash, randomUUID } from 'node:crypto';
import { addWorkingDays } from '@schakel/follow-ups';
import { queryReturning, switchTenant } from '@schakel/platform';
import { type DemoCase, type DemoLink, demoHistory, type Outcome, REFERRAL_TOPICS, type ReferralTopic, type Urgency } from '@schakel/referrals';
import type { DataSource, EntityManager } from 'typeorm';
import { monthOf } from '../figures/calendar';
import { refreshInTransaction } from '../refresh/report-refresher';
import { textsStore } from '../store/texts.store';
import { DEMO_BOTTLENECKS, DEMO_PROPOSALS, DEMO_STORIES } from './demo-texts';

/**
 * A year of demo case history for the reports (issue 12): handoffs among the six demo
 * organisations in every status, some late and escalated, forwards and returns, knelpunten with
 * maatwerk, leerverhalen reviewed and not, and voorstellen in each status. Deterministic (a
 * seeded generator), written in bulk in one transaction with a marker row (reporting_demo_history),
 * so a second run adds nothing. Every referral's summary starts with "Demo:". Runs as the
 * database owner (the seed), never in the apps; the test template does not get it.
 */
export interface DemoHistoryResult {
  created: boolean;
  referrals: number;
  handoffs: number;
  bottlenecks: number;
}

const DEMO_SLUGS = ['tilburg', 'enschede', 'sittard-geleen', 'uwv', 'svb', 'belastingdienst'] as const;
const RULES = { goodFridayIsHoliday: false };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Which organisation a topic usually belongs to ('gemeente': any municipality). */
const HOME: Record<ReferralTopic, string> = {
  WERK: 'uwv',
  INKOMEN: 'gemeente',
  SCHULDEN: 'gemeente',
  TOESLAGEN: 'belastingdienst',
  BELASTINGEN: 'belastingdienst',
  ZORG: 'gemeente',
  WONEN: 'gemeente',
  JEUGD: 'gemeente',
  OVERIG: 'svb',
};

/** mulberry32: a small seeded generator, so every machine gets the same demo year. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoHistory(dataSource: DataSource, options: { now?: Date; referrals?: number } = {}): Promise<DemoHistoryResult> {
  const now = options.now ?? new Date();
  const total = options.referrals ?? 2400;
  return dataSource.transaction(async (m) => {
    const marker = await queryReturning<{ id: number }>(m, `INSERT INTO reporting_demo_history (id) VALUES (1) ON CONFLICT DO NOTHING RETURNING id`, []);
    if (marker.length === 0) return { created: false, referrals: 0, handoffs: 0, bottlenecks: 0 };
    const orgRows = (await m.query(`SELECT id, slug FROM organisations WHERE slug = ANY($1)`, [DEMO_SLUGS])) as Array<{ id: string; slug: string }>;
    const org = new Map(orgRows.map((r) => [r.slug, r.id]));
    if (org.size < DEMO_SLUGS.length) return { created: false, referrals: 0, handoffs: 0, bottlenecks: 0 };
    const employees = (await m.query(`SELECT id, username FROM employees WHERE username LIKE '%.demo'`)) as Array<{ id: string; username: string }>;
    const employee = new Map(employees.map((e) => [e.username, e.id]));

    const cases = planCases(org, now, total);
    for (let i = 0; i < cases.length; i += 400) await demoHistory.write(m, cases.slice(i, i + 400));

    await writeStories(m, cases, org, employee);
    for (const id of org.values()) {
      await switchTenant(m, id);
      await refreshInTransaction(m, id, RULES.goodFridayIsHoliday, now);
    }
    await writeProposals(m, org, employee);
    return {
      created: true,
      referrals: cases.length,
      handoffs: cases.reduce((n, c) => n + c.links.length, 0),
      bottlenecks: cases.filter((c) => c.bottleneck).length,
    };
  });
}

function planCases(org: Map<string, string>, now: Date, total: number): DemoCase[] {
  const rnd = generator(20261201);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const slugs = [...org.keys()];
  const municipalities = ['tilburg', 'enschede', 'sittard-geleen'];
  const receiverFor = (topic: ReferralTopic, not: string): string => {
    const home = HOME[topic] === 'gemeente' ? pick(municipalities) : HOME[topic];
    return home !== not ? home : pick(slugs.filter((s) => s !== not));
  };
  const iso = (t: number) => new Date(t).toISOString();
  const start = now.getTime() - 365 * DAY;
  const cases: DemoCase[] = [];
  for (let i = 0; i < total; i++) {
    // Municipalities refer most; spread over the year in working hours.
    const originSlug = rnd() < 0.6 ? pick(municipalities) : pick(['uwv', 'svb', 'belastingdienst']);
    let t0 = start + Math.floor(rnd() * 360) * DAY;
    const dayStart = new Date(t0);
    dayStart.setUTCHours(7 + Math.floor(rnd() * 8), Math.floor(rnd() * 60), 0, 0);
    t0 = dayStart.getTime();
    while ([0, 6].includes(new Date(t0).getUTCDay())) t0 += DAY;
    if (t0 > now.getTime() - HOUR) continue;
    const topic = pick(REFERRAL_TOPICS);
    const urgencyDraw = rnd();
    const urgency: Urgency = urgencyDraw < 0.03 ? 'ACUUT' : urgencyDraw < 0.15 ? 'HOOG' : 'NORMAAL';
    const forwards = rnd() < 0.1 ? (rnd() < 0.2 ? 2 : 1) : 0;
    const referralId = randomUUID();
    const links: DemoLink[] = [];
    let from = originSlug;
    let to = forwards > 0 ? pick(slugs.filter((s) => s !== originSlug)) : receiverFor(topic, originSlug);
    let requested = t0;
    for (let k = 0; k <= forwards; k++) {
      const lastLink = k === forwards;
      const acceptDue = urgency === 'ACUUT' ? requested + 4 * HOUR : addWorkingDays(new Date(requested), urgency === 'HOOG' ? 1 : 2, RULES).getTime();
      const link: DemoLink = {
        id: randomUUID(),
        sequence: k + 1,
        previousId: links[k - 1]?.id ?? null,
        fromOrganisationId: org.get(from) ?? '',
        toOrganisationId: org.get(to) ?? '',
        status: 'REQUESTED',
        requestedAt: iso(requested),
        receivedAt: null,
        acceptedAt: null,
        contactedAt: null,
        completedAt: null,
        forwardedAt: null,
        returnedAt: null,
        cancelledAt: null,
        acceptDueAt: iso(acceptDue),
        contactDueAt: null,
        deadlineSource: 'DEFAULT',
        outcome: null,
        reason: null,
        overdue: false,
        escalationLevel: 0,
        escalatedAt: [],
      };
      links.push(link);
      const happened = (t: number) => t <= now.getTime();
      const received = requested + (0.2 + rnd() * 3) * HOUR;
      if (happened(received)) {
        link.receivedAt = iso(received);
        link.status = 'RECEIVED';
      }
      if (!lastLink) {
        // A wrong door: forwarded warmly within a few working days.
        const forwarded = addWorkingDays(new Date(received), Math.floor(rnd() * 3), RULES).getTime() + HOUR;
        if (!happened(forwarded)) break;
        link.status = 'FORWARDED';
        link.forwardedAt = iso(forwarded);
        link.reason = 'Demo: hoort bij een andere organisatie; warm doorgestuurd.';
        from = to;
        to = receiverFor(topic, from);
        requested = forwarded;
        continue;
      }
      const end = rnd();
      let respondedAt: number | null = null;
      if (end < 0.05) {
        const returned = addWorkingDays(new Date(received), Math.floor(rnd() * 2), RULES).getTime() + 2 * HOUR;
        if (happened(returned)) {
          link.status = 'RETURNED';
          link.returnedAt = iso(returned);
          link.reason = 'Demo: terug naar de verwijzer, met uitleg over wie dit wel oppakt.';
          respondedAt = returned;
        }
      } else if (end < 0.08) {
        const cancelled = received + rnd() * 5 * HOUR;
        if (happened(cancelled)) {
          link.status = 'CANCELLED';
          link.cancelledAt = iso(cancelled);
          link.reason = 'Demo: de inwoner is zelf al geholpen.';
          respondedAt = cancelled;
        }
      } else {
        // Mostly within the norm; some late (those escalate).
        const delay = pick([0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 4, 6]);
        const accepted = Math.max(received + HOUR, addWorkingDays(new Date(requested), delay, RULES).getTime() - rnd() * 3 * HOUR);
        if (happened(accepted)) {
          link.status = 'ACCEPTED';
          link.acceptedAt = iso(accepted);
          respondedAt = accepted;
          const contactDue = addWorkingDays(new Date(accepted), 3, RULES).getTime();
          link.contactDueAt = iso(contactDue);
          const contacted = addWorkingDays(new Date(accepted), pick([0, 1, 1, 2, 2, 3, 5]), RULES).getTime() + rnd() * 4 * HOUR;
          if (happened(contacted)) {
            link.status = 'IN_PROGRESS';
            link.contactedAt = iso(contacted);
            const completed = contacted + (3 + rnd() * 27) * DAY;
            if (happened(completed)) {
              link.status = 'COMPLETED';
              link.completedAt = iso(completed);
              const o = rnd();
              link.outcome = (o < 0.6 ? 'GEHOLPEN' : o < 0.85 ? 'DEELS_GEHOLPEN' : 'NIET_GEHOLPEN') satisfies Outcome;
            }
          }
        }
      }
      // Escalations: one per working day after a missed acceptance deadline, at most three.
      const acceptStepEnd = respondedAt ?? now.getTime();
      let escalation = acceptDue + 15 * 60_000;
      while (escalation < acceptStepEnd && link.escalatedAt.length < 3) {
        link.escalatedAt.push(iso(escalation));
        escalation = addWorkingDays(new Date(escalation), 1, RULES).getTime();
      }
      if (respondedAt === null && link.escalatedAt.length > 0) {
        link.overdue = true;
        link.escalationLevel = link.escalatedAt.length;
      }
    }
    const lastLink = links[links.length - 1];
    const template = rnd() < 0.1 && lastLink.acceptedAt ? pick(DEMO_BOTTLENECKS) : null;
    cases.push({
      referralId,
      originOrganisationId: org.get(originSlug) ?? '',
      topic,
      urgency,
      status: lastLink.status === 'COMPLETED' ? 'RESOLVED' : lastLink.status === 'CANCELLED' ? 'WITHDRAWN' : 'OPEN',
      summary: `Demo: ${topic.toLowerCase()}, hulpvraag ${i + 1} uit het demojaar. Geen echte inwoner.`,
      createdAt: links[0].requestedAt,
      closedAt: lastLink.completedAt ?? lastLink.cancelledAt,
      citizenName: `Demo-inwoner ${i + 1}`,
      bsnHash: createHash('sha256').update(`demo-${referralId}`).digest('hex'),
      links,
      bottleneck:
        template && lastLink.acceptedAt
          ? {
              organisationId: lastLink.toOrganisationId,
              category: template.category,
              rule: template.rule,
              description: template.description,
              customSolution: template.customSolution,
              createdAt: lastLink.acceptedAt,
            }
          : null,
    });
  }
  return cases;
}

/** Leerverhalen of organisations that completed a case with maatwerk: most reviewed, some awaiting review, one rejected. */
async function writeStories(m: EntityManager, cases: readonly DemoCase[], org: Map<string, string>, employee: Map<string, string>): Promise<void> {
  const slugOf = new Map([...org.entries()].map(([slug, id]) => [id, slug]));
  const handled = cases.filter((c) => c.bottleneck?.customSolution && c.links[c.links.length - 1].status === 'COMPLETED');
  for (let i = 0; i < Math.min(handled.length, DEMO_STORIES.length * 2); i++) {
    const c = handled[i];
    const b = c.bottleneck;
    if (!b) continue;
    const slug = slugOf.get(b.organisationId) ?? '';
    const story = await textsStore.insertStory(m, {
      organisationId: b.organisationId,
      authorEmployeeId: employee.get(`behandelaar@${slug}.demo`) ?? null,
      month: monthOf(new Date(b.createdAt)),
      topic: c.topic,
      category: b.category,
      ...DEMO_STORIES[i % DEMO_STORIES.length],
    });
    const reviewer = employee.get(`coordinator@${slug}.demo`);
    if (!reviewer || i % 4 === 3) continue;
    await textsStore.review(m, story.id, i % 7 === 5 ? { status: 'AFGEWEZEN', note: 'Demo: te herkenbaar voor een kleine gemeente; graag algemener.', reviewerId: reviewer } : { status: 'GOEDGEKEURD', note: null, reviewerId: reviewer });
  }
}

/** Voorstellen in every status, each bundling the author's demo knelpunten about its rule. */
async function writeProposals(m: EntityManager, org: Map<string, string>, employee: Map<string, string>): Promise<void> {
  for (const p of DEMO_PROPOSALS) {
    const author = org.get(p.authorSlug) ?? '';
    const owner = org.get(p.ownerSlug) ?? '';
    await switchTenant(m, author);
    const bundled = ((await m.query(`SELECT id FROM report_bottlenecks WHERE organisation_id = $1 AND rule = $2 ORDER BY month DESC, id LIMIT 20`, [author, p.rule])) as Array<{ id: string }>).map((r) => r.id);
    const created = await textsStore.insertProposal(m, { authorOrganisationId: author, authorEmployeeId: employee.get(`beleid@${p.authorSlug}.demo`) ?? null, ownerOrganisationId: owner, rule: p.rule, proposal: p.proposal, bottleneckIds: bundled });
    await switchTenant(m, owner);
    const path: Array<'IN_BEHANDELING' | 'OPGELOST' | 'AFGEWEZEN'> = p.status === 'INGEDIEND' ? [] : p.status === 'IN_BEHANDELING' ? ['IN_BEHANDELING'] : ['IN_BEHANDELING', p.status];
    let version = created.version;
    let from = created.status;
    for (const to of path) {
      const last = to === path[path.length - 1];
      await textsStore.moveProposal(m, created.id, { from, to, response: last ? p.response : null, rejectionReason: to === 'AFGEWEZEN' ? p.rejectionReason : null, expectedVersion: version });
      version++;
      from = to;
    }
  }
}
