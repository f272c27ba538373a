import { Injectable } from '@nestjs/common';
import { ActionListsService } from '@schakel/action-lists';
import { OrganisationsService } from '@schakel/organisations';
import { AppError, type RequestContext } from '@schakel/platform';
import type { ReportScope } from './reporting.enums';

export interface ResolvedScope {
  scope: ReportScope;
  actionListId: string | null;
  /** The organisations whose figures the report shows, by name. */
  organisations: Array<{ id: string; name: string }>;
}

/**
 * Whose figures a caller may see: its own organisation's, or those of all parties of a FINAL
 * action list its organisation is a party to (they agreed to cooperate). The list is read through
 * ActionListsService, so its row-level security decides whether the caller sees it at all.
 */
@Injectable()
export class ReportScopes {
  constructor(
    private readonly lists: ActionListsService,
    private readonly organisations: OrganisationsService,
  ) {}

  async resolve(ctx: RequestContext, scope: ReportScope, actionListId: string | null | undefined): Promise<ResolvedScope> {
    const own = ctx.actor.organisationId;
    if (scope === 'ORGANISATION') {
      if (actionListId) throw AppError.badInput({ nl: 'Een actielijst hoort alleen bij het bereik ACTION_LIST.', en: 'An action list belongs to scope ACTION_LIST only.' }, { field: 'actionListId' });
      return { scope, actionListId: null, organisations: await this.named([own]) };
    }
    if (!actionListId) throw AppError.badInput({ nl: 'Kies de actielijst waarvan u de partijen wilt zien.', en: 'Choose the action list whose parties to show.' }, { field: 'actionListId' });
    const view = await this.lists.list(ctx, actionListId);
    const final = view.versions
      .filter((v) => v.status === 'FINAL')
      .sort((a, b) => (b.finalisedAt?.getTime() ?? 0) - (a.finalisedAt?.getTime() ?? 0))[0];
    const parties = final?.content.parties.map((p) => p.organisationId) ?? [];
    if (!final || !parties.includes(own)) {
      throw AppError.forbidden({
        nl: 'Gezamenlijke cijfers zijn er alleen voor partijen van een definitieve (door iedereen ondertekende) actielijst.',
        en: 'Joint figures are only for parties of a FINAL (signed by all) action list.',
      });
    }
    return { scope, actionListId, organisations: await this.named(parties) };
  }

  private async named(ids: readonly string[]): Promise<Array<{ id: string; name: string }>> {
    const found = await this.organisations.findByIds(ids);
    return found.map((o) => ({ id: o.id, name: o.name })).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }
}
