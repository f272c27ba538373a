import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OrganisationsService } from '@schakel/organisations';
import { AppError, type RequestContext, TenantTransactions, textProblem } from '@schakel/platform';
import type { EntityManager } from 'typeorm';
import { assertMayDraft, assertMayUpdateItems, LIST_NOT_FOUND, VERSION_NOT_FOUND } from './access';
import type { VersionStatus } from './action-list.enums';
import type { DraftInput, ItemStatusInput } from './commands';
import type { ActionListContent } from '@schakel/signing';
import { contentHash } from '@schakel/signing';
import * as lists from './store/action-lists.store';
import type { ItemStatusRecord, ListRecord, VersionRecord } from './store/action-lists.store';
import * as signatureStore from './store/signatures.store';
import type { SignatureRecord } from './store/signatures.store';
import { knownTopics } from './store/topics.store';
import { TransparencyLog } from './transparency/transparency-log.service';

export const LIMITS = { parties: 20, items: 100, agreements: 50, maxWorkingDays: 60, title: 200, description: 4000, itemDescription: 1000 } as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ITEM_ID = /^[A-Za-z0-9_-]{1,100}$/;

export interface ListView {
  list: ListRecord;
  versions: VersionRecord[];
}

function bad(nl: string, en: string, field?: string): AppError {
  return AppError.badInput({ nl, en }, field ? { field } : undefined);
}

function checkText(field: string, value: unknown, max: number, required: boolean): void {
  const problem = textProblem(value, { max, required });
  if (problem) throw bad(`${field}: ongeldige of te lange tekst (${problem}).`, `${field}: invalid or too long text (${problem}).`, field);
}

/** Drafting, opening, amending and reading action lists; signing lives in SigningService. */
@Injectable()
export class ActionListsService {
  constructor(
    private readonly tenants: TenantTransactions,
    private readonly organisations: OrganisationsService,
    private readonly log: TransparencyLog,
  ) {}

  async create(ctx: RequestContext, input: DraftInput): Promise<ListView> {
    assertMayDraft(ctx.actor);
    const owner = ctx.actor.organisationId;
    const listId = randomUUID();
    return this.tenants.run({ organisationId: owner }, async (m) => {
      const content = await this.buildContent(m, input, owner);
      await lists.insertList(m, { id: listId, ownerOrganisationId: owner, employeeId: ctx.actor.employeeId });
      await lists.addParties(m, listId, content.parties.map((p) => p.organisationId));
      await lists.insertVersion(m, { listId, version: 1, content, contentHash: contentHash(content), previousVersionHash: null, employeeId: ctx.actor.employeeId });
      return this.readList(m, listId);
    });
  }

