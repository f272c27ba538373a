import { Injectable } from '@nestjs/common';
import { OrganisationsService } from '@schakel/organisations';
import { AppError, type RequestContext, TenantTransactions, switchTenant, textProblem } from '@schakel/platform';
import type { EntityManager } from 'typeorm';
import { assertMayReadReports } from './access';
import { scrub } from './privacy/scrubber';
import { PROPOSAL_TRANSITIONS, type ProposalStatus } from './reporting.enums';
import { type Proposal, type ReportBottleneck, textsStore } from './store/texts.store';

export interface ProposalView extends Proposal {
  authorOrganisationName: string;
  ownerOrganisationName: string;
  bottlenecks: ReportBottleneck[];
}

export interface NewProposal {
  ownerOrganisationId: string;
  rule: string;
  proposal: string;
  bottleneckIds: readonly string[];
}

export interface ProposalMove {
  id: string;
  status: ProposalStatus;
  expectedVersion: number;
  response?: string | null;
  rejectionReason?: string | null;
}

const NOT_FOUND = { nl: 'Dit voorstel', en: 'This proposal' };
const MAX_BUNDLE = 100;

function text(field: string, value: unknown, max: number, required: boolean): string | null {
  const problem = textProblem(value, { max, required });
  if (problem) throw AppError.badInput({ nl: `${field}: ongeldige of te lange tekst (${problem}).`, en: `${field}: invalid or too long text (${problem}).` }, { field });
  return typeof value === 'string' && value.trim() !== '' ? scrub(value.trim()).text : null;
}

/**
 * The vereenvoudigingsagenda: a secretaris or beleidsmedewerker bundles knelpunten of the own
 * organisation into a voorstel to the organisation that owns the rule or system; only that owner
 * moves it on (ingediend → in behandeling → opgelost | afgewezen with a reason). Texts are
 * scrubbed like every report text.
 */
@Injectable()
export class ProposalsService {
  constructor(
    private readonly tenants: TenantTransactions,
    private readonly organisations: OrganisationsService,
  ) {}

  async create(ctx: RequestContext, input: NewProposal): Promise<ProposalView> {
    assertMayReadReports(ctx.actor);
    const rule = text('rule', input.rule, 500, true) ?? '';
    const proposal = text('proposal', input.proposal, 4000, true) ?? '';
    const ids = [...new Set(input.bottleneckIds)];
    if (ids.length > MAX_BUNDLE) throw AppError.badInput({ nl: `Hoogstens ${MAX_BUNDLE} knelpunten per voorstel.`, en: `At most ${MAX_BUNDLE} bottlenecks per proposal.` }, { field: 'bottleneckIds' });
    const [owner] = await this.organisations.findByIds([input.ownerOrganisationId]);
    if (!owner) throw AppError.badInput({ nl: 'Onbekende eigenaar van de regel of het systeem.', en: 'Unknown owner of the rule or system.' }, { field: 'ownerOrganisationId' });
    const own = ctx.actor.organisationId;
    return this.tenants.run({ organisationId: own }, async (m) => {
      // Row-level security shows only the own organisation's knelpunten: others are simply not found.
      const found = await textsStore.bottlenecksByIds(m, ids);
      if (found.length !== ids.length) {
        throw AppError.badInput({ nl: 'Een voorstel bundelt alleen knelpunten van uw eigen organisatie.', en: 'A proposal bundles only your own organisation’s bottlenecks.' }, { field: 'bottleneckIds' });
      }
      const created = await textsStore.insertProposal(m, { authorOrganisationId: own, authorEmployeeId: ctx.actor.employeeId, ownerOrganisationId: owner.id, rule, proposal, bottleneckIds: ids });
      return (await this.views(m, [created]))[0];
    });
  }

  async move(ctx: RequestContext, input: ProposalMove): Promise<ProposalView> {
    assertMayReadReports(ctx.actor);
    const response = text('response', input.response ?? null, 4000, false);
    const reason = text('rejectionReason', input.rejectionReason ?? null, 2000, false);
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => {
      // No FOR UPDATE: the author may read but not lock it (update policy); the version check guards the write.
      const current = await textsStore.proposal(m, input.id);
      if (!current) throw AppError.notFound(NOT_FOUND);
      if (current.ownerOrganisationId !== ctx.actor.organisationId) {
        throw AppError.forbidden({ nl: 'Alleen de organisatie aan wie het voorstel is gericht, behandelt het.', en: 'Only the organisation the proposal is addressed to handles it.' });
      }
      if (current.version !== input.expectedVersion) throw AppError.conflict({ nl: 'Het voorstel is intussen gewijzigd.', en: 'The proposal changed in the meantime.' });
      if (!PROPOSAL_TRANSITIONS[current.status].includes(input.status)) {
        throw new AppError('INVALID_TRANSITION', { nl: `Van ${current.status} kan een voorstel niet naar ${input.status}.`, en: `A proposal cannot go from ${current.status} to ${input.status}.` });
      }
      if (input.status === 'AFGEWEZEN' && !reason) throw AppError.badInput({ nl: 'Geef de reden van afwijzen.', en: 'Give the reason for rejecting.' }, { field: 'rejectionReason' });
      if (input.status !== 'AFGEWEZEN' && reason) throw AppError.badInput({ nl: 'Een reden hoort alleen bij afwijzen.', en: 'A reason belongs to rejecting only.' }, { field: 'rejectionReason' });
      const moved = await textsStore.moveProposal(m, input.id, { from: current.status, to: input.status, response, rejectionReason: reason, expectedVersion: input.expectedVersion });
      if (!moved) throw AppError.conflict({ nl: 'Het voorstel is intussen gewijzigd.', en: 'The proposal changed in the meantime.' });
      const after = await textsStore.proposal(m, input.id);
      if (!after) throw AppError.notFound(NOT_FOUND);
      return (await this.views(m, [after]))[0];
    });
  }

  /** Proposals the caller's organisation wrote or must answer. */
  async list(ctx: RequestContext): Promise<ProposalView[]> {
    assertMayReadReports(ctx.actor);
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => this.views(m, await textsStore.proposals(m, ctx.actor.organisationId, 200)));
  }

  /**
   * Adds names and the bundled knelpunten, read in the author's tenant (they are the author's
   * rows; whoever sees the proposal may see what it bundles). Ends in the tenant it started in.
   */
  async views(m: EntityManager, proposals: readonly Proposal[], tenant?: string): Promise<ProposalView[]> {
    const names = new Map((await this.organisations.findByIds([...new Set(proposals.flatMap((p) => [p.authorOrganisationId, p.ownerOrganisationId]))])).map((o) => [o.id, o.name]));
    const [{ current }] = (await m.query(`SELECT current_setting('app.organisation_id', true) AS current`)) as Array<{ current: string }>;
    const views: ProposalView[] = [];
    for (const p of proposals) {
      let bottlenecks: ReportBottleneck[] = [];
      if (p.bottleneckIds.length > 0) {
        await switchTenant(m, p.authorOrganisationId);
        bottlenecks = await textsStore.bottlenecksByIds(m, p.bottleneckIds);
      }
      views.push({ ...p, authorOrganisationName: names.get(p.authorOrganisationId) ?? '', ownerOrganisationName: names.get(p.ownerOrganisationId) ?? '', bottlenecks });
    }
    await switchTenant(m, tenant ?? current);
    return views;
  }
}
