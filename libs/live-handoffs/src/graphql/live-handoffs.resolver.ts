import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { type Actor, APP_CONFIG, type AppConfig, AppError, Ctx, PEOPLE_ONLY, type RequestContext, RequiresScope } from '@schakel/platform';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { liveHandoffChannel, type LiveHandoffMessage } from '../live-events';
import { LiveHandoffsService } from '../live-handoffs.service';
import { LiveViews } from '../live-views';
import { LIVE_PUB_SUB } from './live-pub-sub';
import { LiveHandoffRequestType, LiveHandoffType, OnDutyType, RequestLiveHandoffInput } from './live-handoff.types';

interface SubscriptionContext {
  req?: { actor?: Actor; id?: string };
}

/** Live warm handoffs: thin; the rules are in LiveHandoffsService. People only (no partner system is on duty). */
@RequiresScope(PEOPLE_ONLY)
@Resolver(() => LiveHandoffType)
export class LiveHandoffsResolver {
  constructor(
    private readonly service: LiveHandoffsService,
    private readonly views: LiveViews,
    @Inject(LIVE_PUB_SUB) private readonly pubSub: RedisPubSub,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Query(() => OnDutyType, { description: 'Of u dienstdoende bent.' })
  onDuty(@Ctx() ctx: RequestContext): Promise<OnDutyType> {
    return this.service.onDuty(ctx);
  }

  @Query(() => Int, { description: 'Hoeveel medewerkers van een organisatie nu dienstdoende zijn (alleen het aantal).' })
  onDutyCount(@Ctx() ctx: RequestContext, @Args('organisationId', { type: () => ID }) organisationId: string): Promise<number> {
    return this.service.onDutyCount(ctx, organisationId);
  }

  @Query(() => [LiveHandoffType], { description: 'De live verzoeken van een overdracht, nieuwste eerst.' })
  async liveHandoffs(@Ctx() ctx: RequestContext, @Args('handoffId', { type: () => ID }) handoffId: string): Promise<LiveHandoffType[]> {
    return this.views.of(ctx, await this.service.ofHandoff(ctx, handoffId));
  }

  @Query(() => LiveHandoffType, { description: 'Eén live verzoek (verzendende en ontvangende organisatie).' })
  async liveHandoff(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<LiveHandoffType> {
    const [view] = await this.views.of(ctx, [await this.service.get(ctx, id)]);
    return view;
  }

  @Query(() => [LiveHandoffType], { description: 'Live verzoeken die op uw organisatie wachten (alleen voor dienstdoenden; anders leeg).' })
  async openLiveHandoffRequests(@Ctx() ctx: RequestContext): Promise<LiveHandoffType[]> {
    return this.views.of(ctx, await this.service.openRequests(ctx));
  }

  @Mutation(() => OnDutyType, { description: 'Zet uzelf aan of uit als dienstdoende (behandelaar of coördinator).' })
  setOnDuty(@Ctx() ctx: RequestContext, @Args('onDuty') onDuty: boolean): Promise<OnDutyType> {
    return this.service.setOnDuty(ctx, onDuty);
  }

  @Mutation(() => LiveHandoffType, { description: 'Vraag de dienstdoenden van de ontvanger om het nu live over te nemen (verzendende kant).' })
  async requestLiveHandoff(@Ctx() ctx: RequestContext, @Args('input') input: RequestLiveHandoffInput): Promise<LiveHandoffType> {
    const [view] = await this.views.of(ctx, [await this.service.request(ctx, input)]);
    return view;
  }

  @Mutation(() => LiveHandoffType, { description: 'Neem een live verzoek over (dienstdoende van de ontvanger); de eerste wint.' })
  async pickUpLiveHandoff(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<LiveHandoffType> {
    const [view] = await this.views.of(ctx, [await this.service.pickUp(ctx, id)]);
    return view;
  }

  @Mutation(() => LiveHandoffType, { description: 'Trek een live verzoek in zolang niemand het overnam (verzendende kant).' })
  async cancelLiveHandoff(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<LiveHandoffType> {
    const [view] = await this.views.of(ctx, [await this.service.cancel(ctx, id)]);
    return view;
  }

  @Subscription(() => LiveHandoffRequestType, {
    description: 'Nieuwe live verzoeken aan uw organisatie, alleen zolang u dienstdoende bent (graphql-ws).',
    filter(this: LiveHandoffsResolver, message: LiveHandoffMessage, _args: unknown, context: SubscriptionContext) {
      const actor = context.req?.actor;
      if (!actor || message.kind !== 'requested' || message.toOrganisationId !== actor.organisationId) return false;
      return this.service.isOnDuty(actor);
    },
    resolve(this: LiveHandoffsResolver, message: LiveHandoffMessage, _args: unknown, context: SubscriptionContext) {
      return this.views.request(this.contextOf(context), message.liveHandoffId);
    },
  })
  liveHandoffRequests(@Ctx() ctx: RequestContext): AsyncIterator<LiveHandoffMessage> {
    this.service.authorizeOnDutyEvents(ctx);
    return this.pubSub.asyncIterator<LiveHandoffMessage>(liveHandoffChannel(this.config.REDIS_PREFIX));
  }

  @Subscription(() => LiveHandoffType, {
    description: 'Veranderingen van één live verzoek (overgenomen, teruggevallen, ingetrokken), voor de verzendende en ontvangende organisatie.',
    filter: (message: LiveHandoffMessage, args: { id: string }, context: SubscriptionContext) => {
      const organisationId = context.req?.actor?.organisationId;
      return message.kind === 'changed' && message.liveHandoffId === args.id && (message.fromOrganisationId === organisationId || message.toOrganisationId === organisationId);
    },
    async resolve(this: LiveHandoffsResolver, message: LiveHandoffMessage, _args: unknown, context: SubscriptionContext) {
      const ctx = this.contextOf(context);
      const [view] = await this.views.of(ctx, [await this.service.get(ctx, message.liveHandoffId)]);
      return view;
    },
  })
  async liveHandoffChanged(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<AsyncIterator<LiveHandoffMessage>> {
    // Only who may see the request may follow it: an outsider gets NOT_FOUND at once.
    await this.service.get(ctx, id);
    return this.pubSub.asyncIterator<LiveHandoffMessage>(liveHandoffChannel(this.config.REDIS_PREFIX));
  }

  private contextOf(context: SubscriptionContext): RequestContext {
    const actor = context.req?.actor;
    if (!actor) throw AppError.unauthenticated();
    return { actor, traceId: context.req?.id ?? 'subscription' };
  }
}
