import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ANY_SCOPE, Ctx, PEOPLE_ONLY, type RequestContext, RequiresScope } from '@schakel/platform';
import { ActionListsService, type ListView } from '../action-lists.service';
import type { ItemStatus } from '../action-list.enums';
import type { SignatureIntent } from '@schakel/signing';
import { SigningService } from '../signing.service';
import type { VersionRecord } from '../store/action-lists.store';
import { PlatformSigningKey } from '../transparency/platform-key';
import { TransparencyLog } from '../transparency/transparency-log.service';
import { ActionListDraftInput } from './action-list.inputs';
import {
  ActionItemStatusType,
  ActionListType,
  ActionListVerificationType,
  ActionListVersionType,
  ConsistencyProofType,
  InclusionProofType,
  SigningKeyType,
  SigningStatementType,
  TransparencyCheckpointType,
} from './action-list.types';
import { ActionItemStatusEnum, SignatureIntentEnum } from './enums.graphql';

/** Joint action lists: thin; the rules are in ActionListsService and SigningService. */
@Resolver(() => ActionListType)
export class ActionListsResolver {
  constructor(
    private readonly lists: ActionListsService,
    private readonly signing: SigningService,
  ) {}

  private async listTypes(ctx: RequestContext, views: readonly ListView[]): Promise<ActionListType[]> {
    const { signatures, statuses } = await this.lists.details(ctx, views.flatMap((v) => v.versions.map((x) => x.id)));
    return views.filter((v) => v.versions.length > 0).map((v) => ActionListType.from(v.list, v.versions, signatures, statuses));
  }

  private async versionType(ctx: RequestContext, version: VersionRecord): Promise<ActionListVersionType> {
    const { signatures, statuses } = await this.lists.details(ctx, [version.id]);
    return ActionListVersionType.from(version, signatures, statuses);
  }

  @RequiresScope('action-lists:read')
  @Query(() => [ActionListType], { description: 'De actielijsten waarin uw organisatie partij is, nieuwste eerst.' })
  async actionLists(@Ctx() ctx: RequestContext): Promise<ActionListType[]> {
    return this.listTypes(ctx, await this.lists.lists(ctx));
  }

