import { Inject } from '@nestjs/common';
import { Args, Field, ObjectType, Resolver, Subscription } from '@nestjs/graphql';
import { type Actor, APP_CONFIG, type AppConfig, AppError, Ctx, handoffEventChannel, type HandoffEventMessage, type RequestContext, RequiresScope } from '@schakel/platform';
import { type HandoffDirection, HandoffDirectionEnum, HandoffsService, HandoffType } from '@schakel/referrals';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { PUB_SUB } from './pub-sub';

@ObjectType('HandoffEvent', { description: 'Een overgang van een overdracht die uw organisatie mag zien.' })
export class HandoffEventType {
  @Field({ description: 'Uniek per gebeurtenis; gelijk aan de Idempotency-Key van de webhook.' }) id!: string;
  @Field({ description: 'requested, received, accepted, contact_recorded, completed, forwarded, returned, cancelled, escalated' }) actie!: string;
  @Field() occurredAt!: Date;
  @Field(() => HandoffType, { description: 'De overdracht zoals die nu is.' }) handoff!: HandoffType;
}

interface SubscriptionContext {
  req?: { actor?: Actor; id?: string };
}

function concerns(message: HandoffEventMessage, direction: HandoffDirection, actor: Actor | undefined): boolean {
  if (!actor) return false;
  return direction === 'INCOMING' ? message.toOrganisationId === actor.organisationId : message.fromOrganisationId === actor.organisationId;
}

@Resolver(() => HandoffEventType)
export class HandoffEventsResolver {
  constructor(
    private readonly handoffs: HandoffsService,
    @Inject(PUB_SUB) private readonly pubSub: RedisPubSub,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @RequiresScope('handoffs:read')
  @Subscription(() => HandoffEventType, {
    description: 'Live overgangen van inkomende of uitgaande overdrachten (graphql-ws; token in connection_init).',
    filter: (message: HandoffEventMessage, args: { direction: HandoffDirection }, context: SubscriptionContext) => concerns(message, args.direction, context.req?.actor),
    resolve(this: HandoffEventsResolver, message: HandoffEventMessage, _args: unknown, context: SubscriptionContext) {
      return this.resolveEvent(message, context);
    },
  })
  handoffEvents(
    @Ctx() ctx: RequestContext,
    @Args('direction', { type: () => HandoffDirectionEnum }) _direction: HandoffDirection,
  ): AsyncIterator<HandoffEventMessage> {
    this.handoffs.authorizeLiveEvents(ctx);
    return this.pubSub.asyncIterator<HandoffEventMessage>(handoffEventChannel(this.config.REDIS_PREFIX));
  }

  private async resolveEvent(message: HandoffEventMessage, context: SubscriptionContext): Promise<HandoffEventType> {
    const actor = context.req?.actor;
    if (!actor) throw AppError.unauthenticated();
    // Read under the subscriber's own tenant: row-level security has the last word.
    const handoff = await this.handoffs.get({ actor, traceId: context.req?.id ?? 'subscription' }, message.handoffId);
    return { id: message.eventId, actie: message.topic.slice(message.topic.indexOf('.') + 1), occurredAt: new Date(message.occurredAt), handoff: HandoffType.from(handoff) };
  }
}
