import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext, RequiresScope } from '@schakel/platform';
import type { DeliveryStatus } from '../webhooks/webhook-records';
import { WebhookSubscriptions } from '../webhooks/webhook-subscriptions';
import {
  CreatedWebhookSubscriptionType,
  CreateWebhookSubscriptionInput,
  WebhookDeliveryStatusEnum,
  WebhookDeliveryType,
  WebhookSubscriptionType,
} from './follow-ups.types';

@Resolver()
export class WebhooksResolver {
  constructor(private readonly webhooks: WebhookSubscriptions) {}

  @RequiresScope('webhooks:manage')
  @Mutation(() => CreatedWebhookSubscriptionType, { description: 'Abonneer een callback-URL op kanalen; de URL krijgt eerst een testbericht.' })
  async createWebhookSubscription(@Ctx() ctx: RequestContext, @Args('input') input: CreateWebhookSubscriptionInput): Promise<CreatedWebhookSubscriptionType> {
    const { subscription, secret } = await this.webhooks.subscribe(ctx, input);
    return { subscription: WebhookSubscriptionType.from(subscription), secret };
  }

  @RequiresScope('webhooks:manage')
  @Mutation(() => WebhookSubscriptionType, { description: 'Zet een abonnement uit.' })
  async deleteWebhookSubscription(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<WebhookSubscriptionType> {
    return WebhookSubscriptionType.from(await this.webhooks.unsubscribe(ctx, id));
  }

  @RequiresScope('webhooks:manage')
  @Query(() => [WebhookSubscriptionType])
  async webhookSubscriptions(@Ctx() ctx: RequestContext): Promise<WebhookSubscriptionType[]> {
    return (await this.webhooks.subscriptions(ctx)).map(WebhookSubscriptionType.from);
  }

  @RequiresScope('webhooks:manage')
  @Query(() => [WebhookDeliveryType], { description: 'Afleveringen van uw organisatie, nieuwste eerst; FAILED = alle pogingen op.' })
  async webhookDeliveries(
    @Ctx() ctx: RequestContext,
    @Args('status', { type: () => WebhookDeliveryStatusEnum, nullable: true }) status?: DeliveryStatus | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
  ): Promise<WebhookDeliveryType[]> {
    return (await this.webhooks.deliveries(ctx, status ?? null, first ?? 50)).map(WebhookDeliveryType.from);
  }

  @RequiresScope('webhooks:manage')
  @Mutation(() => WebhookDeliveryType, { description: 'Verstuur een mislukte aflevering opnieuw.' })
  async retryWebhookDelivery(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<WebhookDeliveryType> {
    return WebhookDeliveryType.from(await this.webhooks.retry(ctx, id));
  }
}
