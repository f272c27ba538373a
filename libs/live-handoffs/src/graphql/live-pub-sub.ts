import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, redisOptionsFromUrl } from '@schakel/platform';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis from 'ioredis';

export const LIVE_PUB_SUB = Symbol('LIVE_PUB_SUB');

/** Redis pub/sub for the live-handoff subscriptions: whichever API process a screen is connected to, it hears. */
export const livePubSubProvider: Provider = {
  provide: LIVE_PUB_SUB,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): RedisPubSub => {
    const options = { ...redisOptionsFromUrl(config.REDIS_URL), retryStrategy: (times: number) => Math.min(times * 200, 2000) };
    return new RedisPubSub({ publisher: new Redis(options), subscriber: new Redis(options) });
  },
};

@Injectable()
export class LivePubSubCloser implements OnApplicationShutdown {
  constructor(@Inject(LIVE_PUB_SUB) private readonly pubSub: RedisPubSub) {}
  async onApplicationShutdown(): Promise<void> {
    await this.pubSub.close();
  }
}
