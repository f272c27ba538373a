import { Injectable } from '@nestjs/common';
import { EmployeesService } from '@schakel/organisations';
import type { RequestContext } from '@schakel/platform';
import { ActionListsService } from '../action-lists.service';
import { SigningService } from '../signing.service';
import { renderActionListPdf, type ActionListPdfInput } from './action-list-pdf';

// Topic words as the web app shows them (apps/web/src/ui/labels.ts); an unknown topic prints as is.
const TOPIC_LABEL: Record<string, string> = {
  WERK: 'werk',
  INKOMEN: 'inkomen',
  TOESLAGEN: 'toeslagen',
  BELASTINGEN: 'belastingen',
  SCHULDEN: 'schulden',
  WONEN: 'wonen',
  ZORG: 'zorg',
  JEUGD: 'jeugd',
  OVERIG: 'iets anders',
};

/**
 * The PDF of one version for its parties. Reads through the same services (and so the same
 * row-level security) as the screens: a non-party gets NOT_FOUND, never a document.
 */
@Injectable()
export class ActionListPdfService {
  constructor(
    private readonly lists: ActionListsService,
    private readonly signing: SigningService,
    private readonly employees: EmployeesService,
  ) {}

  async pdfInput(ctx: RequestContext, versionId: string, now = new Date()): Promise<ActionListPdfInput> {
    const verification = await this.signing.verify(ctx, versionId);
    const { version } = verification;
    const { statuses } = await this.lists.details(ctx, [version.id]);
    const { content } = version;
    const partyName = (id: string) => content.parties.find((p) => p.organisationId === id)?.name ?? 'onbekende organisatie';
    const signed = new Map(verification.signatures.map((c) => [c.signature.organisationId, c.signature.intent]));
    const employeeIds = verification.signatures.map((c) => c.signature.statement.signer.employeeId).filter((id): id is string => Boolean(id));
    const names = new Map((await this.employees.findByIds(employeeIds)).map((e) => [e.id, e.displayName]));

    return {
      listId: version.listId,
      versionId: version.id,
      version: version.version,
      status: version.status,
      title: content.title,
      description: content.description,
      contentHash: version.contentHash,
      previousVersionHash: version.previousVersionHash,
      finalisedAt: version.finalisedAt,
      parties: content.parties.map((p) => ({ name: p.name, oin: p.oin, signed: signed.get(p.organisationId) ?? null })),
      items: [...content.items]
        .sort((a, b) => a.position - b.position)
        .map((i) => ({
          position: i.position,
          description: i.description,
          ownerName: partyName(i.ownerOrganisationId),
          dueDate: i.dueDate,
          status: statuses.find((s) => s.versionId === version.id && s.itemId === i.id)?.status ?? null,
        })),
      agreements: content.agreements.map((a) => ({
        receiverName: partyName(a.receivingOrganisationId),
        topic: a.topic === null ? null : (TOPIC_LABEL[a.topic] ?? a.topic),
        acceptWithinWorkingDays: a.acceptWithinWorkingDays,
        firstContactWithinWorkingDays: a.firstContactWithinWorkingDays,
      })),
      signatures: verification.signatures.map((c) => {
        const signer = c.signature.statement.signer;
        return {
          signerName: signer.employeeId ? (names.get(signer.employeeId) ?? 'een secretaris') : 'het systeem van de organisatie',
          organisationName: partyName(c.signature.organisationId),
          organisationOin: c.organisationOin,
          intent: c.signature.intent,
          reason: c.signature.reason,
          signedAt: c.signature.signedAt,
          kid: c.signature.kid,
          logIndex: c.logIndex,
          valid: c.valid,
          inclusionVerified: c.inclusionVerified,
        };
      }),
      verified: verification.ok,
      generatedAt: now,
    };
  }

  async pdf(ctx: RequestContext, versionId: string): Promise<Buffer> {
    return renderActionListPdf(await this.pdfInput(ctx, versionId));
  }
}
