import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { type Actor, APP_CONFIG, type AppConfig, AppError, Ctx, encodeCursor, notificationChannel, PEOPLE_ONLY, type RequestContext, RequiresScope } from '@schakel/platform';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { NOTIFICATION_CURSOR, NotificationsService } from '../notifications/notifications.service';
import { NotificationConnectionType, NotificationType } from './follow-ups.types';
import { PUB_SUB } from './pub-sub';

interface AddedMessage {
  id: string;
  recipientId: string;
}

/** Notifications are personal: machine clients have none. */
@RequiresScope(PEOPLE_ONLY)
@Resolver(() => NotificationType)
export class NotificationsResolver {
  constructor(
    private readonly notificationsService: NotificationsService,
    @Inject(PUB_SUB) private readonly pubSub: RedisPubSub,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Query(() => NotificationConnectionType, { description: 'Uw meldingen, nieuwste eerst.' })
  async notifications(
    @Ctx() ctx: RequestContext,
    @Args('unreadOnly', { type: () => Boolean, nullable: true }) unreadOnly?: boolean | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<NotificationConnectionType> {
    const page = await this.notificationsService.list(ctx, { unreadOnly, first, after });
    const edges = page.nodes.map((n) => ({ cursor: encodeCursor(NOTIFICATION_CURSOR, n.id), node: NotificationType.from(n) }));
    return { edges, totalCount: page.totalCount, unreadCount: page.unreadCount, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Mutation(() => [NotificationType], { description: 'Markeer meldingen als gelezen (alleen uw eigen).' })
  async markNotificationsRead(@Ctx() ctx: RequestContext, @Args('ids', { type: () => [ID] }) ids: string[]): Promise<NotificationType[]> {
    return (await this.notificationsService.markRead(ctx, ids)).map(NotificationType.from);
  }

  @Subscription(() => NotificationType, {
    description: 'Nieuwe meldingen, live (graphql-ws; token in connection_init).',
    filter: (message: AddedMessage, _args: unknown, context: { req?: { actor?: Actor } }) => message.recipientId === context.req?.actor?.employeeId,
    resolve(this: NotificationsResolver, message: AddedMessage, _args: unknown, context: { req?: { actor?: Actor; id?: string } }) {
      return this.resolveAdded(message, context);
    },
  })
  notificationAdded(@Ctx() _ctx: RequestContext): AsyncIterator<AddedMessage> {
    return this.pubSub.asyncIterator<AddedMessage>(notificationChannel(this.config.REDIS_PREFIX));
  }

  private async resolveAdded(message: AddedMessage, context: { req?: { actor?: Actor; id?: string } }): Promise<NotificationType> {
    const actor = context.req?.actor;
    if (!actor) throw AppError.unauthenticated();
    const found = await this.notificationsService.getForRecipient({ actor, traceId: context.req?.id ?? 'subscription' }, message.id);
    if (!found) throw AppError.notFound({ nl: 'Deze melding', en: 'This notification' });
    return NotificationType.from(found);
  }
}