  @RequiresScope('action-lists:read')
  @Query(() => ActionListType, { description: 'Eén actielijst waarin uw organisatie partij is.' })
  async actionList(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<ActionListType> {
    const [list] = await this.listTypes(ctx, [await this.lists.list(ctx, id)]);
    return list;
  }

  @RequiresScope('action-lists:read')
  @Query(() => ActionListVersionType)
  async actionListVersion(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<ActionListVersionType> {
    return this.versionType(ctx, await this.lists.version(ctx, id));
  }

  @RequiresScope(PEOPLE_ONLY)
  @Mutation(() => ActionListType, { description: 'Stel een nieuwe actielijst op (versie 1, concept). Secretaris of beleidsmedewerker.' })
  async createActionList(@Ctx() ctx: RequestContext, @Args('input') input: ActionListDraftInput): Promise<ActionListType> {
    const [list] = await this.listTypes(ctx, [await this.lists.create(ctx, input)]);
    return list;
  }

  @RequiresScope(PEOPLE_ONLY)
  @Mutation(() => ActionListVersionType, { description: 'Pas een concept aan (alleen zolang het DRAFT is).' })
  async updateActionListDraft(
    @Ctx() ctx: RequestContext,
    @Args('versionId', { type: () => ID }) versionId: string,
    @Args('input') input: ActionListDraftInput,
  ): Promise<ActionListVersionType> {
    return this.versionType(ctx, await this.lists.updateDraft(ctx, versionId, input));
  }

  @RequiresScope(PEOPLE_ONLY)
  @Mutation(() => ActionListVersionType, { description: 'Leg de inhoud vast en stel de versie open voor ondertekening.' })
  async openActionListForSigning(@Ctx() ctx: RequestContext, @Args('versionId', { type: () => ID }) versionId: string): Promise<ActionListVersionType> {
    return this.versionType(ctx, await this.lists.open(ctx, versionId));
  }

  @RequiresScope(PEOPLE_ONLY)
  @Mutation(() => ActionListVersionType, { description: 'Maak versie n+1 (concept) met previousVersionHash; handtekeningen gaan niet mee.' })
  async amendActionList(@Ctx() ctx: RequestContext, @Args('listId', { type: () => ID }) listId: string): Promise<ActionListVersionType> {
    return this.versionType(ctx, await this.lists.amend(ctx, listId));
  }

  @RequiresScope('action-lists:sign')
  @Query(() => SigningStatementType, { description: 'De verklaring die u nu zou ondertekenen, precies zoals de server haar controleert.' })
  async signingStatement(
    @Ctx() ctx: RequestContext,
    @Args('versionId', { type: () => ID }) versionId: string,
    @Args('intent', { type: () => SignatureIntentEnum }) intent: SignatureIntent,
    @Args('kid') kid: string,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<SigningStatementType> {
    return SigningStatementType.from(await this.signing.signingStatement(ctx, versionId, intent, kid, reason ?? null));
  }

  @RequiresScope('action-lists:sign')
  @Mutation(() => ActionListVersionType, { description: 'Onderteken een open versie (APPROVE) met een losse JWS over de verklaring.' })
  async signActionList(
    @Ctx() ctx: RequestContext,
    @Args('versionId', { type: () => ID }) versionId: string,
    @Args('statement') statement: string,
    @Args('jws') jws: string,
  ): Promise<ActionListVersionType> {
    return this.versionType(ctx, await this.signing.sign(ctx, { versionId, statement, jws, intent: 'APPROVE' }));
  }

  @RequiresScope('action-lists:sign')
  @Mutation(() => ActionListVersionType, { description: 'Wijs een open versie af met reden (een ondertekende DECLINE-verklaring); de versie eindigt.' })
  async declineActionList(
    @Ctx() ctx: RequestContext,
    @Args('versionId', { type: () => ID }) versionId: string,
    @Args('statement') statement: string,
    @Args('jws') jws: string,
    @Args('reason') reason: string,
  ): Promise<ActionListVersionType> {
    return this.versionType(ctx, await this.signing.sign(ctx, { versionId, statement, jws, intent: 'DECLINE', reason }));
  }

  @RequiresScope('action-lists:sign')
  @Mutation(() => ActionItemStatusType, { description: 'Werk de status van een actie van een definitieve lijst bij (eigenaar van de actie).' })
  async updateActionItemStatus(
    @Ctx() ctx: RequestContext,
    @Args('versionId', { type: () => ID }) versionId: string,
    @Args('itemId') itemId: string,
    @Args('status', { type: () => ActionItemStatusEnum }) status: ItemStatus,
  ): Promise<ActionItemStatusType> {
    return ActionItemStatusType.from(await this.lists.updateItemStatus(ctx, { versionId, itemId, status }));
  }

  @RequiresScope('action-lists:read')
  @Query(() => ActionListVerificationType, { description: 'Herbereken en controleer alles van een versie: inhoud, handtekeningen, sleutels, log.' })
  async verifyActionList(@Ctx() ctx: RequestContext, @Args('versionId', { type: () => ID }) versionId: string): Promise<ActionListVerificationType> {
    return ActionListVerificationType.from(await this.signing.verify(ctx, versionId));
  }

  @RequiresScope('action-lists:read')
  @Query(() => String, { description: 'Het bewijspakket (JSON) om offline te controleren: npx schakel-verify bundle.json.' })
  async actionListEvidence(@Ctx() ctx: RequestContext, @Args('versionId', { type: () => ID }) versionId: string): Promise<string> {
    return JSON.stringify(await this.signing.evidence(ctx, versionId));
  }
}

@Resolver(() => SigningKeyType)
export class SigningKeysResolver {
  constructor(private readonly signing: SigningService) {}

  @RequiresScope('action-lists:sign')
  @Query(() => [SigningKeyType], { description: 'Uw eigen geregistreerde sleutels (ook ingetrokken).' })
  async mySigningKeys(@Ctx() ctx: RequestContext): Promise<SigningKeyType[]> {
    return (await this.signing.myKeys(ctx)).map(SigningKeyType.from);
  }

  @RequiresScope('action-lists:sign')
  @Mutation(() => SigningKeyType, { description: 'Registreer uw publieke sleutel (JWK als JSON, Ed25519 of P-256). Nooit een privésleutel.' })
  async registerSigningKey(@Ctx() ctx: RequestContext, @Args('publicJwk') publicJwk: string): Promise<SigningKeyType> {
    return SigningKeyType.from(await this.signing.registerKey(ctx, publicJwk));
  }

  @RequiresScope('action-lists:sign')
  @Mutation(() => SigningKeyType, { description: 'Trek een eigen sleutel in; eerdere handtekeningen blijven controleerbaar.' })
  async revokeSigningKey(@Ctx() ctx: RequestContext, @Args('kid') kid: string): Promise<SigningKeyType> {
    return SigningKeyType.from(await this.signing.revokeKey(ctx, kid));
  }
}

@Resolver(() => TransparencyCheckpointType)
export class TransparencyResolver {
  constructor(
    private readonly log: TransparencyLog,
    private readonly platformKey: PlatformSigningKey,
  ) {}

  @RequiresScope(ANY_SCOPE)
  @Query(() => TransparencyCheckpointType, { nullable: true, description: 'Het laatste ondertekende controlepunt van het transparantielog.' })
  async transparencyCheckpoint(): Promise<TransparencyCheckpointType | null> {
    const latest = await this.log.latestCheckpoint();
    return latest ? TransparencyCheckpointType.from(latest, JSON.stringify(this.platformKey.publicJwk)) : null;
  }

  @RequiresScope(ANY_SCOPE)
  @Query(() => InclusionProofType, { description: 'Bewijs dat vermelding index in de boom van treeSize (een controlepunt) staat.' })
  async transparencyInclusionProof(@Args('index', { type: () => Int }) index: number, @Args('treeSize', { type: () => Int }) treeSize: number): Promise<InclusionProofType> {
    return InclusionProofType.from(await this.log.inclusionProof(index, treeSize));
  }

  @RequiresScope(ANY_SCOPE)
  @Query(() => ConsistencyProofType, { description: 'Bewijs dat de boom van to de boom van from ongewijzigd voortzet.' })
  async transparencyConsistencyProof(@Args('from', { type: () => Int }) from: number, @Args('to', { type: () => Int }) to: number): Promise<ConsistencyProofType> {
    return ConsistencyProofType.from(await this.log.consistencyProof(from, to));
  }
}