  async updateDraft(ctx: RequestContext, versionId: string, input: DraftInput): Promise<VersionRecord> {
    assertMayDraft(ctx.actor);
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => {
      const version = await this.ownedVersion(m, ctx, versionId, true);
      if (version.status !== 'DRAFT') throw this.notDraft(version.status);
      const content = await this.buildContent(m, input, version.ownerOrganisationId);
      await lists.addParties(m, version.listId, content.parties.map((p) => p.organisationId));
      await lists.updateDraft(m, versionId, content, contentHash(content));
      return this.mustFindVersion(m, versionId);
    });
  }

  /** DRAFT → OPEN_FOR_SIGNING: from here on the content is fixed (database trigger) and logged. */
  async open(ctx: RequestContext, versionId: string): Promise<VersionRecord> {
    assertMayDraft(ctx.actor);
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => {
      const version = await this.ownedVersion(m, ctx, versionId, true);
      if (version.status !== 'DRAFT') throw this.notDraft(version.status);
      if (version.content.parties.length < 2) throw bad('Een gezamenlijke actielijst heeft minstens twee partijen.', 'A joint action list needs at least two parties.', 'parties');
      const at = new Date();
      await lists.setStatus(m, versionId, 'OPEN_FOR_SIGNING', at);
      await this.log.append(m, [
        { type: 'OPENED', listId: version.listId, version: version.version, contentHash: version.contentHash, previousVersionHash: version.previousVersionHash, at: at.toISOString() },
      ]);
      return this.mustFindVersion(m, versionId);
    });
  }

  /**
   * A new DRAFT version n+1 from the newest version, carrying its hash as previousVersionHash.
   * An OPEN_FOR_SIGNING newest version is SUPERSEDED at once (its signatures do not carry over);
   * a FINAL one keeps applying until the new version is FINAL itself.
   */
  async amend(ctx: RequestContext, listId: string): Promise<VersionRecord> {
    assertMayDraft(ctx.actor);
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => {
      const list = await lists.findList(m, listId);
      if (!list) throw AppError.notFound(LIST_NOT_FOUND);
      this.assertOwner(ctx, list.ownerOrganisationId);
      const latest = await lists.latestVersion(m, listId, true);
      if (!latest) throw AppError.notFound(LIST_NOT_FOUND);
      if (latest.status === 'DRAFT') {
        throw AppError.conflict({ nl: 'Er is al een concept: pas dat aan.', en: 'There is a draft already: edit that one.' }, { versionId: latest.id });
      }
      if (latest.status === 'OPEN_FOR_SIGNING') await lists.setStatus(m, latest.id, 'SUPERSEDED', new Date());
      const id = await lists.insertVersion(m, {
        listId,
        version: latest.version + 1,
        content: latest.content,
        contentHash: latest.contentHash,
        previousVersionHash: latest.contentHash,
        employeeId: ctx.actor.employeeId,
      });
      return this.mustFindVersion(m, id);
    });
  }

  async updateItemStatus(ctx: RequestContext, input: ItemStatusInput): Promise<ItemStatusRecord> {
    assertMayUpdateItems(ctx.actor);
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => {
      const version = await lists.findVersion(m, input.versionId);
      if (!version) throw AppError.notFound(VERSION_NOT_FOUND);
      if (version.status !== 'FINAL') {
        throw AppError.conflict({ nl: 'De status van acties houdt u bij zodra de lijst definitief is.', en: 'Item statuses are kept once the list is final.' }, { status: version.status });
      }
      const item = version.content.items.find((i) => i.id === input.itemId);
      if (!item) throw AppError.notFound({ nl: 'Deze actie', en: 'This item' });
      if (item.ownerOrganisationId !== ctx.actor.organisationId) {
        throw AppError.forbidden({ nl: 'Alleen de eigenaar van de actie werkt de status bij.', en: "Only the item's owner updates its status." });
      }
      const machineClientId = ctx.actor.kind === 'machine' ? ctx.actor.clientId : null;
      await lists.updateItemStatus(m, { ...input, employeeId: ctx.actor.employeeId, machineClientId });
      const [row] = (await lists.itemStatuses(m, [input.versionId])).filter((r) => r.itemId === input.itemId);
      return row;
    });
  }

  // ---- Reads ---------------------------------------------------------------------------------

  async lists(ctx: RequestContext, limit = 100): Promise<ListView[]> {
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => {
      const found = await lists.visibleLists(m, Math.min(Math.max(limit, 1), 500));
      const versions = await lists.versionsOf(m, found.map((l) => l.id));
      return found.map((list) => ({ list, versions: versions.filter((v) => v.listId === list.id) }));
    });
  }

  async list(ctx: RequestContext, id: string): Promise<ListView> {
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, (m) => this.readList(m, id));
  }

  async version(ctx: RequestContext, id: string): Promise<VersionRecord> {
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, (m) => this.mustFindVersion(m, id));
  }

  /** Signatures and item statuses of many versions at once (one transaction, two statements). */
  async details(ctx: RequestContext, versionIds: readonly string[]): Promise<{ signatures: SignatureRecord[]; statuses: ItemStatusRecord[] }> {
    if (versionIds.length === 0) return { signatures: [], statuses: [] };
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => ({
      signatures: await signatureStore.signaturesOf(m, versionIds),
      statuses: await lists.itemStatuses(m, versionIds),
    }));
  }

  // ---- Helpers ---------------------------------------------------------------------------------

  private async readList(m: EntityManager, id: string): Promise<ListView> {
    const list = await lists.findList(m, id);
    if (!list) throw AppError.notFound(LIST_NOT_FOUND);
    return { list, versions: await lists.versionsOf(m, [id]) };
  }

  private async mustFindVersion(m: EntityManager, id: string): Promise<VersionRecord> {
    const version = await lists.findVersion(m, id);
    if (!version) throw AppError.notFound(VERSION_NOT_FOUND);
    return version;
  }

  private async ownedVersion(m: EntityManager, ctx: RequestContext, id: string, lock: boolean): Promise<VersionRecord> {
    const version = await lists.findVersion(m, id, lock);
    if (!version) throw AppError.notFound(VERSION_NOT_FOUND);
    this.assertOwner(ctx, version.ownerOrganisationId);
    return version;
  }

  private assertOwner(ctx: RequestContext, ownerOrganisationId: string): void {
    if (ctx.actor.organisationId !== ownerOrganisationId) {
      throw AppError.forbidden({ nl: 'Alleen de organisatie die de lijst opstelde past haar aan.', en: 'Only the organisation that drew up the list changes it.' });
    }
  }

  private notDraft(status: VersionStatus): AppError {
    return AppError.conflict({ nl: 'Deze versie is geen concept meer: maak een nieuwe versie.', en: 'This version is no longer a draft: amend the list.' }, { status });
  }

  /** Checks a draft and turns it into the content that will be signed (parties with OIN and name). */
  private async buildContent(m: EntityManager, input: DraftInput, ownerOrganisationId: string): Promise<ActionListContent> {
    checkText('title', input.title, LIMITS.title, true);
    checkText('description', input.description, LIMITS.description, false);
    const partyIds = [...new Set([ownerOrganisationId, ...input.partyOrganisationIds])];
    if (partyIds.length > LIMITS.parties) throw bad(`Hoogstens ${LIMITS.parties} partijen.`, `At most ${LIMITS.parties} parties.`, 'parties');
    if (input.items.length > LIMITS.items) throw bad(`Hoogstens ${LIMITS.items} acties.`, `At most ${LIMITS.items} items.`, 'items');
    if (input.agreements.length > LIMITS.agreements) throw bad(`Hoogstens ${LIMITS.agreements} afspraken.`, `At most ${LIMITS.agreements} agreements.`, 'agreements');
    const found = await this.organisations.findByIds(partyIds);
    const byId = new Map(found.filter((o) => o.active).map((o) => [o.id, o]));
    const parties = partyIds.map((id) => {
      const o = byId.get(id);
      if (!o) throw bad('Een partij is geen actieve organisatie.', 'A party is not an active organisation.', 'parties');
      return { organisationId: o.id, oin: o.oin, name: o.name };
    });
    const isParty = (id: string): boolean => partyIds.includes(id);

    const seenItems = new Set<string>();
    const items = input.items.map((item, i) => {
      const id = item.id ?? randomUUID();
      if (!ITEM_ID.test(id) || seenItems.has(id)) throw bad('Elke actie heeft een eigen id (letters, cijfers, - en _).', 'Every item has its own id (letters, digits, - and _).', `items[${i}].id`);
      seenItems.add(id);
      checkText(`items[${i}].description`, item.description, LIMITS.itemDescription, true);
      if (!isParty(item.ownerOrganisationId)) throw bad('De eigenaar van een actie moet een partij zijn.', "An item's owner must be a party.", `items[${i}].ownerOrganisationId`);
      const dueDate = item.dueDate ?? null;
      if (dueDate !== null && (!DATE.test(dueDate) || Number.isNaN(Date.parse(`${dueDate}T00:00:00Z`)))) {
        throw bad('Een einddatum is een datum JJJJ-MM-DD.', 'A due date is a date YYYY-MM-DD.', `items[${i}].dueDate`);
      }
      return { id, position: i + 1, description: item.description, ownerOrganisationId: item.ownerOrganisationId, dueDate };
    });

    const topics = await knownTopics(m);
    const seenAgreements = new Set<string>();
    const agreements = input.agreements.map((a, i) => {
      const topic = a.topic ?? null;
      if (!isParty(a.receivingOrganisationId)) throw bad('De ontvangende organisatie van een afspraak moet een partij zijn.', "An agreement's receiving organisation must be a party.", `agreements[${i}].receivingOrganisationId`);
      if (topic !== null && !topics.includes(topic)) throw bad('Onbekend onderwerp.', 'Unknown topic.', `agreements[${i}].topic`);
      for (const [field, days] of [['acceptWithinWorkingDays', a.acceptWithinWorkingDays], ['firstContactWithinWorkingDays', a.firstContactWithinWorkingDays]] as const) {
        if (!Number.isSafeInteger(days) || days < 0 || days > LIMITS.maxWorkingDays) {
          throw bad(`Een termijn is 0 tot ${LIMITS.maxWorkingDays} werkdagen.`, `A term is 0 to ${LIMITS.maxWorkingDays} working days.`, `agreements[${i}].${field}`);
        }
      }
      const key = `${a.receivingOrganisationId}|${topic ?? ''}`;
      if (seenAgreements.has(key)) throw bad('Eén afspraak per ontvanger en onderwerp.', 'One agreement per receiver and topic.', `agreements[${i}]`);
      seenAgreements.add(key);
      return { receivingOrganisationId: a.receivingOrganisationId, topic, acceptWithinWorkingDays: a.acceptWithinWorkingDays, firstContactWithinWorkingDays: a.firstContactWithinWorkingDays };
    });
    return { title: input.title, description: input.description, parties, items, agreements };
  }
}
